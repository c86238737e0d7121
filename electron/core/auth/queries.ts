/** The sign-in counters of the accounts (app_user): the SQL of the auth feature. */
import { sql } from 'kysely';
import type { Db } from '../db/database';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/**
 * Reserves one password check for the account before the slow scrypt runs, in one conditional UPDATE: the
 * counter goes up only while it is below the limit (or the last lock has expired, which starts a new count),
 * so parallel guesses cannot all read the same old count. The attempt that reaches the limit locks the
 * account at once (a right password lifts it again), so a check interrupted midway leaves an ordinary lock
 * that expires. Returns the attempt's number, or null when the account is locked.
 */
export async function reserveAttempt(db: Db, userId: number, now: Date): Promise<number | null> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const attempt = sql<number>`(case when locked_until is not null and locked_until <= ${at} then 1 else failed_attempts + 1 end)`;
  const row = await db
    .updateTable('app_user')
    .set({
      failed_attempts: attempt,
      locked_until: sql<string | null>`case when ${attempt} >= ${MAX_FAILED_LOGINS} then ${until} else null end`,
    })
    .where('id', '=', userId)
    .where(sql<boolean>`((locked_until is null and failed_attempts < ${MAX_FAILED_LOGINS}) or locked_until <= ${at})`)
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? row.failed_attempts : null;
}

/** A right password: the count starts again and any lock is lifted. */
export async function clearFailedAttempts(db: Db, userId: number): Promise<void> {
  await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function lockedUntilOf(db: Db, userId: number): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('locked_until').where('id', '=', userId).executeTakeFirst();
  return row?.locked_until ?? null;
}
