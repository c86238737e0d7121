import type { Kysely } from 'kysely';
import type { BackupOverview, BackupSettings } from '../../../shared/api/backup';
import type { Database } from '../db/schema';

const SETTINGS_KEY = 'backup.settings';
const LAST_KEY = 'backup.last';

export const defaultBackupSettings: BackupSettings = { folder: null, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true };

async function readJson<T>(db: Kysely<Database>, key: string): Promise<T | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return null;
  }
}

async function writeJson(db: Kysely<Database>, key: string, value: unknown) {
  await db
    .insertInto('meta')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}

export async function readBackupSettings(db: Kysely<Database>): Promise<BackupSettings> {
  return { ...defaultBackupSettings, ...(await readJson<Partial<BackupSettings>>(db, SETTINGS_KEY)) };
}

export function writeBackupSettings(db: Kysely<Database>, settings: BackupSettings) {
  return writeJson(db, SETTINGS_KEY, settings);
}

export type LastBackup = NonNullable<BackupOverview['lastBackup']> & { kind: string };

export function readLastBackup(db: Kysely<Database>): Promise<LastBackup | null> {
  return readJson<LastBackup>(db, LAST_KEY);
}

export function writeLastBackup(db: Kysely<Database>, last: LastBackup) {
  return writeJson(db, LAST_KEY, last);
}
