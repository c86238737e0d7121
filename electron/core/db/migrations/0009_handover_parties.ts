import { sql, type Kysely } from 'kysely';

// Issue 14: PIHAK KEDUA of a collective or group handover (a camat, lurah or ketua kelompok) gets full
// identification lines (NIP and pangkat where there are), a group grant names its kelompok, and money is handed
// over in cash or by transfer to an account, which the BAST says in words.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('penyerahan').addColumn('wakil_nip', 'text').execute();
  await db.schema.alterTable('penyerahan').addColumn('wakil_pangkat', 'text').execute();
  await db.schema.alterTable('penyerahan').addColumn('kelompok', 'text').execute();
  await db.schema
    .alterTable('penyerahan')
    .addColumn('cara_bayar', 'text', (c) => c.check(sql`cara_bayar in ('tunai','transfer')`))
    .execute();
  await db.schema.alterTable('penyerahan').addColumn('rekening', 'text').execute();
}
