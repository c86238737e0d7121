import type { Kysely } from 'kysely';
import type { Services } from '../api/context';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import type { AppPaths } from '../paths';
import { AppError } from '../api/errors';
import { dataFolderWasSetUp } from '../backup';
import { knowsServerOffice, serverKey } from '../connection';
import { countUsers } from '../users';
import { OFFICE_SET_UP_KEY } from './setUpKey';

/**
 * This PC's data folder remembers being set up (backup/marker.ts); that speaks for the office only where its
 * database is this PC's own file, which may be gone. An office server answers for itself, the same to every PC.
 */
export function folderWasSetUp(db: Db, paths: Pick<AppPaths, 'dataDir' | 'attachmentsDir'>): boolean {
  return !isPostgres(db) && dataFolderWasSetUp(paths);
}

/** The database's own answer: its set-up record, or accounts (an office set up by a version before the record). */
export async function databaseWasSetUp(db: Kysely<Database>): Promise<boolean> {
  const marked = await db.selectFrom('meta').select('key').where('key', '=', OFFICE_SET_UP_KEY).executeTakeFirst();
  return marked !== undefined || (await countUsers(db)) > 0;
}

/**
 * Whether the office is set up: its database says so, or this PC remembers it set up. For this PC's own file,
 * its data folder remembers being set up (the file may be gone); for the office server, this PC remembers having
 * worked with an office there (connection/known.ts: the server's database may have been recreated empty). Then
 * recovery, never a second first start. The one answer for the wizard's access level ('setup').
 */
export async function officeIsSetUp(db: Db, paths: Pick<AppPaths, 'dataDir' | 'attachmentsDir' | 'dbPath'>): Promise<boolean> {
  return folderWasSetUp(db, paths) || (isPostgres(db) && knowsServerOffice(paths)) || (await databaseWasSetUp(db));
}

/**
 * Set up before (officeState), but no account now: the database is missing or emptied, or the saved server
 * cannot be opened here. Only a restore (or the server entered again) continues. The one answer for the
 * set-up status the screens follow and for who may recover from a backup.
 */
export async function officeNeedsRecovery(services: Pick<Services, 'db' | 'officeState'>): Promise<boolean> {
  const state = await services.officeState();
  // The saved server asked for again: even when this PC's own file (open meanwhile) holds an old office.
  return state === 'connectionUnreadable' || (state !== 'new' && (await countUsers(services.db)) === 0);
}

/** On the office server, what the recovery screen says happened there; null on this PC's own file. */
export async function serverRecoveryReason(db: Db, paths: Pick<AppPaths, 'dbPath'>, officeName: string | null): Promise<string | null> {
  const where = serverKey(paths.dbPath);
  if (!where || !isPostgres(db)) return null;
  if (await databaseWasSetUp(db)) {
    return `Basis data server kantor (${where}) masih berisi data kantor${officeName ? ` ${officeName}` : ''}, tetapi tidak ada lagi akun pengguna di dalamnya, sehingga tidak ada yang dapat masuk.`;
  }
  return `Basis data server kantor (${where}) kosong: tampaknya dibuat ulang atau diganti oleh admin TI, padahal komputer ini pernah tersambung ke kantor di sana. Kantor baru tidak dibuat diam-diam di atasnya.`;
}

/**
 * Records the set-up inside its transaction, first: of two wizards finishing at once on one server, the second
 * waits for the first's record and is refused, instead of adding a second admin and replacing the office.
 */
export async function claimSetUp(trx: Kysely<Database>, username: string, now: Date): Promise<void> {
  const claimed = await trx
    .insertInto('meta')
    .values({ key: OFFICE_SET_UP_KEY, value: JSON.stringify({ setUpAt: now.toISOString(), username }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed || (await countUsers(trx)) > 0) {
    throw new AppError('CONFLICT', 'Pengaturan awal sudah pernah diselesaikan. Masuk dengan akun admin.');
  }
}
