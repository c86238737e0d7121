import { sql, type Kysely } from 'kysely';

// The social registry (DTKS/DTSEN) and the import batches that feed it. Nothing here is ever deleted by
// the app: members leave with a status, and batches are undone through their recorded changes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text')
    .addColumn('preset', 'text')
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('data_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('committed').check(sql`status in ('committed','undone')`))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .addColumn('summary_json', 'text')
    .execute();

  await db.schema
    .createTable('keluarga')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('no_kk', 'text', (c) => c.notNull().unique())
    .addColumn('alamat', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dusun', 'text')
    .addColumn('rt', 'text')
    .addColumn('rw', 'text')
    .addColumn('desa_kode', 'text', (c) => c.notNull().references('region.kode'))
    // Denormalised from desa_kode: every per-kecamatan list and report filters on it.
    .addColumn('kecamatan_kode', 'text', (c) => c.notNull())
    .addColumn('id_dtks', 'text')
    .addColumn('desil', 'integer', (c) => c.check(sql`desil between 1 and 10`))
    .addColumn('miskin_ekstrem', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sumber', 'text')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .addColumn('catatan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('keluarga_desa').on('keluarga').column('desa_kode').execute();
  await db.schema.createIndex('keluarga_kecamatan').on('keluarga').columns(['kecamatan_kode', 'desa_kode']).execute();
  await db.schema.createIndex('keluarga_desil').on('keluarga').column('desil').execute();

  await db.schema
    .createTable('anggota')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('keluarga_id', 'integer', (c) => c.notNull().references('keluarga.id'))
    .addColumn('nik', 'text', (c) => c.notNull().unique())
    .addColumn('nama', 'text', (c) => c.notNull())
    // normalizeKey(nama): lower case, no punctuation; for prefix search and duplicate matching.
    .addColumn('nama_key', 'text', (c) => c.notNull())
    .addColumn('jenis_kelamin', 'text', (c) => c.check(sql`jenis_kelamin in ('L','P')`))
    .addColumn('tempat_lahir', 'text')
    .addColumn('tanggal_lahir', 'text')
    .addColumn('hubungan', 'text')
    .addColumn('ibu_kandung', 'text')
    .addColumn('status_kawin', 'text')
    .addColumn('pekerjaan', 'text')
    .addColumn('pendidikan', 'text')
    .addColumn('disabilitas', 'text')
    .addColumn('hamil', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('padan', 'text', (c) => c.notNull().defaultTo('belum').check(sql`padan in ('padan','tidak_padan','belum')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('aktif').check(sql`status in ('aktif','pindah','meninggal','keluar')`))
    .addColumn('status_tanggal', 'text')
    .addColumn('status_alasan', 'text')
    .addColumn('id_dtks', 'text')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('anggota_keluarga').on('anggota').column('keluarga_id').execute();
  await db.schema.createIndex('anggota_nama_key').on('anggota').column('nama_key').execute();
  await db.schema.createIndex('anggota_lahir').on('anggota').columns(['tanggal_lahir', 'nama_key']).execute();

  // National programmes a member already receives (PKH, BPNT, PBI-JK, PIP, …): data, not columns.
  await db.schema
    .createTable('anggota_program')
    .addColumn('anggota_id', 'integer', (c) => c.notNull().references('anggota.id'))
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('keterangan', 'text')
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id'))
    .addPrimaryKeyConstraint('anggota_program_pk', ['anggota_id', 'program'])
    .execute();
  await db.schema.createIndex('anggota_program_program').on('anggota_program').column('program').execute();

  // Every row an import inserted or updated, with the values before, so that a batch can be undone.
  await db.schema
    .createTable('import_change')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batch.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('insert','update')`))
    .addColumn('before_json', 'text')
    .execute();
  await db.schema.createIndex('import_change_batch').on('import_change').column('batch_id').execute();
  await db.schema.createIndex('import_change_entity').on('import_change').columns(['entity', 'entity_id']).execute();

  // A clerk's verdict on a pair of possible duplicates; 'beda' pairs are never shown again.
  await db.schema
    .createTable('duplikat_keputusan')
    .addColumn('anggota_a', 'integer', (c) => c.notNull())
    .addColumn('anggota_b', 'integer', (c) => c.notNull())
    .addColumn('keputusan', 'text', (c) => c.notNull().check(sql`keputusan in ('sama','beda')`))
    .addColumn('user_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplikat_keputusan_pk', ['anggota_a', 'anggota_b'])
    .execute();

  // Column mappings an operator corrected and saved, found again by the sheet's header texts.
  await db.schema
    .createTable('import_mapping')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('header_key', 'text', (c) => c.notNull().unique())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
