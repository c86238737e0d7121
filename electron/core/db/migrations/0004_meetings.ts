import { sql, type Kysely } from 'kysely';

// DTKS operator meetings: the operator directory per desa/kelurahan, meetings with their invitees,
// attendance, minutes per agenda item and follow-ups. Operators are never deleted (they become inactive),
// because past attendance and follow-ups name them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operator_desa')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('nama_key', 'text', (c) => c.notNull())
    .addColumn('nik', 'text')
    .addColumn('no_hp', 'text')
    .addColumn('email', 'text')
    .addColumn('desa_kode', 'text', (c) => c.notNull().references('region.kode'))
    // Denormalised from desa_kode for per-kecamatan lists and invitations.
    .addColumn('kecamatan_kode', 'text', (c) => c.notNull())
    .addColumn('jabatan', 'text', (c) => c.notNull().defaultTo('Operator DTKS'))
    .addColumn('sk_nomor', 'text')
    .addColumn('sk_tanggal', 'text')
    .addColumn('aktif', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('catatan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operator_desa_desa').on('operator_desa').columns(['kecamatan_kode', 'desa_kode']).execute();
  // One person is one operator record: a NIK appears once (several operators without NIK are allowed).
  await sql`create unique index operator_desa_nik on operator_desa(nik) where nik is not null`.execute(db);

  await db.schema
    .createTable('rapat')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('judul', 'text', (c) => c.notNull())
    .addColumn('jenis', 'text', (c) =>
      c.notNull().check(sql`jenis in ('operator_dtks','koordinasi','sosialisasi','musyawarah')`),
    )
    .addColumn('tanggal', 'text', (c) => c.notNull())
    .addColumn('jam_mulai', 'text', (c) => c.notNull())
    .addColumn('jam_selesai', 'text')
    .addColumn('tempat', 'text', (c) => c.notNull())
    .addColumn('pimpinan_json', 'text', (c) => c.notNull())
    .addColumn('notulis_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('rencana').check(sql`status in ('rencana','selesai','batal')`))
    .addColumn('undangan_nomor', 'text')
    .addColumn('undangan_tanggal', 'text')
    .addColumn('undangan_json', 'text')
    .addColumn('notulen_nomor', 'text')
    .addColumn('pembukaan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rapat_tanggal').on('rapat').column('tanggal').execute();

  await db.schema
    .createTable('rapat_agenda')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('rapat_id', 'integer', (c) => c.notNull().references('rapat.id'))
    .addColumn('urutan', 'integer', (c) => c.notNull())
    .addColumn('judul', 'text', (c) => c.notNull())
    .addColumn('pembahasan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keputusan_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('rapat_agenda_rapat').on('rapat_agenda').columns(['rapat_id', 'urutan']).execute();

  await db.schema
    .createTable('rapat_peserta')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('rapat_id', 'integer', (c) => c.notNull().references('rapat.id'))
    .addColumn('operator_id', 'integer', (c) => c.references('operator_desa.id'))
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('nama_key', 'text', (c) => c.notNull())
    .addColumn('nik', 'text')
    .addColumn('desa_kode', 'text')
    .addColumn('kecamatan_kode', 'text')
    .addColumn('instansi', 'text')
    .addColumn('jabatan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('no_hp', 'text')
    .addColumn('kehadiran', 'text', (c) =>
      c.notNull().defaultTo('belum').check(sql`kehadiran in ('belum','hadir','izin','tidak_hadir')`),
    )
    .addColumn('jam_datang', 'text')
    .addColumn('keterangan', 'text')
    .addColumn('diundang', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rapat_peserta_rapat').on('rapat_peserta').columns(['rapat_id', 'kecamatan_kode', 'desa_kode']).execute();
  await sql`create unique index rapat_peserta_operator on rapat_peserta(rapat_id, operator_id) where operator_id is not null`.execute(db);

  await db.schema
    .createTable('tindak_lanjut')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('rapat_id', 'integer', (c) => c.notNull().references('rapat.id'))
    .addColumn('agenda_id', 'integer', (c) => c.references('rapat_agenda.id'))
    .addColumn('uraian', 'text', (c) => c.notNull())
    .addColumn('pj_nama', 'text', (c) => c.notNull())
    .addColumn('pj_desa_kode', 'text')
    .addColumn('batas_waktu', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('belum').check(sql`status in ('belum','proses','selesai')`))
    .addColumn('selesai_tanggal', 'text')
    .addColumn('catatan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tindak_lanjut_status').on('tindak_lanjut').columns(['status', 'batas_waktu']).execute();
  await db.schema.createIndex('tindak_lanjut_rapat').on('tindak_lanjut').column('rapat_id').execute();
}
