import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { BackupOverview, BackupSettings } from '../../../shared/api/backup';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import { PRIVATE_DIR } from '../paths';
import { fileWriteError } from './fileErrors';
import type { ThisPc } from './thisPc';

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

/** As stored: the settings and the PC they were chosen on (null: stored by a version before it was recorded). */
type StoredSettings = Partial<BackupSettings> & { chosenOn?: ThisPc | null };

/** The settings, and the PC whose folder the automatic backups go to: the one they were saved on. */
export async function readBackupSetup(db: Kysely<Database>): Promise<{ settings: BackupSettings; chosenOn: ThisPc | null }> {
  const { chosenOn, ...settings } = (await readJson<StoredSettings>(db, SETTINGS_KEY)) ?? {};
  return { settings: { ...defaultBackupSettings, ...settings }, chosenOn: chosenOn ?? null };
}

export async function readBackupSettings(db: Kysely<Database>): Promise<BackupSettings> {
  return (await readBackupSetup(db)).settings;
}

export async function readBackupPc(db: Kysely<Database>): Promise<ThisPc | null> {
  return (await readBackupSetup(db)).chosenOn;
}

/** `chosenOn`: the PC the folder was chosen on (the folder's path names a place on that PC's disks only). */
export function writeBackupSettings(db: Kysely<Database>, settings: BackupSettings, chosenOn: ThisPc) {
  return writeJson(db, SETTINGS_KEY, { ...settings, chosenOn });
}

export type LastBackup = NonNullable<BackupOverview['lastBackup']> & { kind: string };

export function readLastBackup(db: Kysely<Database>): Promise<LastBackup | null> {
  return readJson<LastBackup>(db, LAST_KEY);
}

export function writeLastBackup(db: Kysely<Database>, last: LastBackup) {
  return writeJson(db, LAST_KEY, last);
}

/**
 * The folder must exist (or be creatable) and accept a file; checked when it is chosen (backup settings, the setup
 * wizard) rather than at the first failed backup. `field` names the form field the messages belong to.
 */
export function checkBackupFolder(folder: string, dataDir: string, field = 'folder') {
  const full = resolve(folder);
  if (full === resolve(dataDir) || full.startsWith(resolve(dataDir) + '/') || full.startsWith(resolve(dataDir) + '\\')) {
    throw new AppError('INVALID_INPUT', 'Folder cadangan tidak boleh di dalam folder data aplikasi. Pilih disk lain atau flashdisk.', {
      issues: [{ path: field, message: 'Pilih folder di luar folder data aplikasi (sebaiknya disk lain atau flashdisk).' }],
    });
  }
  const probe = join(full, `.dinsos-uji-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(full, { recursive: true, mode: PRIVATE_DIR }); // a folder the app creates is private; an existing one keeps its mode
    writeFileSync(probe, 'uji');
    rmSync(probe, { force: true });
  } catch (error) {
    const e = fileWriteError(error, full);
    throw new AppError('INVALID_INPUT', e.message.replace('Cadangan tidak dapat ditulis', 'Folder tidak dapat dipakai'), {
      issues: [{ path: field, message: 'Folder ini tidak dapat ditulisi. Periksa disk/flashdisk dan izinnya.' }],
    });
  }
}
