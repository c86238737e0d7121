/**
 * What crosses the process boundary: a value or a typed failure with an Indonesian message.
 * Never a stack trace.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

export interface ApiFailure {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: which field and why, so forms can show the message beside the field. */
  issues?: { path: string; message: string }[];
  /** Extra machine-readable facts (e.g. what blocks an undo). */
  details?: unknown;
}

export const baseErrorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FOREIGN_SENDER',
  'SETUP_REQUIRED',
  'DB_NOT_DATABASE',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'DB_FOREIGN',
  'INTERNAL',
] as const;

export type BaseErrorCode = (typeof baseErrorCodes)[number];
// Features add their own codes (e.g. IMPORT_FILE_ENCRYPTED); the base ones keep autocompletion.
export type ErrorCode = BaseErrorCode | (string & {});

/**
 * The `details` of a failure whose change may have been saved after all (the office server's connection was lost
 * while its COMMIT was answered): the window says "not certain" rather than "failed".
 */
export const COMMIT_UNKNOWN_DETAILS = { outcome: 'unknown' } as const;

export function outcomeUnknown(failure: Pick<ApiFailure, 'details'>): boolean {
  return (failure.details as { outcome?: unknown } | undefined)?.outcome === COMMIT_UNKNOWN_DETAILS.outcome;
}
