/**
 * Realistic Kotim registry data for tests and benchmarks: families in real desa/kelurahan of 62.02 (from
 * resources/wilayah/wilayah.csv) with structurally valid NIKs (6202 + kecamatan + birth date, women +40)
 * and No KK. Deterministic for a given seed. Reused by the handovers and exports tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../electron/core/db/schema';
import { normalizeKey } from '../../shared/domain/text';
import { RESOURCES } from './webApp';

export interface FixtureDesa {
  kode: string;
  nama: string;
  kecamatanKode: string;
  kecamatanNama: string;
}

let desaCache: FixtureDesa[] | null = null;

/** Every desa/kelurahan of Kab. Kotawaringin Timur (62.02). */
export function kotimDesa(): FixtureDesa[] {
  if (desaCache) return desaCache;
  const lines = readFileSync(join(RESOURCES, 'wilayah/wilayah.csv'), 'utf8').split(/\r?\n/);
  const kec = new Map<string, string>();
  const out: FixtureDesa[] = [];
  for (const line of lines) {
    if (!line.startsWith('62.02.')) continue;
    const [kode, nama, level, parent] = line.split(',');
    if (!kode || !nama || !parent) continue;
    if (level === 'kecamatan') kec.set(kode, nama);
    else out.push({ kode, nama, kecamatanKode: parent, kecamatanNama: '' });
  }
  for (const d of out) d.kecamatanNama = kec.get(d.kecamatanKode) ?? '';
  desaCache = out;
  return out;
}

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const NAMA_L = ['Ahmad', 'Budi', 'Slamet', 'Yusuf', 'Rahmat', 'Agus', 'Hendra', 'Joko', 'Muhammad', 'Rizky', 'Dedi', 'Fajar', 'Hasan', 'Ilham', 'Supriadi', 'Bambang', 'Andi', 'Eko', 'Imam', 'Junaidi'];
const NAMA_P = ['Siti', 'Nur', 'Rahmawati', 'Dewi', 'Sri', 'Aisyah', 'Fitri', 'Wulandari', 'Lestari', 'Yuliani', 'Ratna', 'Indah', 'Maya', 'Rina', 'Halimah', 'Nurhayati', 'Kartini', 'Suryani', 'Mariam', 'Hasanah'];
const BELAKANG = ['Saputra', 'Hidayat', 'Santoso', 'Kurniawan', 'Pratama', 'Wijaya', 'Setiawan', 'Gunawan', 'Nugroho', 'Utami', 'Sari', 'Putri', 'Anggraini', 'Rahman', 'Hakim', 'Syahputra', 'Ramadhan', 'Firmansyah', 'Maulana', 'Susanti'];
const TEMPAT = ['Sampit', 'Kota Besi', 'Parenggean', 'Samuda', 'Palangka Raya', 'Banjarmasin', 'Kuala Kuayan', 'Cempaga'];
const PEKERJAAN = ['Petani', 'Buruh Harian Lepas', 'Nelayan', 'Pedagang', 'Mengurus Rumah Tangga', 'Pelajar/Mahasiswa', 'Belum/Tidak Bekerja', 'Wiraswasta'];

export interface FixtureAnggota {
  nik: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  /** ISO */
  tanggalLahir: string;
  hubungan: string;
  ibuKandung: string;
  pekerjaan: string;
}

export interface FixtureKeluarga {
  noKk: string;
  desa: FixtureDesa;
  alamat: string;
  dusun: string;
  rt: string;
  rw: string;
  desil: number;
  anggota: FixtureAnggota[];
}

/** A valid NIK: 62 02 <kec> DDMMYY (women +40) <serial 4>. */
export function makeNik(kecamatanKode: string, birthIso: string, sex: 'L' | 'P', serial: number): string {
  const [y, m, d] = birthIso.split('-').map(Number) as [number, number, number];
  const kec = kecamatanKode.replace(/\D/g, '').slice(4, 6);
  return `6202${kec}${pad(sex === 'P' ? d + 40 : d)}${pad(m)}${pad(y % 100)}${pad(serial % 10000 || 1, 4)}`;
}

function birth(r: () => number, minAge: number, maxAge: number): string {
  const year = 2024 - minAge - Math.floor(r() * (maxAge - minAge));
  return `${year}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
}

/**
 * Family number `i` (unique NIKs/KKs for distinct i up to 10^7 per seed space): a head, usually a spouse,
 * and 0–4 children.
 */
export function makeKeluarga(i: number, seed = 1): FixtureKeluarga {
  const r = rng(seed * 1_000_003 + i);
  const desaList = kotimDesa();
  const desa = desaList[i % desaList.length]!;
  const serialBase = i * 7;
  const kkSerial = pad(i % 1_000_000, 6);
  const noKk = `6202${desa.kecamatanKode.slice(6, 8)}${pad(1 + (i % 28))}${pad(1 + (Math.floor(i / 28) % 12))}${kkSerial.slice(0, 2)}${kkSerial.slice(2)}`;
  const belakang = pick(r, BELAKANG);
  const ibuKepala = `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}`;
  const anggota: FixtureAnggota[] = [];
  const headSex: 'L' | 'P' = r() < 0.85 ? 'L' : 'P';
  const headBirth = birth(r, 25, 70);
  anggota.push({
    nik: makeNik(desa.kecamatanKode, headBirth, headSex, serialBase + 1),
    nama: `${pick(r, headSex === 'L' ? NAMA_L : NAMA_P)} ${belakang}`,
    jenisKelamin: headSex,
    tempatLahir: pick(r, TEMPAT),
    tanggalLahir: headBirth,
    hubungan: 'Kepala Keluarga',
    ibuKandung: ibuKepala,
    pekerjaan: pick(r, PEKERJAAN),
  });
  const ibuAnak = headSex === 'L' ? `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}` : anggota[0]!.nama;
  if (headSex === 'L' && r() < 0.85) {
    const b = birth(r, 22, 65);
    anggota.push({
      nik: makeNik(desa.kecamatanKode, b, 'P', serialBase + 2),
      nama: ibuAnak,
      jenisKelamin: 'P',
      tempatLahir: pick(r, TEMPAT),
      tanggalLahir: b,
      hubungan: 'Istri',
      ibuKandung: `${pick(r, NAMA_P)} ${pick(r, BELAKANG)}`,
      pekerjaan: 'Mengurus Rumah Tangga',
    });
  }
  const children = Math.floor(r() * 5);
  for (let c = 0; c < children; c++) {
    const sex: 'L' | 'P' = r() < 0.5 ? 'L' : 'P';
    const b = birth(r, 1, 20);
    anggota.push({
      nik: makeNik(desa.kecamatanKode, b, sex, serialBase + 3 + c),
      nama: `${pick(r, sex === 'L' ? NAMA_L : NAMA_P)} ${belakang}`,
      jenisKelamin: sex,
      tempatLahir: pick(r, TEMPAT),
      tanggalLahir: b,
      hubungan: 'Anak',
      ibuKandung: ibuAnak,
      pekerjaan: 'Pelajar/Mahasiswa',
    });
  }
  return {
    noKk,
    desa,
    alamat: `Jl. ${pick(r, ['Cilik Riwut', 'Tjilik Riwut', 'Jend. Sudirman', 'Ahmad Yani', 'Pelita', 'Kenanga', 'Merdeka'])} No. ${1 + Math.floor(r() * 120)}`,
    dusun: `Dusun ${1 + Math.floor(r() * 4)}`,
    rt: String(1 + Math.floor(r() * 20)),
    rw: String(1 + Math.floor(r() * 6)),
    desil: 1 + Math.floor(r() * 10),
    anggota,
  };
}

/**
 * Families until at least `people` members exist. NIKs are unique across the list: a serial already taken
 * for the same kecamatan and birth date moves to the next free one, as Dukcapil would assign it.
 */
export function makeFamilies(people: number, seed = 1, start = 0): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  const taken = new Set<string>();
  let n = 0;
  for (let i = start; n < people; i++) {
    const k = makeKeluarga(i, seed);
    for (const a of k.anggota) {
      let serial = Number(a.nik.slice(12));
      while (taken.has(a.nik)) {
        serial = (serial % 9999) + 1;
        a.nik = `${a.nik.slice(0, 12)}${pad(serial, 4)}`;
      }
      taken.add(a.nik);
    }
    out.push(k);
    n += k.anggota.length;
  }
  return out;
}

/** Inserts families straight into the registry tables (fast, for seeding large registries). */
export async function seedRegistry(db: Kysely<Database>, people: number, opts: { seed?: number; now?: string } = {}): Promise<{ keluarga: number; anggota: number }> {
  const now = opts.now ?? new Date().toISOString();
  const families = makeFamilies(people, opts.seed ?? 1);
  let kId = 0;
  let aId = 0;
  await db.transaction().execute(async (trx) => {
    const fam: Record<string, unknown>[] = [];
    const mem: Record<string, unknown>[] = [];
    const flush = async () => {
      for (let i = 0; i < fam.length; i += 1000) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await trx.insertInto('keluarga').values(fam.slice(i, i + 1000) as any).execute();
      }
      for (let i = 0; i < mem.length; i += 1500) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await trx.insertInto('anggota').values(mem.slice(i, i + 1500) as any).execute();
      }
      fam.length = 0;
      mem.length = 0;
    };
    for (const k of families) {
      kId++;
      fam.push({
        id: kId, no_kk: k.noKk, alamat: k.alamat, dusun: k.dusun, rt: k.rt, rw: k.rw, desa_kode: k.desa.kode,
        kecamatan_kode: k.desa.kecamatanKode, desil: k.desil, miskin_ekstrem: k.desil === 1 ? 1 : 0, sumber: 'seed', created_at: now, updated_at: now,
      });
      for (const a of k.anggota) {
        aId++;
        mem.push({
          id: aId, keluarga_id: kId, nik: a.nik, nama: a.nama, nama_key: normalizeKey(a.nama), jenis_kelamin: a.jenisKelamin,
          tempat_lahir: a.tempatLahir, tanggal_lahir: a.tanggalLahir, hubungan: a.hubungan, ibu_kandung: a.ibuKandung,
          pekerjaan: a.pekerjaan, created_at: now, updated_at: now,
        });
      }
      if (mem.length >= 15_000) await flush();
    }
    await flush();
  });
  return { keluarga: kId, anggota: aId };
}

/** The 24 column headers of the published DTKS layout (formats.md §1.4). */
export const DTKS_HEADERS = [
  'No', 'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW', 'NO KK', 'NIK',
  'Nama', 'Tanggal Lahir', 'Tempat Lahir', 'Jenis Kelamin', 'Pekerjaan', 'Nama Ibu Kandung', 'Hub Keluarga',
  'Keterangan Padan', 'BANSOS BPNT', 'BANSOS PKH', 'BANSOS BPNT-PPKM', 'PBI JKN',
] as const;

/** One DTKS row per member, in the published layout's order (dates as dd/mm/yyyy text, NIK/KK as text). */
export function dtksRow(k: FixtureKeluarga, a: FixtureAnggota, no: number): (string | number)[] {
  const [y, m, d] = a.tanggalLahir.split('-');
  return [
    no, `DTKS${String(no).padStart(9, '0')}`, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', k.desa.kecamatanNama.toUpperCase(), k.desa.nama.toUpperCase(),
    k.alamat, k.dusun, k.rt, k.rw, k.noKk, a.nik, a.nama.toUpperCase(), `${d}/${m}/${y}`, a.tempatLahir.toUpperCase(), a.jenisKelamin === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN',
    a.pekerjaan, a.ibuKandung.toUpperCase(), a.hubungan.toUpperCase(), 'PADAN', no % 3 === 0 ? 'YA' : 'TIDAK', no % 5 === 0 ? 'YA' : 'TIDAK', 'TIDAK', no % 2 === 0 ? 'YA' : 'TIDAK',
  ];
}
