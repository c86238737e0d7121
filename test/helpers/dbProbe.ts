/**
 * What a test asks the database behind the app, the same on both engines (issue 18): how many rows have been
 * changed so far, and which objects the schema holds.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, userTables } from '../../electron/core/db/dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A reader of the rows changed so far by inserts, updates and deletes (a count that only grows). SQLite keeps
 * it: total_changes() of the app's one connection. PostgreSQL has no such count, so a row trigger on each of
 * the app's tables adds to a counter kept in a schema of its own, outside the app's tables; every connection's
 * changes count there.
 */
export async function rowChangeCounter(db: AnyDb): Promise<() => Promise<number>> {
  if (!isPostgres(db)) {
    return async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(db)).rows[0]!.n);
  }
  const probed = await sql<{ t: string | null }>`select to_regclass('test_probe.changes')::text as t`.execute(db);
  if (probed.rows[0]?.t) return async () => Number((await sql<{ n: string }>`select n from test_probe.changes`.execute(db)).rows[0]!.n);
  await sql`create schema test_probe`.execute(db);
  await sql`create table test_probe.changes (n bigint not null)`.execute(db);
  await sql`insert into test_probe.changes values (0)`.execute(db);
  await sql`create function test_probe.count_change() returns trigger language plpgsql as $$ begin update test_probe.changes set n = n + 1; return null; end $$`.execute(db);
  for (const table of await userTables(db)) {
    await sql`create trigger test_probe_count after insert or update or delete on ${sql.table(table)} for each row execute function test_probe.count_change()`.execute(db);
  }
  return async () => Number((await sql<{ n: string }>`select n from test_probe.changes`.execute(db)).rows[0]!.n);
}

/** The names of the schema's tables, indexes, triggers (and PostgreSQL's sequences), sorted. */
export async function schemaNames(db: AnyDb): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`
        select relname as name from pg_class where relnamespace = current_schema()::regnamespace
        union all select tgname from pg_trigger where not tgisinternal and tgrelid in (select oid from pg_class where relnamespace = current_schema()::regnamespace)
        order by name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master order by name`.execute(db);
  return rows.map((r) => r.name);
}
