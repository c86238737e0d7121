import { dialog } from 'electron';
import { AppError } from '../core/api/errors';
import { restoreOffline } from '../core/backup/offline';

const RECOVERABLE = new Set(['DB_NOT_DATABASE', 'DB_CORRUPT', 'DB_TOO_NEW', 'DB_FOREIGN']);

/**
 * When the database will not open: say why, and offer the way out — restore from a backup file — instead of
 * crashing or silently starting over. Returns true when a backup was restored and the app should start again.
 */
export async function offerRestore(error: unknown, where: { dataDir: string; resourcesDir: string }): Promise<boolean> {
  if (!(error instanceof AppError) || !RECOVERABLE.has(error.code)) return false;
  for (;;) {
    const choice = await dialog.showMessageBox({
      type: 'error',
      title: 'Dinsos Desk',
      message: 'Basis data tidak dapat dibuka',
      detail: `${error.message}\n\nAnda dapat memulihkan data dari berkas cadangan (.dsbak). Berkas basis data saat ini tidak dihapus: disimpan di folder "sebelum-pulih".`,
      buttons: ['Pulihkan dari cadangan…', 'Keluar'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (choice.response !== 0) return false;
    const picked = await dialog.showOpenDialog({
      title: 'Pilih berkas cadangan Dinsos Desk',
      filters: [{ name: 'Cadangan Dinsos Desk', extensions: ['dsbak'] }, { name: 'Semua berkas', extensions: ['*'] }],
      properties: ['openFile'],
    });
    const file = picked.filePaths[0];
    if (picked.canceled || !file) continue;
    try {
      const result = await restoreConfirmed(file, where);
      if (!result) continue;
      await dialog.showMessageBox({
        type: 'info',
        title: 'Dinsos Desk',
        message: 'Data berhasil dipulihkan',
        detail: `Data sebelumnya disimpan di ${result.keptAsidePath}. Silakan masuk kembali.`,
      });
      return true;
    } catch (restoreError) {
      await dialog.showMessageBox({
        type: 'error',
        title: 'Dinsos Desk',
        message: 'Pemulihan gagal',
        detail: restoreError instanceof AppError ? restoreError.message : String(restoreError),
      });
    }
  }
}

const RECOVERY_USER = { userId: 0, username: 'pemulihan', nama: 'Pemulihan saat mulai', role: 'admin' as const, permissions: [], wilayah: [] };

/**
 * Restores only what the user has seen: a backup of another office, or one bringing accounts this data folder
 * does not have, is named in a dialog first and restored only when confirmed; null when the user declines.
 */
async function restoreConfirmed(file: string, where: { dataDir: string; resourcesDir: string }) {
  try {
    return await restoreOffline(file, where, RECOVERY_USER, new Date(), { acceptWarnings: [] });
  } catch (error) {
    const warnings = error instanceof AppError && error.code === 'RESTORE_NEEDS_CONFIRM' ? (error.details as { warnings?: { code: string; message: string }[] } | undefined)?.warnings : undefined;
    if (!warnings?.length) throw error;
    const choice = await dialog.showMessageBox({
      type: 'warning',
      title: 'Dinsos Desk',
      message: 'Periksa cadangan ini sebelum memulihkan',
      detail: `${warnings.map((w) => `• ${w.message}`).join('\n')}\n\nPulihkan hanya jika Anda yakin cadangan ini milik kantor Anda.`,
      buttons: ['Pulihkan tetap', 'Batal'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (choice.response !== 0) return null;
    return restoreOffline(file, where, RECOVERY_USER, new Date(), { acceptWarnings: warnings.map((w) => w.code) });
  }
}
