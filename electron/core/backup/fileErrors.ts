import { AppError } from '../api/errors';

/**
 * The driver's words for a full or read-only disk inside a failed migration: on the office server a backup file is
 * made by the migrations (server.ts), and a full disk there comes back as the migration's INTERNAL error.
 */
function migrationOnDisk(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== 'INTERNAL') return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' && /SQLITE_FULL|SQLITE_READONLY|disk is full/i.test(reason) ? reason : null;
}

/** Turns a file-system failure into the message a clerk can act on. */
export function fileWriteError(error: unknown, where: string): AppError {
  const onDisk = migrationOnDisk(error);
  if (error instanceof AppError && onDisk === null) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const text = onDisk ?? String(error);
  const reason =
    code === 'ENOSPC' || /SQLITE_FULL|disk is full|database or disk is full/i.test(text)
      ? 'disk penuh'
      : code === 'EROFS' || /readonly|read-only/i.test(text)
        ? 'folder hanya-baca'
        : code === 'EACCES' || code === 'EPERM'
          ? 'tidak ada izin menulis'
          : code === 'ENOENT'
            ? 'folder tidak ditemukan (apakah disk/flashdisk terpasang?)'
            : /SQLITE_CANTOPEN|unable to open/i.test(text)
              ? 'folder tidak dapat ditulisi atau tidak ditemukan'
              : 'kesalahan penulisan';
  return new AppError(
    'FILE_WRITE_FAILED',
    `Cadangan tidak dapat ditulis ke ${where}: ${reason}. Tidak ada berkas setengah jadi yang tertinggal; data aplikasi tidak berubah.`,
    { reason: onDisk ?? (error instanceof Error ? error.message : String(error)) },
  );
}
