import type { Services } from '../api/context';
import { isPostgres } from '../db/dialect';
import { backupToFolder } from './folder';
import { readBackupSettings, readLastBackup } from './settings';

const CHECK_EVERY_MS = 10 * 60 * 1000;

function localDay(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** Is a daily backup due: enabled, a folder chosen, and no good automatic backup yet today? */
export async function dailyBackupDue(services: Pick<Services, 'db' | 'now'>): Promise<boolean> {
  // On the office server there is no backup file to write (write.ts refuseOnServer); the server is backed up by IT.
  if (isPostgres(services.db)) return false;
  const settings = await readBackupSettings(services.db);
  if (!settings.daily || !settings.folder) return false;
  const last = await readLastBackup(services.db);
  if (!last) return true;
  const today = localDay(services.now());
  // A failed attempt today is retried at the next check (the USB drive may have been plugged in since).
  return !(last.ok && localDay(new Date(last.at)) === today);
}

/** While the app runs: a backup once a day into the admin's folder. Failures are recorded, never thrown. */
export function startBackupScheduler(services: Services): { stop(): void; tick(): Promise<void> } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (await dailyBackupDue(services)) await backupToFolder(services, null, 'auto');
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
    if (!settings.onExit || !settings.folder) return null;
    return (await backupToFolder(services, null, 'exit', undefined, settings)).path;
  } catch (error) {
    console.error('[backup] backup on exit failed:', error instanceof Error ? error.message : error);
    return null;
  }
}
