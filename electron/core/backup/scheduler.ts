import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Services } from '../api/context';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { backupToFolder } from './folder';
import { readBackupSettings, readLastBackup } from './settings';

const CHECK_EVERY_MS = 10 * 60 * 1000;

function localDay(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/**
 * On the office server the settings and the last backup are the office's, shared by every PC: the backup runs
 * only on a PC where the chosen folder is (the admin's disk or flashdisk), never by creating that path on
 * another PC's disk. A one-PC office tries anyway: a missing flashdisk is a failure worth showing.
 */
function folderHere(db: Db, folder: string): boolean {
  return !isPostgres(db) || existsSync(folder);
}

/** Is a daily backup due: enabled, a folder chosen, and no good automatic backup yet today? */
export async function dailyBackupDue(services: Pick<Services, 'db' | 'now'>): Promise<boolean> {
  const settings = await readBackupSettings(services.db);
  if (!settings.daily || !settings.folder || !folderHere(services.db, settings.folder)) return false;
  const last = await readLastBackup(services.db);
  if (!last) return true;
  const today = localDay(services.now());
  // A failed attempt today is retried at the next check (the USB drive may have been plugged in since).
  return !(last.ok && localDay(new Date(last.at)) === today);
}

/**
 * One office, one daily backup: on the server, two PCs that find it due at the same moment would both copy the
 * whole server; the one that gets the server's advisory lock runs it (and checks again that it is still due),
 * the other leaves it. The lock ends with its transaction, or with the connection if the PC dies.
 */
async function onePcAtATime(db: Db, work: () => Promise<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await work();
    return;
  }
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('dinsos.backup.daily')) as ok`.execute(trx);
    if (rows[0]?.ok) await work();
  });
}

/** While the app runs: a backup once a day into the admin's folder. Failures are recorded, never thrown. */
export function startBackupScheduler(services: Services): { stop(): void; tick(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await dailyBackupDue(services)) await onePcAtATime(services.db, async () => (await dailyBackupDue(services)) && backupToFolder(services, null, 'auto'));
    } catch (error) {
      console.error('[backup] daily backup failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 60_000);
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  first.unref();
  timer.unref();
  return {
    tick,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}

/** On quit, when enabled: returns the file written, or null (disabled, no folder, or failed — recorded). */
export async function backupOnExit(services: Services): Promise<string | null> {
  try {
    const settings = await readBackupSettings(services.db);
    if (!settings.onExit || !settings.folder || !folderHere(services.db, settings.folder)) return null;
    return (await backupToFolder(services, null, 'exit', undefined, settings)).path;
  } catch (error) {
    console.error('[backup] backup on exit failed:', error instanceof Error ? error.message : error);
    return null;
  }
}
