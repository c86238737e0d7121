import type { Db } from '../db/database';
import type { AppPaths } from '../paths';
import { dataFolderWasSetUp } from '../backup';
import { countUsers } from '../users';

/**
 * Whether the office is set up: it has accounts, or this data folder remembers being set up (its database may be
 * gone: then recovery, never a second first start). The one answer for the wizard's access level ('setup').
 */
export async function officeIsSetUp(db: Db, paths: Pick<AppPaths, 'dataDir' | 'attachmentsDir'>): Promise<boolean> {
  return dataFolderWasSetUp(paths) || (await countUsers(db)) > 0;
}
