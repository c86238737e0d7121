import { NO_ACCOUNT_USER_ID, type SessionInfo } from '../../../shared/api/auth';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';

/**
 * Whether a sign-in still stands for the account as the database has it now (and its password unchanged). One PC ends the sessions of an
 * account it changes (users handlers' signOutUser), but on the office server another PC's admin may deactivate
 * the account, change its role or area, or restore a backup in which this user id is someone else: only the
 * database, asked on every call, knows.
 */
/**
 * The password hash each sign-in was made with: a password reset (or a restore that brings an older password
 * back) ends the sign-ins made before it, on every PC. Kept beside the session, never in it: the session goes to
 * the window. A session first seen without one (set up, switched to the demo, copied into the job worker) takes
 * the account's hash at its first call.
 */
const signedInWith = new WeakMap<SessionInfo, string>();

export function rememberCredential(session: SessionInfo, passwordHash: string): void {
  signedInWith.set(session, passwordHash);
}

export async function sessionHolds(db: Db, session: SessionInfo): Promise<boolean> {
  // A one-PC office's file has one core, which ends the sessions of what it changes itself (and a restore ends
  // them all); asking there would also make every call, jobs.cancel included, wait behind a long write on its one
  // connection. Only several PCs on the server change accounts behind each other's back.
  if (!isPostgres(db)) return true;
  // The command line's session (auth/cliSession.ts) has no account; only the core itself ever sets it.
  if (session.userId === NO_ACCOUNT_USER_ID) return true;
  const user = await db.selectFrom('app_user').select(['username', 'role', 'wilayah_json', 'active', 'password_hash']).where('id', '=', session.userId).executeTakeFirst();
  if (!user || !user.active || user.username !== session.username || user.role !== session.role) return false;
  const credential = signedInWith.get(session);
  if (credential === undefined) signedInWith.set(session, user.password_hash);
  else if (credential !== user.password_hash) return false;
  return sameAreas(user.wilayah_json, session.wilayah);
}

function sameAreas(stored: string, signedIn: readonly string[]): boolean {
  try {
    const areas = JSON.parse(stored) as unknown;
    return Array.isArray(areas) && areas.length === signedIn.length && areas.every((a, i) => a === signedIn[i]);
  } catch {
    return false;
  }
}
