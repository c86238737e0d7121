/** A small known registry (and aid data when the aid tables exist) for the export tests. */
import { uploadingClients } from '../../helpers/uploads';
import { sql } from 'kysely';
import { openCore, type Core } from '../../../electron/core/app';
import { userTables } from '../../../electron/core/db/dialect';
import type { Platform } from '../../../electron/core/platform';
import { normalizeKey } from '../../../shared/domain/text';
import { RESOURCES, tempDbPath } from '../../helpers/webApp';

export const testPlatform: Platform = {
  kind: 'cli',
  async htmlToPdf() {
    throw new Error('not used');
  },
};

export const NOW = new Date('2025-06-30T03:00:00Z');

export function kotimSetupInput() {
  return {
    office: {
      provinsiKode: '62',
      kabKotaKode: '62.02',
      namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur',
      pemerintah: '',
      alamat: 'Jl. Jenderal Sudirman Km. 5,5',
      kota: 'Sampit',
      kodePos: '',
      telepon: '',
      email: '',
      website: '',
      logo: null,
      kepalaNama: 'Drs. Budi Santoso',
      kepalaNip: '197001011990031001',
      kepalaPangkat: '',
      kepalaJabatan: 'Kepala Dinas Sosial',
      nomorPola: { bast: '{seq}/BAST/{tahun}', undangan: '{seq}/UND/{tahun}', notulen: '{seq}/NOT/{tahun}' },
      kertas: 'F4' as const,
    },
    admin: { nama: 'Admin Dinsos', username: 'admin', password: 'rahasia-sekali-123' },
  };
}

export async function openSeededCore(dbPath = tempDbPath()): Promise<{ core: Core; client: ReturnType<Core['createClient']> }> {
  const opened = await openCore({ dbPath, resourcesDir: RESOURCES, platform: testPlatform, now: () => NOW });
  const core = uploadingClients(opened, () => opened.paths.dataDir);
  const client = core.createClient();
  const setup = await client.call('admin.completeSetup', kotimSetupInput());
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  return { core, client };
}

export interface PersonSeed {
  nik: string;
  nama: string;
  jk: 'L' | 'P';
  tempatLahir: string;
  tanggalLahir: string;
  hubungan: string;
  ibu?: string;
  pekerjaan?: string;
  statusKawin?: string;
  pendidikan?: string;
  disabilitas?: string | null;
  hamil?: boolean;
  padan?: 'padan' | 'tidak_padan' | 'belum';
  status?: 'aktif' | 'pindah' | 'meninggal' | 'keluar';
  idDtks?: string;
  programs?: string[];
  /** Recorded SIKS-NG proposals: the programme as stored (spellings vary), and when each was recorded. */
  usulan?: { program: string; at: string }[];
}

export interface FamilySeed {
  noKk: string;
  desa: string;
  alamat: string;
  rt: string;
  rw: string;
  dusun?: string;
  idDtks?: string;
  desil?: number;
  ekstrem?: boolean;
  members: PersonSeed[];
}

export const FAMILIES: FamilySeed[] = [
  {
    noKk: '6202010101200001',
    desa: '62.02.01.2003',
    alamat: 'Jl. Palangan No. 5',
    rt: '3',
    rw: '1',
    dusun: 'Dusun I',
    idDtks: 'K-0001',
    desil: 1,
    ekstrem: true,
    members: [
      { nik: '6202011203850001', nama: 'Ahmad Fauzi', jk: 'L', tempatLahir: 'Sampit', tanggalLahir: '1985-03-12', hubungan: 'Kepala Keluarga', ibu: 'Siti Aminah', pekerjaan: 'Buruh Tani', statusKawin: 'Kawin', pendidikan: 'SD', padan: 'padan', idDtks: 'A-0001', programs: ['PKH', 'BPNT'], usulan: [{ program: 'PKH', at: '2025-05-02T01:00:00.000Z' }, { program: 'BPNT', at: '2025-05-20T01:00:00.000Z' }] },
      { nik: '6202014507880002', nama: 'Rina Marlina', jk: 'P', tempatLahir: 'Kota Besi', tanggalLahir: '1988-07-05', hubungan: 'Istri/Suami', ibu: 'Jumiati', pekerjaan: 'Mengurus Rumah Tangga', statusKawin: 'Kawin', hamil: true, idDtks: 'A-0002', programs: ['PKH'] },
      { nik: '6202010101150003', nama: 'Dimas Fauzi', jk: 'L', tempatLahir: 'Sampit', tanggalLahir: '2015-01-01', hubungan: 'Anak', ibu: 'Rina Marlina', pekerjaan: 'Pelajar', statusKawin: 'Belum Kawin', disabilitas: 'Ya (kode 2)', idDtks: 'A-0003', usulan: [{ program: '(tanpa program)', at: '2025-05-04T01:00:00.000Z' }] },
    ],
  },
  {
    noKk: '6202060202200002',
    desa: '62.02.06.1003',
    alamat: '=HYPERLINK("http://evil.example","klik")',
    rt: '10',
    rw: '2',
    idDtks: 'K-0002',
    desil: 3,
    members: [
      { nik: '6202065006500004', nama: '@Sulastri', jk: 'P', tempatLahir: '+Pangkalan Bun', tanggalLahir: '1950-06-10', hubungan: 'Kepala Keluarga', ibu: '-Inah', pekerjaan: 'Tidak Bekerja', statusKawin: 'Cerai Mati', padan: 'tidak_padan', programs: ['PBI-JK'], usulan: [{ program: 'PBI-JK', at: '2025-06-10T01:00:00.000Z' }] },
      { nik: '6202061010900005', nama: 'Yusuf', jk: 'L', tempatLahir: 'Sampit', tanggalLahir: '1990-10-10', hubungan: 'Anak', status: 'pindah', usulan: [{ program: 'BPNT', at: '2025-05-05T01:00:00.000Z' }] },
    ],
  },
];

export async function seedRegistry(core: Core): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const at = '2025-05-01T00:00:00.000Z';
  for (const f of FAMILIES) {
    const k = await core.db
      .insertInto('keluarga')
      .values({
        no_kk: f.noKk,
        alamat: f.alamat,
        dusun: f.dusun ?? null,
        rt: f.rt,
        rw: f.rw,
        desa_kode: f.desa,
        kecamatan_kode: f.desa.slice(0, 8),
        id_dtks: f.idDtks ?? null,
        desil: f.desil ?? null,
        miskin_ekstrem: f.ekstrem ? 1 : 0,
        sumber: 'test',
        import_batch_id: null,
        catatan: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of f.members) {
      const a = await core.db
        .insertInto('anggota')
        .values({
          keluarga_id: k.id,
          nik: m.nik,
          nama: m.nama,
          nama_key: normalizeKey(m.nama),
          jenis_kelamin: m.jk,
          tempat_lahir: m.tempatLahir,
          tanggal_lahir: m.tanggalLahir,
          hubungan: m.hubungan,
          ibu_kandung: m.ibu ?? null,
          status_kawin: m.statusKawin ?? null,
          pekerjaan: m.pekerjaan ?? null,
          pendidikan: m.pendidikan ?? null,
          disabilitas: m.disabilitas ?? null,
          hamil: m.hamil ? 1 : 0,
          padan: m.padan ?? 'belum',
          status: m.status ?? 'aktif',
          status_tanggal: null,
          status_alasan: null,
          id_dtks: m.idDtks ?? null,
          import_batch_id: null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(m.nik, a.id);
      for (const p of m.programs ?? []) {
        await core.db.insertInto('anggota_program').values({ anggota_id: a.id, program: p, keterangan: null, import_batch_id: null }).execute();
      }
      for (const u of m.usulan ?? []) {
        await core.db.insertInto('usulan').values({ anggota_id: a.id, program: u.program, hasil: null, padan: null, nama_dukcapil: null, keterangan: null, sumber_file: 'usulan-test.xlsx', created_at: u.at, updated_at: u.at }).execute();
      }
    }
  }
  return ids;
}

export async function hasAidTables(core: Core): Promise<boolean> {
  const tables = new Set(await userTables(core.db));
  return ['program', 'penyerahan', 'penerima', 'penerima_item', 'intervensi'].every((t) => tables.has(t));
}

/**
 * Two handovers of two programmes: Kaki Palsu (2 units × Rp 3.250.000, Kota Besi) and Sembako (3 paket ×
 * Rp 250.000, two recipients in two kecamatan; one more recipient cancelled). Plus interventions. In August, two
 * handovers whose items come in several units (Bahan Pokok: karung and botol; Paket Lansia: sak and kotak, one
 * paket each).
 */
export async function seedAid(core: Core, ids: Map<string, number>): Promise<{ penyerahanSembako: number; penyerahanBahanPokok: number }> {
  const at = '2025-05-01T00:00:00.000Z';
  const prog = async (nama: string, satuan: string, nilai: number, sumber: string) => {
    const r = await sql<{ id: number }>`insert into program (nama, jenis, satuan, nilai_satuan, sumber_dana, opd, tahun, kategori, aktif, created_at, updated_at)
      values (${nama}, 'barang', ${satuan}, ${nilai}, ${sumber}, 'Dinas Sosial', 2025, 'bansos', 1, ${at}, ${at}) returning id`.execute(core.db);
    return r.rows[0]!.id;
  };
  const kaki = await prog('Uji Kaki Palsu', 'unit', 3_250_000, 'apbd_kab');
  const sembako = await prog('Uji Sembako', 'paket', 250_000, 'apbn');
  const penyerahan = async (programId: number, tanggal: string) => {
    const r = await sql<{ id: number }>`insert into penyerahan (program_id, tanggal, tempat, mode, pertama_nama, pertama_jabatan, created_at, updated_at)
      values (${programId}, ${tanggal}, 'Aula Dinsos', 'kolektif', 'Drs. Budi Santoso', 'Kepala Dinas Sosial', ${at}, ${at}) returning id`.execute(core.db);
    return r.rows[0]!.id;
  };
  const p1 = await penyerahan(kaki, '2025-03-10');
  const p2 = await penyerahan(sembako, '2025-04-15');
  let urutan = 0;
  const penerima = async (penyerahanId: number, nik: string, status: string, items: [string, number, string, number][]) => {
    const r = await sql<{ id: number }>`insert into penerima (penyerahan_id, anggota_id, urutan, status, tanggal_terima, alasan_batal, created_at, updated_at)
      values (${penyerahanId}, ${ids.get(nik)!}, ${++urutan}, ${status}, ${status === 'diterima' ? null : null}, ${status === 'batal' ? 'Pindah domisili' : null}, ${at}, ${at}) returning id`.execute(core.db);
    for (const [nama, jumlah, satuan, nilai] of items) {
      await sql`insert into penerima_item (penerima_id, nama, jumlah, satuan, nilai_satuan) values (${r.rows[0]!.id}, ${nama}, ${jumlah}, ${satuan}, ${nilai})`.execute(core.db);
    }
  };
  await penerima(p1, '6202010101150003', 'diterima', [['Kaki palsu bawah lutut', 1, 'unit', 3_250_000]]);
  await penerima(p1, '6202011203850001', 'diterima', [['Kaki palsu atas lutut', 1, 'unit', 3_250_000]]);
  await penerima(p2, '6202011203850001', 'diterima', [['Paket sembako', 1, 'paket', 250_000]]);
  await penerima(p2, '6202065006500004', 'diterima', [['Paket sembako', 2, 'paket', 250_000]]);
  await penerima(p2, '6202061010900005', 'batal', [['Paket sembako', 1, 'paket', 250_000]]);
  // August: items in several units. Bahan pokok (unit "unit"): 1 karung beras + 2 botol minyak each, never "3".
  // Paket lansia (unit "paket"): each recipient's items are the contents of one package.
  const bahanPokok = await prog('Uji Bahan Pokok', 'unit', 0, 'apbd_prov');
  const paketLansia = await prog('Uji Paket Lansia', 'paket', 0, 'apbd_kab');
  const p3 = await penyerahan(bahanPokok, '2025-08-05');
  const p4 = await penyerahan(paketLansia, '2025-08-06');
  await penerima(p3, '6202011203850001', 'diterima', [['Beras premium 25 kg', 1, 'karung', 350_000], ['Minyak goreng 1 L', 2, 'botol', 20_000]]);
  await penerima(p3, '6202065006500004', 'diterima', [['Beras premium 25 kg', 1, 'Karung', 350_000], ['Minyak goreng 1 L', 2, 'botol', 20_000]]);
  await penerima(p3, '6202014507880002', 'diterima', [['Beras premium 25 kg', 2, 'karung', 350_000]]);
  await penerima(p4, '6202065006500004', 'diterima', [['Beras 5 kg', 1, 'sak', 75_000], ['Susu lansia', 2, 'kotak', 40_000]]);
  await penerima(p4, '6202011203850001', 'diterima', [['Beras 5 kg', 1, 'sak', 75_000], ['Susu lansia', 2, 'kotak', 40_000]]);
  const intervensi = async (nik: string, opd: string, jenis: string, tanggal: string, nilai: number) => {
    await sql`insert into intervensi (anggota_id, keluarga_id, opd, jenis, tanggal, nilai, sumber, created_at)
      values (${ids.get(nik)!}, null, ${opd}, ${jenis}, ${tanggal}, ${nilai}, 'manual', ${at})`.execute(core.db);
  };
  await intervensi('6202011203850001', 'Dinas Sosial', 'Bantuan pangan', '2025-04-15', 250_000);
  await intervensi('6202014507880002', 'Dinas Kesehatan', 'BPJS PBI', '2025-02-01', 0);
  await intervensi('6202065006500004', 'Dinas Sosial', 'Bantuan pangan', '2025-04-15', 500_000);
  return { penyerahanSembako: p2, penyerahanBahanPokok: p3 };
}
