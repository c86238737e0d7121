import { basename } from 'node:path';
import type { BackupInfo } from '../../../shared/api/backup';
import type { SessionInfo } from '../../../shared/api/auth';
import { recordAudit } from '../admin/audit';
import { openDatabase, type Db } from '../db/database';
import { resolvePaths } from '../paths';
import { ensureRegionsLoaded } from '../regions/load';
import { inspectBackup } from './inspect';
import { restoreBackup } from './restore';

/**
 * Restore while no core is open: the CLI's `restore`, and the desktop app's way out when its database will not
 * open (damaged, from a newer version, not a database). The current database is never opened, only moved aside.
 */
export async function restoreOffline(
  source: string,
  where: { dbPath?: string; dataDir?: string; resourcesDir: string },
  who: SessionInfo,
  now = new Date(),
): Promise<{ dbPath: string; keptAsidePath: string; info: BackupInfo }> {
  const paths = resolvePaths(where);
  await inspectBackup(source, basename(source));
  const result = await restoreBackup(source, basename(source), paths, async (swap) => {
    const { undo } = await swap();
    let db: Db;
    try {
      db = await openDatabase(paths.dbPath);
      await ensureRegionsLoaded(db, paths.resourcesDir);
    } catch (error) {
      await undo();
      throw error;
    }
    return db;
  }, now);
  try {
    await recordAudit(result.db, who, { action: 'restore', entity: 'database', after: result.info, note: `Dipulihkan dari ${source}; data sebelumnya disimpan di ${result.keptAsidePath}` }, now);
  } finally {
    await result.db.destroy();
  }
  return { dbPath: paths.dbPath, keptAsidePath: result.keptAsidePath, info: result.info };
}
