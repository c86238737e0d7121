import type { ApiFailure } from '../../../shared/api/result';

/**
 * Whether the office server (PostgreSQL, issue 18) answers: set 'lost' by any call that failed with
 * DB_UNREACHABLE, and back to 'ok' only by the banner's own retry call, since a call that touches no data
 * (the current sign-in) can succeed while the server is away.
 */
export type ConnectionState = 'ok' | 'lost' | 'back';

let state: ConnectionState = 'ok';
const listeners = new Set<() => void>();

function set(next: ConnectionState) {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export const connectionState = () => state;

export function onConnectionChange(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Told about every failed call; only the server being out of reach concerns the banner. */
export function noteFailure(failure: ApiFailure) {
  if (failure.code === 'DB_UNREACHABLE') set('lost');
}

/** The retry call succeeded: "Tersambung kembali" for a moment, then nothing. */
export function noteReconnected() {
  if (state === 'lost') set('back');
}

export function clearReconnected() {
  if (state === 'back') set('ok');
}
