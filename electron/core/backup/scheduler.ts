import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Services } from '../api/context';
import type { BackupResult, BackupSettings } from '../../../shared/api/backup';
import { isPostgres } from '../db/dialect';
import { backupToFolder } from './folder';
import { readBackupPc, readBackupSetup, readLastBackup, writeBackupSettings } from './settings';
import { thisPc } from './thisPc';

const CHECK_EVERY_MS = 10 * 60 * 1000;

function localDay(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

type Automatic = 'auto' | 'exit';

/**
 * The settings, when this PC is to make an automatic backup of `kind` now; null otherwise. On the office server
 * the settings and the last backup are the office's, shared by every PC, while the folder is a place on one PC's
 * disks: only the PC the admin chose it on backs up (another PC may have a D:\Cadangan too, and would copy the
 * whole server there), and once a day whichever of the two, daily or on exit, comes first. A one-PC office's
 * database is this PC's own: its exit backup runs at every exit, and a missing flashdisk is a failure worth showing.
 */
async function dueHere(services: Pick<Services, 'db' | 'now' | 'paths'>, kind: Automatic): Promise<BackupSettings | null> {
  const { settings, chosenOn } = await readBackupSetup(services.db);
  if (!(kind === 'auto' ? settings.daily : settings.onExit) || !settings.folder) return null;
  const server = isPostgres(services.db);
  if (server) {
    // Settings saved before the PC was recorded: a PC that has the folder takes them on (claimFolder).
    if (chosenOn ? chosenOn.id !== thisPc(services.paths).id : !existsSync(settings.folder)) return null;
  }
  if (kind === 'exit' && !server) return settings;
  const last = await readLastBackup(services.db);
  // A failed attempt today is retried at the next check (the USB drive may have been plugged in since).
  return last?.ok && localDay(new Date(last.at)) === localDay(services.now()) ? null : settings;
}

/** Is a daily backup due on this PC: enabled, a folder chosen (here), and no good backup yet today? */
export async function dailyBackupDue(services: Pick<Services, 'db' | 'now' | 'paths'>): Promise<boolean> {
  return (await dueHere(services, 'auto')) !== null;
}

/** Settings from before the PC was recorded: the first PC that backs up into the folder becomes its PC. */
async function claimFolder(services: Pick<Services, 'db' | 'paths'>, settings: BackupSettings) {
  if (!(await readBackupPc(services.db))) await writeBackupSettings(services.db, settings, thisPc(services.paths));
}

/**
 * One office, one automatic backup at a time: on the server, two of its windows (or a PC restarted at the
 * moment) finding it due together would both copy the whole server; the one that gets the server's advisory
 * lock runs it (and checks again that it is still due), the other leaves it. The lock ends with its
 * transaction, or with the connection if the PC dies.
 */
async function onePcAtATime(services: Pick<Services, 'db' | 'now' | 'paths'>, kind: Automatic): Promise<BackupResult | null> {
  const run = async () => {
    const settings = await dueHere(services, kind);
    if (!settings) return null;
    if (isPostgres(services.db)) await claimFolder(services, settings);
    return backupToFolder(services, null, kind, undefined, settings);
  };
  if (!isPostgres(services.db)) return run();
  return services.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('dinsos.backup.daily')) as ok`.execute(trx);
    return rows[0]?.ok ? run() : null;
  });
}

/** While the app runs: a backup once a day into the admin's folder. Failures are recorded, never thrown. */
export function startBackupScheduler(services: Services): { stop(): void; tick(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await dailyBackupDue(services)) await onePcAtATime(services, 'auto');
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

/** On quit, when enabled and due here: returns the file written, or null (not due, or failed — recorded). */
export async function backupOnExit(services: Services): Promise<string | null> {
  try {
    return (await dueHere(services, 'exit')) ? ((await onePcAtATime(services, 'exit'))?.path ?? null) : null;
  } catch (error) {
    console.error('[backup] backup on exit failed:', error instanceof Error ? error.message : error);
    return null;
  }
}
