import { notifications } from '@mantine/notifications';
import type { ApiFailure } from '../../../shared/api/result';

/** Failures that mean the core process stopped (and, for CORE_RESTARTED, started again without sign-ins). */
export const CORE_DOWN_CODES = new Set(['CORE_RESTARTED', 'CORE_STOPPED']);

/**
 * A banner that stays until closed, on whatever page is open (login included): the core process stopped
 * unexpectedly. Saved data is safe; the user signs in again (or, after repeated crashes, restarts the app).
 */
export function announceCoreDown(failure: ApiFailure) {
  const restarted = failure.code === 'CORE_RESTARTED';
  notifications.show({
    id: 'core-down',
    color: restarted ? 'orange' : 'red',
    title: restarted ? 'Proses inti dimulai ulang' : 'Proses inti berhenti',
    message: failure.message,
    autoClose: false,
    withCloseButton: true,
  });
}
