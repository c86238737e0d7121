import type { ErrorCode } from '../../../shared/api/result';

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
