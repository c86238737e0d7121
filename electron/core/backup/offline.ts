import { basename } from 'node:path';
import type { BackupInfo, RestoreWarning } from '../../../shared/api/backup';
import type { SessionInfo } from '../../../shared/api/auth';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import { readOfficeProfile } from '../admin';
import { openDatabase, type Db } from '../db/database';
import { isPostgresTarget } from '../db/dialect';
import { listUsernames } from '../users';
import { resolvePaths, type AppPaths } from '../paths';
import { ensureRegionsLoaded } from '../regions';
import { inspectBackupFull, restoreWarnings, type InspectedBackup } from './inspect';
import { markSetUpFrom, readSetupMarker } from './marker';
import { RawDb } from './rawDb';
import { restoreBackup, type RestoreOptions } from './restore';
import { finishPendingSwap } from './swap';
import { officeOf } from './write';

/**
 * Whose data is here now, read without opening the database the app's way (it may be damaged or missing):
 * a read-only look at it when it opens, else the setup marker (office only). On the office server: the server.
 */
type Owner = { office: { name: string | null; kabKotaKode: string | null } | null; usernames: Set<string> | null };

export async function currentOwner(paths: AppPaths): Promise<Owner> {
  const marker = readSetupMarker(paths);
  const fromMarker = marker ? { name: marker.officeName, kabKotaKode: marker.kabKotaKode } : null;
  if (isPostgresTarget(paths.dbPath)) return serverOwner(paths.dbPath, fromMarker);
  let db: RawDb | null = null;
  try {
    db = await RawDb.open(paths.dbPath, 'readonly');
    const users = await db.all<{ username: string }>('select username from app_user');
    const office = await officeOf(db);
    if (users.length === 0) return { office: fromMarker, usernames: null };
    return { office: office.name || office.kabKotaKode ? office : fromMarker, usernames: new Set(users.map((u) => u.username)) };
  } catch {
    return { office: fromMarker, usernames: null };
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** The same on the office server, which the app reads as it always does (without migrating it). */
async function serverOwner(url: string, fromMarker: Owner['office']): Promise<Owner> {
  let db: Db | null = null;
  try {
    db = await openDatabase(url, { migrate: false });
    const usernames = await listUsernames(db);
    const profile = (await readOfficeProfile(db))?.profile;
    const office = profile ? { name: profile.namaInstansi, kabKotaKode: profile.kabKotaKode } : fromMarker;
    return { office, usernames: usernames.length > 0 ? new Set(usernames) : null };
  } catch {
    return { office: fromMarker, usernames: null };
  } finally {
    await db?.destroy().catch(() => undefined);
  }
}

/** Refuses while a warning the admin has not accepted remains; the refusal lists them (details.warnings). */
export function requireAccepted(warnings: RestoreWarning[], accepted: readonly string[]) {
  const open = warnings.filter((w) => !accepted.includes(w.code));
  if (open.length > 0) {
    throw new AppError('RESTORE_NEEDS_CONFIRM', `Pemulihan perlu persetujuan Anda:\n${open.map((w) => `- ${w.message}`).join('\n')}`, { warnings: open });
  }
}

/**
 * Restore while no core is open: the CLI's `restore`, and the desktop app's way out when its database will not
 * open (damaged, from a newer version, not a database). The current database is never opened, only moved aside.
 * An interrupted earlier restore is settled first.
 */
export async function restoreOffline(
  source: string,
  where: { dbPath?: string; dataDir?: string; resourcesDir: string },
  who: SessionInfo,
  now = new Date(),
  options: RestoreOptions & { acceptWarnings?: readonly string[]; check?: (inspected: InspectedBackup) => Promise<void> } = {},
): Promise<{ dbPath: string; keptAsidePath: string; info: BackupInfo }> {
  const paths = resolvePaths(where);
  finishPendingSwap(paths);
  const inspected = await inspectBackupFull(source, basename(source));
  await options.check?.(inspected);
  const warnings = restoreWarnings(inspected, await currentOwner(paths));
  if (options.acceptWarnings) requireAccepted(warnings, options.acceptWarnings);
  const result = await restoreBackup(
    source,
    basename(source),
    paths,
    async (swap) => {
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
    },
    now,
    {
      ...options,
      record: async (db, keptAsidePath) => {
        await recordAudit(db, who, { action: 'restore', entity: 'database', after: { ...inspected.info, warnings }, note: `Dipulihkan dari ${basename(source)}; ${keptAsidePath ? `data sebelumnya disimpan di ${keptAsidePath}` : 'sebelumnya tidak ada basis data'}` }, now);
        await markSetUpFrom(db, paths, now);
      },
    },
  );
  await result.db.destroy();
  return { dbPath: paths.dbPath, keptAsidePath: result.keptAsidePath, info: { ...result.info, warnings } };
}
