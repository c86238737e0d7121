/**
 * Realistic Kotim registry data for tests and benchmarks: families in real desa/kelurahan of 62.02 (from
 * resources/wilayah/wilayah.csv) with structurally valid NIKs (6202 + kecamatan + birth date, women +40)
 * and No KK. Deterministic for a given seed. Reused by the handovers and exports tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { continueRowIds } from '../../electron/core/db/dialect';
import type { Database } from '../../electron/core/db/schema';
import { normalizeKey } from '../../shared/domain/text';
import { RESOURCES } from './webApp';

import { makeFamiliesIn, makeKeluargaIn, type FixtureAnggota, type FixtureDesa, type FixtureKeluarga } from '../../electron/core/demo/families';

export { makeNik, rng, type FixtureAnggota, type FixtureDesa, type FixtureKeluarga } from '../../electron/core/demo/families';

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

/** Family number `i` in Kotawaringin Timur (the generator lives with the demo: electron/core/demo/families.ts). */
export function makeKeluarga(i: number, seed = 1): FixtureKeluarga {
  return makeKeluargaIn(kotimDesa(), i, seed);
}

/** Kotawaringin Timur families until at least `people` members exist, NIKs unique across the list. */
/** `n` families of at least `min` members, numbered from `from` on (so a sheet can name several people of one). */
export function familiesOfAtLeast(n: number, from: number, min: number, seed: number): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  for (let i = from; out.length < n; i++) {
    const k = makeKeluarga(i, seed);
    if (k.anggota.length >= min) out.push(k);
  }
  return out;
}

/** What the family form sends for a fixture family entered with its head only (registry.createKeluarga). */
export function newKeluargaInput(k: FixtureKeluarga, alamat = 'Jl. Tidar 12') {
  const kepala = k.anggota[0]!;
  return {
    keluarga: { noKk: k.noKk, alamat, rt: '003', rw: '001', desaKode: k.desa.kode },
    kepala: { nik: kepala.nik, nama: kepala.nama, hubungan: 'Kepala Keluarga', jenisKelamin: kepala.jenisKelamin, tanggalLahir: kepala.tanggalLahir, ibuKandung: 'Masnah', programs: [] },
  };
}

export function makeFamilies(people: number, seed = 1, start = 0): FixtureKeluarga[] {
  return makeFamiliesIn(kotimDesa(), people, seed, start);
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
          // kec_kode given as the import gives it: migration 0006's trigger would otherwise update every row again.
          id: aId, keluarga_id: kId, kec_kode: k.desa.kecamatanKode, nik: a.nik, nama: a.nama, nama_key: normalizeKey(a.nama), jenis_kelamin: a.jenisKelamin,
          tempat_lahir: a.tempatLahir, tanggal_lahir: a.tanggalLahir, hubungan: a.hubungan, ibu_kandung: a.ibuKandung,
          pekerjaan: a.pekerjaan, created_at: now, updated_at: now,
        });
      }
      if (mem.length >= 15_000) await flush();
    }
    await flush();
    // The ids were given here: the tables' own numbering carries on after them (PostgreSQL's identity).
    for (const table of ['keluarga', 'anggota'] as const) await continueRowIds(trx, table);
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
