import { sql, type Kysely } from 'kysely';

// Export templates (definitions as JSON; built-ins are seeded from code and only copied) and the status of
// each person's SIKS-NG proposal as reported back by the SIKS-NG result file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_template')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Stable key of a built-in template; null for an office's copies.
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('deskripsi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0).check(sql`builtin in (0,1)`))
    .addColumn('based_on_id', 'integer', (c) => c.references('export_template.id'))
    .addColumn('def_json', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('usulan')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('anggota_id', 'integer', (c) => c.notNull().references('anggota.id'))
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('hasil', 'text')
    .addColumn('padan', 'text')
    .addColumn('nama_dukcapil', 'text')
    .addColumn('keterangan', 'text')
    .addColumn('sumber_file', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('usulan_once', ['anggota_id', 'program'])
    .execute();
}
