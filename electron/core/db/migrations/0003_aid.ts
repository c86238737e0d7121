import { sql, type Kysely } from 'kysely';

// Aid programmes, requests (permohonan), handover events (penyerahan) with their recipients, items and photos,
// and the cross-agency intervention log that handovers feed. Nothing is deleted by the app except a
// recipient that was added by mistake before any receipt was recorded.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('program')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('jenis', 'text', (c) => c.notNull().check(sql`jenis in ('barang','uang','jasa')`))
    .addColumn('satuan', 'text', (c) => c.notNull())
    .addColumn('nilai_satuan', 'integer', (c) => c.notNull().defaultTo(0).check(sql`nilai_satuan >= 0`))
    .addColumn('sumber_dana', 'text', (c) => c.notNull().check(sql`sumber_dana in ('apbd_kab','apbd_prov','apbn','csr')`))
    .addColumn('opd', 'text', (c) => c.notNull())
    .addColumn('tahun', 'integer', (c) => c.notNull())
    .addColumn('kategori', 'text', (c) => c.notNull().check(sql`kategori in ('bansos','pemberdayaan','usaha_mikro')`))
    .addColumn('aktif', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('keterangan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('program_nama_tahun').on('program').columns(['nama', 'tahun']).unique().execute();

  await db.schema
    .createTable('permohonan')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id'))
    .addColumn('anggota_id', 'integer', (c) => c.notNull().references('anggota.id'))
    .addColumn('tanggal', 'text', (c) => c.notNull())
    .addColumn('pembawa', 'text', (c) => c.notNull().check(sql`pembawa in ('sendiri','tksk','psm','desa','lainnya')`))
    .addColumn('pembawa_nama', 'text')
    .addColumn('dokumen_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kebutuhan', 'text')
    .addColumn('asesmen', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('diajukan').check(sql`status in ('diajukan','diverifikasi','disetujui','ditolak','diserahkan')`),
    )
    .addColumn('alasan_tolak', 'text')
    .addColumn('sk_nomor', 'text')
    .addColumn('sk_tanggal', 'text')
    .addColumn('diputuskan_oleh', 'text')
    .addColumn('diputuskan_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('permohonan_status').on('permohonan').columns(['status', 'program_id']).execute();
  await db.schema.createIndex('permohonan_anggota').on('permohonan').column('anggota_id').execute();

  await db.schema
    .createTable('penyerahan')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id'))
    .addColumn('tanggal', 'text', (c) => c.notNull())
    .addColumn('tempat', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('kolektif','perorangan')`))
    .addColumn('dasar_jenis', 'text')
    .addColumn('dasar_nomor', 'text')
    .addColumn('dasar_tanggal', 'text')
    .addColumn('dasar_tentang', 'text')
    .addColumn('pertama_nama', 'text', (c) => c.notNull())
    .addColumn('pertama_nip', 'text')
    .addColumn('pertama_pangkat', 'text')
    .addColumn('pertama_jabatan', 'text', (c) => c.notNull())
    .addColumn('wakil_nama', 'text')
    .addColumn('wakil_jabatan', 'text')
    .addColumn('saksi_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('nomor_bast', 'text')
    .addColumn('catatan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('penyerahan_program').on('penyerahan').columns(['program_id', 'tanggal']).execute();

  await db.schema
    .createTable('penerima')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('penyerahan_id', 'integer', (c) => c.notNull().references('penyerahan.id'))
    .addColumn('anggota_id', 'integer', (c) => c.notNull().references('anggota.id'))
    .addColumn('permohonan_id', 'integer', (c) => c.references('permohonan.id'))
    .addColumn('urutan', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('belum').check(sql`status in ('belum','diterima','batal')`))
    .addColumn('tanggal_terima', 'text')
    .addColumn('alasan_batal', 'text')
    // Why a clerk let the same person receive the same programme twice in one year.
    .addColumn('alasan_ganda', 'text')
    .addColumn('nomor_bast', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('penerima_once', ['penyerahan_id', 'anggota_id'])
    .execute();
  await db.schema.createIndex('penerima_anggota').on('penerima').column('anggota_id').execute();

  await db.schema
    .createTable('penerima_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('penerima_id', 'integer', (c) => c.notNull().references('penerima.id').onDelete('cascade'))
    .addColumn('nama', 'text', (c) => c.notNull())
    .addColumn('jumlah', 'real', (c) => c.notNull().check(sql`jumlah > 0`))
    .addColumn('satuan', 'text', (c) => c.notNull())
    .addColumn('nilai_satuan', 'integer', (c) => c.notNull().check(sql`nilai_satuan >= 0`))
    .execute();
  await db.schema.createIndex('penerima_item_penerima').on('penerima_item').column('penerima_id').execute();

  // Photos live in the attachments folder beside the database; the row keeps only the stored file name.
  await db.schema
    .createTable('penyerahan_foto')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('penyerahan_id', 'integer', (c) => c.notNull().references('penyerahan.id'))
    .addColumn('penerima_id', 'integer', (c) => c.references('penerima.id').onDelete('set null'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('keterangan', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('penyerahan_foto_penyerahan').on('penyerahan_foto').column('penyerahan_id').execute();

  await db.schema
    .createTable('intervensi')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('anggota_id', 'integer', (c) => c.references('anggota.id'))
    .addColumn('keluarga_id', 'integer', (c) => c.references('keluarga.id'))
    .addColumn('opd', 'text', (c) => c.notNull())
    .addColumn('jenis', 'text', (c) => c.notNull())
    .addColumn('program_id', 'integer', (c) => c.references('program.id'))
    .addColumn('penyerahan_id', 'integer', (c) => c.references('penyerahan.id'))
    .addColumn('tanggal', 'text', (c) => c.notNull())
    .addColumn('nilai', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sumber', 'text', (c) => c.notNull().check(sql`sumber in ('penyerahan','impor','manual')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intervensi_anggota').on('intervensi').columns(['anggota_id', 'jenis']).execute();
  await db.schema.createIndex('intervensi_keluarga').on('intervensi').column('keluarga_id').execute();
  await db.schema.createIndex('intervensi_opd').on('intervensi').columns(['opd', 'tanggal']).execute();
  await db.schema.createIndex('intervensi_penyerahan').on('intervensi').columns(['penyerahan_id', 'anggota_id']).execute();

  // A starter list the office edits: typical Dinsos kab/kota programmes of the current year.
  const now = new Date().toISOString();
  const tahun = Number(now.slice(0, 4));
  const starter: [string, string, string, number, string, string][] = [
    ['Bantuan Kaki Palsu', 'barang', 'unit', 3_250_000, 'apbd_kab', 'bansos'],
    ['Alat Bantu Disabilitas (Kursi Roda)', 'barang', 'unit', 1_750_000, 'apbd_kab', 'bansos'],
    ['Sembako', 'barang', 'paket', 250_000, 'apbd_kab', 'bansos'],
    ['Permakanan Lanjut Usia', 'barang', 'orang-hari', 25_000, 'apbn', 'bansos'],
    ['Sandang', 'barang', 'paket', 300_000, 'apbd_kab', 'bansos'],
    ['Bantuan Kelompok Usaha Bersama (KUBE)', 'uang', 'paket', 20_000_000, 'apbd_prov', 'usaha_mikro'],
    ['Pelatihan Keterampilan', 'jasa', 'orang', 1_500_000, 'apbd_kab', 'pemberdayaan'],
  ];
  for (const [nama, jenis, satuan, nilai, sumber, kategori] of starter) {
    await db
      .insertInto('program')
      .values({
        nama,
        jenis,
        satuan,
        nilai_satuan: nilai,
        sumber_dana: sumber,
        opd: 'Dinas Sosial',
        tahun,
        kategori,
        aktif: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
