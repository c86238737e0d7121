/**
 * Telling a lost office server (PostgreSQL, issue 18) from any other failure, so that a call answers
 * DB_UNREACHABLE, never INTERNAL. Kept free of driver imports: dispatch uses it for every call.
 */

/** What a call answers while the office server cannot be reached; the window shows it as one banner. */
export const DB_UNREACHABLE_MESSAGE =
  'Server basis data kantor tidak dapat dihubungi. Perubahan ini belum disimpan; aplikasi mencoba lagi. Jika berlanjut, periksa jaringan dan server kantor.';

/**
 * What a job (an import, a returned workbook) ends with when the server drops while it runs: the app retries
 * its cheap calls by itself, but never a job, and the job's one transaction left nothing behind.
 */
export const DB_UNREACHABLE_JOB_MESSAGE =
  'Server basis data kantor terputus saat pekerjaan ini berjalan. Tidak ada data dari pekerjaan ini yang tersimpan; jalankan lagi setelah server dapat dihubungi.';

/**
 * What a call answers when the connection was lost while its COMMIT was under way: the server may have written
 * it all or nothing, and only a fresh look tells which. "Belum disimpan" there could make a clerk enter a new
 * handover or person a second time.
 */
export const DB_COMMIT_UNKNOWN_MESSAGE =
  'Sambungan ke server kantor terputus tepat saat perubahan ini disimpan, sehingga tidak diketahui apakah sudah tersimpan. Setelah tersambung lagi, muat ulang halaman dan periksa datanya sebelum menyimpan lagi, agar tidak tercatat dua kali.';

/** The same for a job (an import, a returned workbook): its one transaction was being committed. */
export const DB_COMMIT_UNKNOWN_JOB_MESSAGE =
  'Server basis data kantor terputus tepat saat hasil pekerjaan ini disimpan, sehingga tidak diketahui apakah sudah tersimpan. Setelah server dapat dihubungi, periksa Riwayat impor atau datanya sebelum menjalankannya lagi.';

/**
 * The connection was lost during a transaction's COMMIT (thrown by the PostgreSQL driver, db/database.ts): the
 * outcome is unknown. Its cause is the driver's error, so isConnectionLost() holds for it too.
 */
export class CommitOutcomeUnknown extends Error {
  constructor(override readonly cause: unknown) {
    super(`COMMIT sent, connection lost before its answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CommitOutcomeUnknown';
  }
}

/** True when `error`, or an error it wraps, is a CommitOutcomeUnknown. */
export function isCommitOutcomeUnknown(error: unknown, depth = 0): boolean {
  if (error instanceof CommitOutcomeUnknown) return true;
  if (!error || typeof error !== 'object' || depth > 3) return false;
  return isCommitOutcomeUnknown((error as { cause?: unknown }).cause, depth + 1);
}

/** Node's socket errors that mean the server cannot be reached (refused, reset, timed out, no route). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** pg's own messages for a connection that ended or never came (it gives them no code). */
const LOST_MESSAGES = [/^Connection terminated/, /not queryable/, /timeout exceeded when trying to connect/, /Client was closed/];

/**
 * True when `error` says the database server could not be reached or dropped the connection: a socket error,
 * pg's "Connection terminated…", PostgreSQL's class 08 (connection exception), or the server shutting down or
 * starting up (57P01-57P03). A failed statement (constraint, syntax) is not one.
 */
export function isConnectionLost(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code))) return true;
  if (typeof message === 'string' && LOST_MESSAGES.some((m) => m.test(message))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionLost(e, depth + 1))) return true;
  return isConnectionLost(cause, depth + 1);
}

/** PostgreSQL's lock_timeout (55P03): a table lock not given in time; the server's answer, not the disk's or the network's. */
export function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '55P03';
}
