import { sql, type Kysely } from 'kysely';
import { normalizeKey } from '../../../../shared/domain/text';
import { isPostgres } from '../dialect';

// Issue 15: agencies (OPD) and their kinds of intervention become reference data instead of free text, so
// "Dinkes" and "Dinas Kesehatan" are one agency. Every name an OPD is known by (its name, short name and
// aliases) is a key in opd_nama; intervensi rows point at an OPD and a kind, and keep the canonical names in
// their text columns for the reports that read them.

/** The usual agencies of Kotawaringin Timur and Palangka Raya with their usual kinds of help. */
const SEED: { nama: string; singkatan: string; alias: string[]; jenis: string[] }[] = [
  { nama: 'Dinas Sosial', singkatan: 'Dinsos', alias: ['Dinas Sosial Kabupaten Kotawaringin Timur', 'Dinas Sosial Kota Palangka Raya', 'Dinsos Kotim'], jenis: ['Sembako', 'Bantuan sosial tunai', 'Rehabilitasi sosial', 'Bantuan bencana', 'Alat bantu disabilitas', 'Pendampingan PKH'] },
  { nama: 'Dinas Kesehatan', singkatan: 'Dinkes', alias: ['Dinas Kesehatan Kabupaten Kotawaringin Timur', 'Dinas Kesehatan Kota Palangka Raya', 'Dinkes Kotim'], jenis: ['PBI-JK daerah', 'Pemberian makanan tambahan (PMT)', 'Pemeriksaan kesehatan', 'Imunisasi', 'Penanganan stunting'] },
  { nama: 'Dinas Pendidikan', singkatan: 'Disdik', alias: ['Dinas Pendidikan dan Kebudayaan', 'Disdikbud'], jenis: ['Beasiswa', 'Program Indonesia Pintar (PIP)', 'Seragam dan perlengkapan sekolah'] },
  { nama: 'Dinas Perumahan dan Kawasan Permukiman', singkatan: 'Disperkim', alias: ['Dinas Perkim', 'Perkim'], jenis: ['Bedah rumah (RTLH)', 'Jamban sehat', 'Air bersih', 'Sambungan listrik'] },
  { nama: 'Dinas Pemberdayaan Masyarakat dan Desa', singkatan: 'DPMD', alias: ['Dinas PMD'], jenis: ['BLT Dana Desa', 'Padat karya tunai desa'] },
  { nama: 'Dinas Tenaga Kerja dan Transmigrasi', singkatan: 'Disnakertrans', alias: ['Disnaker', 'Dinas Tenaga Kerja'], jenis: ['Pelatihan kerja', 'Bantuan alat usaha', 'Penempatan kerja'] },
  { nama: 'Badan Amil Zakat Nasional', singkatan: 'Baznas', alias: ['BAZNAS Kotim', 'BAZNAS Kota Palangka Raya'], jenis: ['Zakat konsumtif', 'Modal usaha (zakat produktif)', 'Beasiswa Baznas', 'Bedah rumah Baznas'] },
  { nama: 'Dinas Ketahanan Pangan', singkatan: 'DKP', alias: ['Dinas Ketahanan Pangan dan Perikanan'], jenis: ['Bantuan pangan', 'Pekarangan pangan lestari'] },
  { nama: 'Dinas Pekerjaan Umum dan Penataan Ruang', singkatan: 'Dinas PUPR', alias: ['PUPR', 'Dinas PU'], jenis: ['Air bersih', 'Sanitasi', 'Jalan lingkungan'] },
  { nama: 'BPJS Kesehatan', singkatan: 'BPJS Kes', alias: ['BPJS'], jenis: ['PBI-JK', 'JKN-KIS'] },
  { nama: 'Dinas Perikanan', singkatan: 'Diskan', alias: [], jenis: ['Bantuan alat tangkap', 'Benih ikan'] },
  { nama: 'Dinas Pertanian', singkatan: 'Distan', alias: ['Dinas Tanaman Pangan dan Hortikultura'], jenis: ['Benih dan bibit', 'Pupuk', 'Alat mesin pertanian'] },
  {
    nama: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
    singkatan: 'DP3AP2KB',
    alias: ['DP3A', 'DPPKB'],
    jenis: ['Pendampingan keluarga berisiko stunting', 'KB gratis', 'Perlindungan perempuan dan anak'],
  },
  { nama: 'Dinas Koperasi dan UKM', singkatan: 'Diskopukm', alias: ['Dinas Koperasi'], jenis: ['Pelatihan usaha', 'Bantuan modal usaha'] },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opd')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nama', 'text', (c) => c.notNull().check(sql`length(trim(nama)) >= 2`))
    .addColumn('singkatan', 'text')
    .addColumn('digabung_ke', 'integer', (c) => c.references('opd.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Every name an OPD answers to: its name, short name and aliases, keyed like normalizeKey().
  await db.schema
    .createTable('opd_nama')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('opd_id', 'integer', (c) => c.notNull().references('opd.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('jenis', 'text', (c) => c.notNull().check(sql`jenis in ('nama','singkatan','alias')`))
    .execute();
  await db.schema.createIndex('opd_nama_opd').on('opd_nama').column('opd_id').execute();
  await db.schema
    .createTable('jenis_intervensi')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('opd_id', 'integer', (c) => c.notNull().references('opd.id'))
    .addColumn('nama', 'text', (c) => c.notNull().check(sql`length(trim(nama)) >= 2`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('jenis_intervensi_opd_key', ['opd_id', 'key'])
    .execute();
  await db.schema.alterTable('intervensi').addColumn('opd_id', 'integer', (c) => c.references('opd.id')).execute();
  await db.schema.alterTable('intervensi').addColumn('jenis_id', 'integer', (c) => c.references('jenis_intervensi.id')).execute();
  await db.schema.createIndex('intervensi_opd_ref').on('intervensi').columns(['opd_id', 'tanggal']).execute();

  const now = new Date().toISOString();
  const keys = new Map<string, number>();
  const addKey = async (label: string, opdId: number, jenis: 'nama' | 'singkatan' | 'alias') => {
    const key = normalizeKey(label);
    if (!key || keys.has(key)) return;
    keys.set(key, opdId);
    await db.insertInto('opd_nama').values({ key, opd_id: opdId, label: label.trim(), jenis }).execute();
  };
  const kinds = new Map<string, number>();
  const addKind = async (opdId: number, nama: string) => {
    const key = normalizeKey(nama);
    const k = `${opdId}|${key}`;
    if (!kinds.has(k)) {
      const row = await db.insertInto('jenis_intervensi').values({ opd_id: opdId, nama: nama.trim(), key, created_at: now }).returning('id').executeTakeFirstOrThrow();
      kinds.set(k, row.id as number);
    }
    return kinds.get(k)!;
  };
  const addOpd = async (nama: string, singkatan: string | null) => {
    const row = await db.insertInto('opd').values({ nama: nama.trim(), singkatan, digabung_ke: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const id = row.id as number;
    await addKey(nama, id, 'nama');
    if (singkatan) await addKey(singkatan, id, 'singkatan');
    return id;
  };
  for (const o of SEED) {
    const id = await addOpd(o.nama, o.singkatan);
    for (const a of o.alias) await addKey(a, id, 'alias');
    for (const j of o.jenis) await addKind(id, j);
  }

  // Free-text rows already recorded: each distinct name becomes (or joins, through the keys) a reference row.
  const used = await db.selectFrom('intervensi').select(['opd', 'jenis']).distinct().execute();
  for (const u of used as { opd: string; jenis: string }[]) {
    const key = normalizeKey(u.opd);
    const opdId = keys.get(key) ?? (key ? await addOpd(u.opd, null) : await addOpd('OPD tidak diketahui', null));
    const jenisId = await addKind(opdId, u.jenis.trim().length >= 2 ? u.jenis : 'Tidak diketahui');
    const canon = await db.selectFrom('opd').select('nama').where('id', '=', opdId).executeTakeFirstOrThrow();
    const kind = await db.selectFrom('jenis_intervensi').select('nama').where('id', '=', jenisId).executeTakeFirstOrThrow();
    await db
      .updateTable('intervensi')
      .set({ opd_id: opdId, jenis_id: jenisId, opd: canon.nama, jenis: kind.nama })
      .where('opd', '=', u.opd)
      .where('jenis', '=', u.jenis)
      .where('opd_id', 'is', null)
      .execute();
  }

  // Writers outside this feature (handover receipts) insert names only: resolve them through the same keys
  // (lower case, trimmed — what normalizeKey gives for an ordinary name) and add what is unknown.
  // No PostgreSQL database predates 0011, which replaces this trigger: PostgreSQL gets 0011's version only.
  if (isPostgres(db)) return;
  await sql`
    create trigger intervensi_ref after insert on intervensi when new.opd_id is null begin
      insert into opd (nama, singkatan, created_at, updated_at)
        select trim(new.opd), null, new.created_at, new.created_at
        where not exists (select 1 from opd_nama where key = lower(trim(new.opd)));
      insert or ignore into opd_nama (key, opd_id, label, jenis)
        select lower(trim(new.opd)), max(id), trim(new.opd), 'nama' from opd where nama = trim(new.opd) having count(*) > 0;
      update intervensi set opd_id = (select opd_id from opd_nama where key = lower(trim(new.opd))) where id = new.id;
      update intervensi set opd = (select nama from opd where opd.id = intervensi.opd_id) where id = new.id;
      insert into jenis_intervensi (opd_id, nama, key, created_at)
        select i.opd_id, trim(new.jenis), lower(trim(new.jenis)), new.created_at from intervensi i
        where i.id = new.id and not exists (select 1 from jenis_intervensi j where j.opd_id = i.opd_id and j.key = lower(trim(new.jenis)));
      update intervensi set jenis_id = (select j.id from jenis_intervensi j where j.opd_id = intervensi.opd_id and j.key = lower(trim(new.jenis))) where id = new.id;
      update intervensi set jenis = (select nama from jenis_intervensi where jenis_intervensi.id = intervensi.jenis_id) where id = new.id;
    end
  `.execute(db);
}
