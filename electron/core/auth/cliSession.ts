import { NO_ACCOUNT_USER_ID, type SessionInfo } from '../../../shared/api/auth';
import { rolePermissions } from '../../../shared/api/access';

/**
 * The command line (`npm run cli`) acts as an administrator working at the machine, with no account: whoever
 * can run it can open the database file anyway. Its changes are audited under the username "cli". A core opened
 * with `session: 'cli'` (CoreOptions, CoreInit) signs every client in as this; dispatch applies the admin's role,
 * scope and audit rules to it as to any session.
 */
export const CLI_SESSION: SessionInfo = {
  userId: NO_ACCOUNT_USER_ID,
  username: 'cli',
  nama: 'Baris perintah',
  role: 'admin',
  permissions: [...rolePermissions.admin],
  wilayah: [],
};
