import { sql, type Kysely } from 'kysely';
import { createPgTrigger, isPostgres } from '../dialect';

// Every later word of a member's name (anggota_kata), so that a search for "santoso" finds BUDI SANTOSO by an
// index range instead of reading every name; the first word is already the start of nama_key and its index.
// nama_key holds only lower-case letters, digits and single spaces, so turning it into a JSON array of words
// with replace() is safe. Triggers keep the words for every writer (import, forms, merges, undo).
const WORDS_OF_NEW = `json_each('["' || replace(new.nama_key, ' ', '","') || '"]') where key > 0`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  await db.schema
    .createTable('anggota_kata')
    .addColumn('kata', 'text', (c) => c.notNull())
    .addColumn('anggota_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('anggota_kata_pk', ['kata', 'anggota_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('anggota_kata_anggota').on('anggota_kata').column('anggota_id').execute();
  await sql`insert or ignore into anggota_kata (kata, anggota_id)
    select w.value, a.id from anggota a, json_each('["' || replace(a.nama_key, ' ', '","') || '"]') w where w.key > 0`.execute(db);
  await sql.raw(`create trigger anggota_kata_insert after insert on anggota begin
    insert or ignore into anggota_kata (kata, anggota_id) select value, new.id from ${WORDS_OF_NEW};
  end`).execute(db);
  await sql.raw(`create trigger anggota_kata_rename after update of nama_key on anggota begin
    delete from anggota_kata where anggota_id = old.id;
    insert or ignore into anggota_kata (kata, anggota_id) select value, new.id from ${WORDS_OF_NEW};
  end`).execute(db);
  await sql`create trigger anggota_kata_delete after delete on anggota begin
    delete from anggota_kata where anggota_id = old.id;
  end`.execute(db);
}

/** The same table and triggers on PostgreSQL: the words from string_to_array, numbered, all but the first. */
const PG_WORDS_OF_NEW = `insert into anggota_kata (kata, anggota_id)
  select w.kata, new.id from unnest(string_to_array(new.nama_key, ' ')) with ordinality as w(kata, n) where w.n > 1
  on conflict do nothing;`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function upPostgres(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('anggota_kata')
    .addColumn('kata', 'text', (c) => c.notNull())
    .addColumn('anggota_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('anggota_kata_pk', ['kata', 'anggota_id'])
    .execute();
  await db.schema.createIndex('anggota_kata_anggota').on('anggota_kata').column('anggota_id').execute();
  await sql`insert into anggota_kata (kata, anggota_id)
    select w.kata, a.id from anggota a, unnest(string_to_array(a.nama_key, ' ')) with ordinality as w(kata, n) where w.n > 1
    on conflict do nothing`.execute(db);
  await createPgTrigger(db, { name: 'anggota_kata_insert', table: 'anggota', timing: 'after insert', body: PG_WORDS_OF_NEW });
  await createPgTrigger(db, {
    name: 'anggota_kata_rename',
    table: 'anggota',
    timing: 'after update of nama_key',
    body: `delete from anggota_kata where anggota_id = old.id;\n${PG_WORDS_OF_NEW}`,
  });
  await createPgTrigger(db, { name: 'anggota_kata_delete', table: 'anggota', timing: 'after delete', body: 'delete from anggota_kata where anggota_id = old.id;' });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists anggota_kata_delete`.execute(db);
  await sql`drop trigger if exists anggota_kata_rename`.execute(db);
  await sql`drop trigger if exists anggota_kata_insert`.execute(db);
  await db.schema.dropTable('anggota_kata').execute();
}
