import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// Issue 18, PostgreSQL only: a pg_trgm GIN index on ' ' || nama_key, so "a word of the name begins with …"
// (nameWordStarts in dialect.ts: the registry's count of a name search) is an index look-up instead of reading
// every member. Measured on 500,000 people: the count of "kur" 1.56 s → 0.31 s, a word no one has 0.6 s → 0.3 ms.
// pg_trgm is a trusted extension since PostgreSQL 13, so the database's owner may create it. Where the server
// refuses it (an older server, a user without CREATE on the database, the contrib package missing) or the index
// cannot be made, the app works all the same: the LIKE it asks reads the table instead, and the log says how to
// add the index later. SQLite has no pg_trgm: its search keeps the word table of 0007, and this migration does nothing there.

export const TRIGRAM_INDEX = 'anggota_nama_trgm';

/** Logged when the server refuses the extension: what is slower, and how the office's IT adds it. */
export function trigramRefusedMessage(reason: string): string {
  return (
    `PostgreSQL refused the pg_trgm extension (${reason}): name searches still work, but counting their matches ` +
    `reads every member. As the database owner or a superuser: create extension pg_trgm; ` +
    `create index ${TRIGRAM_INDEX} on anggota using gin ((' ' || nama_key) gin_trgm_ops);`
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // The migrations run in one transaction: a refused statement would abort it, so the attempt has its own savepoint.
  await sql`savepoint pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    // pg_trgm may already be installed in another schema (`create extension pg_trgm schema extensions`, as some
    // hosted servers do): its operator class is named with that schema, so the index is made wherever it lives.
    const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
    const opclass = `${rows[0] ? `"${rows[0].schema.replace(/"/g, '""')}".` : ''}gin_trgm_ops`;
    await sql.raw(`create index ${TRIGRAM_INDEX} on anggota using gin ((' ' || nama_key) ${opclass})`).execute(db);
    await sql`release savepoint pg_trgm`.execute(db);
  } catch (error) {
    await sql`rollback to savepoint pg_trgm`.execute(db);
    console.warn(trigramRefusedMessage(error instanceof Error ? error.message : String(error)));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql.raw(`drop index if exists ${TRIGRAM_INDEX}`).execute(db);
}
