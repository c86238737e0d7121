import { sql, type Kysely } from 'kysely';

// Issue 15, the clerk's rough edges:
// - Kinds of intervention get other names, as OPD do (0010): an agency's list that writes "Bedah Rumah" or
//   "RTLH" lands on its kind "Bedah rumah (RTLH)". A value mapped once on import is kept as such a name.
// - An approved request keeps what its SK is about (sk_tentang) next to its number and date, so the handover
//   made from it quotes the whole SK on the BAST without asking again.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jenis_alias')
    .addColumn('opd_id', 'integer', (c) => c.notNull().references('opd.id'))
    /** normalizeKey() of the label; unique within the OPD, like the kinds' own keys. */
    .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) >= 1`))
    .addColumn('jenis_id', 'integer', (c) => c.notNull().references('jenis_intervensi.id'))
    .addColumn('label', 'text', (c) => c.notNull().check(sql`length(trim(label)) >= 2 and length(label) <= 120`))
    .addPrimaryKeyConstraint('jenis_alias_pk', ['opd_id', 'key'])
    .execute();
  await db.schema.createIndex('jenis_alias_jenis').on('jenis_alias').column('jenis_id').execute();
  await db.schema.alterTable('permohonan').addColumn('sk_tentang', 'text', (c) => c.check(sql`sk_tentang is null or length(sk_tentang) <= 300`)).execute();
}
