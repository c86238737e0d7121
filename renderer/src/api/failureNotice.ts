import { outcomeUnknown } from '../../../shared/api/result';
import type { ApiError } from './client';

/**
 * How a failed change is announced: "Gagal" in red; but a save whose outcome is unknown (the office server's
 * connection lost while it was committed) is no failure to retry blindly: it stays on screen, in orange, until
 * the clerk closes it, since its message says to look before saving again.
 */
export function failureNotice(error: Pick<ApiError, 'message' | 'details'>): { color: string; title: string; message: string; autoClose: number | false } {
  if (outcomeUnknown(error)) return { color: 'orange', title: 'Belum pasti tersimpan', message: error.message, autoClose: false };
  return { color: 'red', title: 'Gagal', message: error.message, autoClose: 8000 };
}
