import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/dialect';
import type { AppPaths } from '../paths';
import { AppError } from '../api/errors';
import { dataFolderWasSetUp } from '../backup';
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
async function databaseWasSetUp(db: Kysely<Database>): Promise<boolean> {
  const marked = await db.selectFrom('meta').select('key').where('key', '=', OFFICE_SET_UP_KEY).executeTakeFirst();
  return marked !== undefined || (await countUsers(db)) > 0;
}

/**
 * Whether the office is set up: its database says so, or (for this PC's own file) this data folder remembers
 * being set up (its database may be gone: then recovery, never a second first start). The one answer for the
 * wizard's access level ('setup').
 */
export async function officeIsSetUp(db: Db, paths: Pick<AppPaths, 'dataDir' | 'attachmentsDir'>): Promise<boolean> {
  return folderWasSetUp(db, paths) || (await databaseWasSetUp(db));
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
