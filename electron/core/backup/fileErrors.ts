import { AppError } from '../api/errors';

/** Turns a file-system failure into the message a clerk can act on. */
export function fileWriteError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason =
    code === 'ENOSPC' || /SQLITE_FULL|disk is full|database or disk is full/i.test(String(error))
      ? 'disk penuh'
      : code === 'EROFS' || /readonly|read-only/i.test(String(error))
        ? 'folder hanya-baca'
        : code === 'EACCES' || code === 'EPERM'
          ? 'tidak ada izin menulis'
          : code === 'ENOENT'
            ? 'folder tidak ditemukan (apakah disk/flashdisk terpasang?)'
            : /SQLITE_CANTOPEN|unable to open/i.test(String(error))
              ? 'folder tidak dapat ditulisi atau tidak ditemukan'
              : 'kesalahan penulisan';
  return new AppError(
    'FILE_WRITE_FAILED',
    `Cadangan tidak dapat ditulis ke ${where}: ${reason}. Tidak ada berkas setengah jadi yang tertinggal; data aplikasi tidak berubah.`,
    { reason: error instanceof Error ? error.message : String(error) },
  );
}
