import { sql, type Kysely } from 'kysely';
import { OFFICE_SET_UP_KEY } from '../../admin/setUpKey';

// Issue 18: whether the office is set up is recorded in its database (meta 'office.setUp', written by the
// first-run set-up), so every PC of an office server gets the same answer, also once its accounts are gone.
// An office set up before this version has accounts: it gets the record it would have had, dated by its first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const first = await sql<{ at: string | null }>`select min(created_at) as at from app_user`.execute(db);
  const at = first.rows[0]?.at;
  if (!at) return;
  await db.insertInto('meta').values({ key: OFFICE_SET_UP_KEY, value: JSON.stringify({ setUpAt: at, username: null }) }).onConflict((oc) => oc.column('key').doNothing()).execute();
}
