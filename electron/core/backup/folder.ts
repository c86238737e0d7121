import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupEntry, BackupResult, BackupSettings } from '../../../shared/api/backup';
import { AppError } from '../api/errors';
import { recordAudit } from '../audit/record';
import type { Services } from '../api/context';
import type { SessionInfo } from '../../../shared/api/auth';
import { readOfficeProfile } from '../admin';
import { backupFileName, backupsToRemove, parseBackupName, type BackupKind } from './names';
import { readBackupSettings, writeLastBackup } from './settings';
import { writeBackup } from './write';

export function listFolderBackups(folder: string): BackupEntry[] {
  return readdirSync(folder)
    .filter((name) => parseBackupName(name))
    .map((fileName) => {
      const stat = statSync(join(folder, fileName));
      return { fileName, size: stat.size, modifiedAt: stat.mtime.toISOString() };
    })
    .sort((a, b) => (a.fileName < b.fileName ? 1 : -1));
}

const STALE_PART_MS = 60 * 60 * 1000;

/** Hidden `.part` files left by a backup that was killed (power cut, pulled drive); never a finished backup. */
function sweepStaleParts(folder: string) {
  try {
    for (const name of readdirSync(folder)) {
      if (!/^\.[a-f0-9]{12}\.dsbak\.part(-journal)?$/.test(name)) continue;
      const path = join(folder, name);
      if (Date.now() - statSync(path).mtimeMs > STALE_PART_MS) rmSync(path, { force: true });
    }
  } catch {
    // An unreachable folder is reported by the backup itself.
  }
}

/**
 * A backup into the admin's folder, then the retention rule. The outcome (good or not) is remembered so the
 * Cadangan page can warn when backups have been failing.
 */
export async function backupToFolder(
  services: Pick<Services, 'db' | 'paths' | 'now'>,
  session: SessionInfo | null,
  kind: BackupKind,
  onProgress?: (done: number, total: number, label: string) => void,
  settings?: BackupSettings,
): Promise<BackupResult> {
  const s = settings ?? (await readBackupSettings(services.db));
  if (!s.folder) throw new AppError('BACKUP_NO_FOLDER', 'Folder cadangan belum dipilih. Atur di Pengaturan › Cadangan & Pemulihan.');
  const now = services.now();
  sweepStaleParts(s.folder);
  const fileName = backupFileName(now, kind);
  const office = await readOfficeProfile(services.db);
  try {
    const written = await writeBackup({
      db: services.db,
      attachmentsDir: services.paths.attachmentsDir,
      target: join(s.folder, fileName),
      kind,
      now,
      officeName: office?.profile.namaInstansi ?? null,
      onStep: (step, done, total) =>
        onProgress?.(done, total, step === 'copy' ? 'Menyalin basis data…' : step === 'attachments' ? `Menyalin lampiran ${done}/${total}…` : step === 'verify' ? 'Memeriksa cadangan…' : 'Selesai'),
    });
    const removedOld = backupsToRemove(readdirSync(s.folder), s.keepDaily, s.keepMonthly);
    for (const old of removedOld) rmSync(join(s.folder, old), { force: true });
    await writeLastBackup(services.db, { at: now.toISOString(), fileName, ok: true, message: null, kind });
    await recordAudit(services.db, session, { action: 'backup', entity: 'database', after: { fileName, folder: s.folder, size: written.size, attachments: written.attachments, removedOld }, note: kind }, now);
    return { fileName, path: written.path, size: written.size, integrity: 'ok', removedOld };
  } catch (error) {
    const message = error instanceof AppError ? error.message : String(error);
    await writeLastBackup(services.db, { at: now.toISOString(), fileName, ok: false, message, kind }).catch(() => undefined);
    throw error;
  }
}
