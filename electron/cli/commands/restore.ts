import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreWarningCodes } from '../../../shared/api/backup';
import { AppError } from '../../core/api/errors';
import { formatWaktu } from '../../core/audit/describe';
import { CLI_SESSION, type CliCommand } from '../command';

/**
 * Works without opening the current database, so it is also the way out when that database is damaged,
 * from a newer version, or not a database at all.
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Memulihkan data dari berkas cadangan (diperiksa dulu; data saat ini disimpan di folder sebelum-pulih). Tutup aplikasi dulu.',
  usage: 'restore BERKAS [--setuju] [--db PATH] [--json]',
  // Another office's backup, accounts the data does not have, an older backup without SHA-256, photos without
  // their picture (RestoreWarning): shown, and only restored when repeated with --setuju.
  options: { setuju: { type: 'boolean' } },
  async standalone({ positionals, values }, env, io) {
    const file = positionals[0];
    if (!file) throw new AppError('INVALID_INPUT', 'Sebutkan berkas cadangan: npm run cli -- restore D:\\Cadangan\\dinsos-2024-05-03-170000-keluar.dsbak');
    const source = resolve(file);
    if (!existsSync(source)) throw new AppError('NOT_FOUND', `Berkas ${source} tidak ditemukan.`);
    let result;
    try {
      // Loaded when used: every command's definition is read at the command line's start.
      const { restoreOffline } = await import('../../core/backup/offline');
      result = await restoreOffline(source, env, { ...CLI_SESSION, permissions: [] }, new Date(), {
        acceptWarnings: values.setuju === true ? [...restoreWarningCodes] : [],
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'RESTORE_NEEDS_CONFIRM') {
        throw new AppError(error.code, `${error.message}\nData belum diubah. Jika tetap ingin memulihkan, ulangi perintah dengan --setuju.`, error.details);
      }
      throw error;
    }
    const kept = existsSync(result.keptAsidePath) ? result.keptAsidePath : null;
    const { info } = result;
    io.out(
      io.json
        ? JSON.stringify({ restoredFrom: source, db: result.dbPath, keptAsidePath: kept, info })
        : [
            `Data dipulihkan ke ${result.dbPath}`,
            `  dari ${source} (${info.officeName ?? 'tanpa nama kantor'}, dibuat ${info.createdAt ? formatWaktu(info.createdAt) : 'waktu tidak diketahui'})`,
            `  ${info.counts.keluarga.toLocaleString('id-ID')} keluarga, ${info.counts.anggota.toLocaleString('id-ID')} anggota, ${info.counts.users} pengguna, ${info.attachments} lampiran`,
            kept ? `Data sebelumnya disimpan di ${kept}` : 'Sebelumnya belum ada basis data di lokasi ini.',
          ].join('\n'),
    );
    return 0;
  },
};
