/**
 * The three handovers an official signs most often, built through the app's own calls on a real database:
 * a single prosthetic leg (perorangan), a sembako handover to N families (kolektif) and a KUBE group grant (money).
 * Used by the page-rule tests, the PNGs in docs/ and the page-count measurements.
 */
import type { Core } from '../../../electron/core/app';
import type { DocumentPreview, PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { validateNik } from '../../../shared/domain/nik';
import { normalizeKey } from '../../../shared/domain/text';
import { kotimSetup, ok, openTestCore } from '../../helpers/core';

const NAMA = ['Aminah', 'Budi Santoso', 'Citra Dewi', 'Dedi Kurniawan', 'Eko Prasetyo', 'Fitriani', 'Gunawan', 'Hasanah', 'Iwan Setiawan', 'Juliana Simanjuntak', 'Kartini'];
const NAMA_BELAKANG = ['Rahmawati', 'Saputra', 'Lestari', 'Hidayat', 'Wulandari', 'Siregar', 'Nugroho'];
const DESA = ['62.02.01.2003', '62.02.01.2004', '62.02.01.2005', '62.02.01.1009', '62.02.01.1010'];

type Client = ReturnType<Core['createClient']>;

export interface Office {
  core: Core;
  admin: Client;
}

export async function openOffice(paper: 'A4' | 'F4'): Promise<Office> {
  const core = await openTestCore();
  const admin = core.createClient();
  await ok(admin, 'admin.completeSetup', kotimSetup({ kertas: paper }));
  return { core, admin };
}

/** `n` registry members, each in a family of their own, with valid Kotim NIKs. */
export async function seedMembers(core: Core, n: number): Promise<number[]> {
  const at = new Date().toISOString();
  const ids: number[] = [];
  // Continue after the families already there, so that several scenarios can share one database.
  const { n: from } = await core.db.selectFrom('keluarga').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  for (let i = Number(from); ids.length < n; i++) {
    const nik = `620201${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(60 + (i % 40))}${String(1000 + i).slice(-4)}`;
    if (validateNik(nik).errors.length > 0) continue;
    const kel = await core.db
      .insertInto('keluarga')
      .values({ no_kk: `62020115031${String(10000 + i)}`, alamat: `Jl. Tjilik Riwut Km. ${i % 30} Gg. Damai`, rt: String(1 + (i % 15)).padStart(3, '0'), rw: String(1 + (i % 5)).padStart(3, '0'), desa_kode: DESA[i % DESA.length]!, kecamatan_kode: '62.02.01', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const nama = `${NAMA[i % NAMA.length]!} ${NAMA_BELAKANG[i % NAMA_BELAKANG.length]!}`;
    const a = await core.db.insertInto('anggota').values({ keluarga_id: kel.id, nik, nama, nama_key: normalizeKey(nama), created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    ids.push(a.id);
  }
  return ids;
}

async function program(admin: Client, q: string): Promise<Program> {
  const found = (await ok<Program[]>(admin, 'programs.list', { q }))[0];
  if (!found) throw new Error(`no programme ${q}`);
  return found;
}

const KABID = {
  pertamaNama: 'Hj. Rina Kartika, S.Sos',
  pertamaNip: '197503122000032004',
  pertamaPangkat: 'Pembina (IV/a)',
  pertamaJabatan: 'Kepala Bidang Perlindungan dan Jaminan Sosial',
};

/** One prosthetic leg handed to one person: the individual BAST with its lampiran. */
export async function kakiPalsu({ core, admin }: Office): Promise<PenyerahanDetail> {
  const [id] = await seedMembers(core, 1);
  const p = await program(admin, 'Kaki Palsu');
  let h = await ok<PenyerahanDetail>(admin, 'handovers.create', {
    programId: p.id,
    tanggal: '2026-05-08',
    tempat: 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur, Sampit',
    mode: 'perorangan',
    dasarNomor: '460/87/SK-DINSOS/IV/2026',
    dasarTanggal: '2026-04-29',
    dasarTentang: 'Penetapan Penerima Bantuan Alat Bantu Penyandang Disabilitas Tahun 2026',
    ...KABID,
    pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
  });
  h = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [id] });
  return ok<PenyerahanDetail>(admin, 'handovers.setItems', {
    penyerahanId: h.id,
    penerimaId: null,
    items: [{ nama: 'Kaki Palsu (Prostesis Bawah Lutut)', jumlah: 1, satuan: 'unit', nilaiSatuan: 3_250_000 }],
  });
}

/** Sembako to `n` families: rice by the sack and cooking oil by the bottle (two units that must not be added). */
export async function sembako({ core, admin }: Office, n: number): Promise<PenyerahanDetail> {
  const ids = await seedMembers(core, n);
  const p = await program(admin, 'Sembako');
  let h = await ok<PenyerahanDetail>(admin, 'handovers.create', {
    programId: p.id,
    tanggal: '2026-05-08',
    tempat: 'Aula Kecamatan Kota Besi',
    mode: 'kolektif',
    dasarNomor: '460/125/SK-DINSOS/IV/2026',
    dasarTanggal: '2026-04-29',
    dasarTentang: 'Penetapan Penerima Bantuan Sembako Tahun 2026',
    ...KABID,
    wakilNama: 'Drs. Muhammad Ramli',
    wakilJabatan: 'Camat Kota Besi',
    wakilNip: '197008151995031004',
    wakilPangkat: 'Pembina (IV/a)',
  });
  h = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: ids });
  return ok<PenyerahanDetail>(admin, 'handovers.setItems', {
    penyerahanId: h.id,
    penerimaId: null,
    items: [
      { nama: 'Beras Premium 25 kg', jumlah: 1, satuan: 'karung', nilaiSatuan: 350_000 },
      { nama: 'Minyak Goreng 1 liter', jumlah: 2, satuan: 'botol', nilaiSatuan: 18_000 },
    ],
  });
}

/** A KUBE grant of Rp 20.000.000 to a group of five, paid in cash through its chairman. */
export async function kube({ core, admin }: Office, extra: Record<string, unknown> = {}): Promise<PenyerahanDetail> {
  const ids = await seedMembers(core, 5);
  const p = await program(admin, 'KUBE');
  let h = await ok<PenyerahanDetail>(admin, 'handovers.create', {
    programId: p.id,
    tanggal: '2026-05-08',
    tempat: 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur, Sampit',
    mode: 'kolektif',
    dasarNomor: '460/140/SK-DINSOS/IV/2026',
    dasarTanggal: '2026-04-30',
    dasarTentang: 'Penetapan Kelompok Penerima Bantuan Kelompok Usaha Bersama Tahun 2026',
    ...KABID,
    pertamaJabatan: 'Kepala Bidang Pemberdayaan Sosial',
    wakilNama: 'Supriadi',
    wakilJabatan: 'Ketua KUBE Maju Bersama',
    kelompok: 'KUBE Maju Bersama',
    caraBayar: 'tunai',
    ...extra,
  });
  h = await ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: ids });
  return ok<PenyerahanDetail>(admin, 'handovers.setItems', {
    penyerahanId: h.id,
    penerimaId: null,
    items: [{ nama: 'Bantuan Modal Usaha KUBE', jumlah: 1, satuan: 'paket', nilaiSatuan: 4_000_000 }],
  });
}

export function preview(admin: Client, h: PenyerahanDetail, kind: 'bast' | 'tandaTerima' = 'bast'): Promise<DocumentPreview> {
  return ok<DocumentPreview>(admin, 'handovers.preview', { penyerahanId: h.id, kind });
}
