import { sql, type Kysely } from 'kysely';
import { createPgTrigger, isPostgres } from '../dialect';

// Migrations are append-only: never edit one that has shipped; add the next file instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('office')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','petugas','operator','pimpinan')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('wilayah_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('region')
    .addColumn('kode', 'text', (c) => c.primaryKey())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_kode', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('region_parent').on('region').column('parent_kode').execute();
  await db.schema.createIndex('region_search').on('region').column('search_key').execute();

  // Other spellings of a region's name seen in operators' sheets and older code lists.
  await db.schema
    .createTable('region_alias')
    .addColumn('kode', 'text', (c) => c.notNull().references('region.kode').onDelete('cascade'))
    .addColumn('alias_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_alias_pk', ['kode', 'alias_key'])
    .execute();
  await db.schema.createIndex('region_alias_key').on('region_alias').column('alias_key').execute();

  // BPS codes (old DTKS/BDT extracts) of the regions the bridge file covers.
  await db.schema
    .createTable('region_bps')
    .addColumn('bps_kode', 'text', (c) => c.primaryKey())
    .addColumn('kode', 'text', (c) => c.notNull().references('region.kode').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('document_counter')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tahun', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counter_pk', ['kind', 'tahun'])
    .execute();

  // The one change history of the app: every create/update/status change/import/export/print.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
  // Append-only: the app offers no way to change or remove history, and neither does the database.
  if (isPostgres(db)) {
    for (const [name, timing] of [['audit_log_no_update', 'before update'], ['audit_log_no_delete', 'before delete']] as const) {
      await createPgTrigger(db, { name, table: 'audit_log', timing, body: "raise exception 'audit_log is append-only';" });
    }
    return;
  }
  await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}
