import { sql, type RawBuilder } from 'kysely';
import { compactKey } from '../../../../shared/domain/text';
import { parseIso } from '../../../../shared/domain/tanggal';
import { AppError } from '../../api/errors';
import { normalizeRegionCode, type RegionIndex } from '../../regions';
import type { SourceEnv, SourceImpl, SourceRecord } from './types';

export interface WilayahNames {
  provinsi: string;
  kabupaten: string;
  kecamatan: string;
  desa: string;
  kodeWilayah: string;
}

/** Names of a desa and its ancestors, cached per export (a few hundred desa at most). */
export function wilayahLookup(regions: RegionIndex): (desaKode: string) => WilayahNames {
  const cache = new Map<string, WilayahNames>();
  return (desaKode) => {
    let hit = cache.get(desaKode);
    if (!hit) {
      const desa = regions.get(desaKode);
      const path = desa ? regions.path(desa.kode) : [];
      hit = {
        provinsi: path[0]?.nama ?? '',
        kabupaten: path[1]?.nama ?? '',
        kecamatan: path[2]?.nama ?? '',
        desa: desa?.nama ?? '',
        kodeWilayah: desaKode.replace(/\./g, ''),
      };
      cache.set(desaKode, hit);
    }
    return hit;
  };
}

/** SQL condition limiting keluarga (alias k) to a region code of any level. */
export function wilayahCondition(code: string | null): RawBuilder<unknown> {
  if (!code) return sql`1 = 1`;
  const kode = normalizeRegionCode(code);
  if (!kode) throw new AppError('INVALID_INPUT', 'Kode wilayah tidak dikenali.');
  if (kode.length === 13) return sql`k.desa_kode = ${kode}`;
  if (kode.length === 8) return sql`k.kecamatan_kode = ${kode}`;
  return sql`k.kecamatan_kode like ${`${kode}.%`}`;
}

export function periodCondition(column: RawBuilder<unknown>, dari: string | null, sampai: string | null): RawBuilder<unknown> {
  if (dari && sampai) return sql`substr(${column}, 1, 10) between ${dari} and ${sampai}`;
  if (dari) return sql`substr(${column}, 1, 10) >= ${dari}`;
  if (sampai) return sql`substr(${column}, 1, 10) <= ${sampai}`;
  return sql`1 = 1`;
}

export const yaTidak = (b: boolean) => (b ? 'Ya' : 'Tidak');

/** Age in whole years on `today`, or null without a valid birth date. */
export function usia(tanggalLahir: string | null, today: string): number | null {
  const lahir = parseIso(tanggalLahir);
  const now = parseIso(today);
  if (!lahir || !now) return null;
  let years = now.year - lahir.year;
  if (now.month < lahir.month || (now.month === lahir.month && now.day < lahir.day)) years -= 1;
  return years >= 0 ? years : null;
}

/** National programme flags from the names kept in anggota_program (PKH, BPNT, PBI-JK, …). */
export const PROGRAM_FLAGS: Record<string, (key: string) => boolean> = {
  bansosBpnt: (k) => k === 'bpnt' || k === 'bansosbpnt',
  bansosPkh: (k) => k === 'pkh' || k === 'bansospkh',
  bansosPbi: (k) => k.startsWith('pbi'),
  bansosBpntPpkm: (k) => k === 'bpntppkm' || k === 'bansosbpntppkm',
  bansosBpum: (k) => k === 'bpum',
  bansosBst: (k) => k === 'bst',
  bansosSembako: (k) => k === 'sembako' || k === 'bsp' || k === 'bpntsembako',
};

export function programKey(program: string): string {
  return compactKey(program);
}

/**
 * A proposal's programme as SIKS-NG names it (formats.md §1.1–1.3: PKH, BPNT, PBI, BST, NON BANSOS), from
 * however it was stored or typed ("pbi-jk", "Sembako", "(tanpa program)", empty).
 */
export function usulanProgram(program: string | null | undefined): string {
  const key = compactKey(program ?? '');
  if (key === '' || key === 'nonbansos' || key === 'tanpaprogram' || key === 'tidakada' || key === 'bukanbansos') return 'NON BANSOS';
  if (key.includes('pkh')) return 'PKH';
  if (key.includes('bpnt') || key.includes('sembako') || key === 'bsp') return 'BPNT';
  if (key.startsWith('pbi') || key.includes('jkn') || key === 'kis') return 'PBI';
  if (key === 'bst') return 'BST';
  return (program ?? '').trim().toLocaleUpperCase('id-ID');
}

export const padanLabel: Record<string, string> = { padan: 'Padan', tidak_padan: 'Tidak Padan', belum: '' };
export const statusLabel: Record<string, string> = { aktif: 'Aktif', pindah: 'Pindah', meninggal: 'Meninggal', keluar: 'Keluar' };
export const sumberDanaLabel: Record<string, string> = { apbd_kab: 'APBD Kabupaten/Kota', apbd_prov: 'APBD Provinsi', apbn: 'APBN', csr: 'CSR/lainnya' };

/**
 * A source whose rows are a small summary (one per desa, one per service) computed whole, once per export,
 * however often the writer asks for the count and the pages.
 */
export function summarySource(build: (env: SourceEnv) => Promise<SourceRecord[]>): SourceImpl {
  return {
    open(env) {
      let built: Promise<SourceRecord[]> | null = null;
      const get = () => (built ??= build(env));
      return {
        async count() {
          return (await get()).length;
        },
        async *pages() {
          yield await get();
        },
      };
    },
  };
}
