import type { ErrorCode } from '../../../shared/api/result';
import { COMMIT_UNKNOWN_DETAILS } from '../../../shared/api/result';
import { DB_COMMIT_UNKNOWN_MESSAGE, DB_UNREACHABLE_MESSAGE, isCommitOutcomeUnknown, isConnectionLost } from '../db/connectionLost';

/** An expected failure with a message meant for the user (Indonesian). Anything else becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} tidak ditemukan.`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);

/**
 * What a thrown error tells the user when it is one the app expects: its own AppError, the database's write lock
 * held by a long job (SQLite), the office server out of reach (PostgreSQL). Null for anything else, which the
 * caller logs and answers as INTERNAL. The one mapping for calls (dispatch) and jobs (the job runner).
 */
export function expectedFailure(error: unknown): { code: ErrorCode; message: string; details?: unknown } | null {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  if ((error as { code?: unknown } | null)?.code === 'SQLITE_BUSY') {
    return { code: 'DB_BUSY', message: 'Basis data sedang dipakai pekerjaan lain yang sedang menyimpan (mis. impor besar). Perubahan ini belum disimpan; simpan lagi setelah pekerjaan itu selesai.' };
  }
  // Lost during the COMMIT: written or not, only the server knows. Still DB_UNREACHABLE, for the window's banner.
  if (isCommitOutcomeUnknown(error)) return { code: 'DB_UNREACHABLE', message: DB_COMMIT_UNKNOWN_MESSAGE, details: COMMIT_UNKNOWN_DETAILS };
  // Nothing was committed, and the pool reconnects by itself once the server is back.
  if (isConnectionLost(error)) return { code: 'DB_UNREACHABLE', message: DB_UNREACHABLE_MESSAGE };
  return null;
}
