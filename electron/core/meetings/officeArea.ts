import type { Office } from '../../../shared/api/admin';
import type { Region } from '../../../shared/api/regions';
import type { RegionIndex } from '../regions';

const DESA_LEVELS = new Set(['desa', 'kelurahan', 'desa_adat']);

/** The kecamatan of the office's kabupaten/kota, each with its desa/kelurahan, in reference order. */
export function officeKecamatan(office: Office, regions: RegionIndex): { kecamatan: Region; desa: Region[] }[] {
  return regions
    .children(office.kabKotaKode)
    .filter((k) => k.level === 'kecamatan')
    .map((kecamatan) => ({ kecamatan, desa: regions.children(kecamatan.kode).filter((d) => DESA_LEVELS.has(d.level)) }));
}

/** A desa/kelurahan of the office's area, or null with the reason. */
export function officeDesa(office: Office, regions: RegionIndex, kode: string): { desa: Region; kecamatan: Region } | null {
  const desa = regions.get(kode);
  if (!desa || !DESA_LEVELS.has(desa.level) || !desa.parentKode) return null;
  const kecamatan = regions.get(desa.parentKode);
  if (!kecamatan || kecamatan.parentKode !== office.kabKotaKode) return null;
  return { desa, kecamatan };
}

/** "Desa Pundu" / "Kelurahan Baamang Tengah": how a village is named on documents. */
export function desaLabel(regions: RegionIndex, kode: string | null): string | null {
  if (!kode) return null;
  const r = regions.get(kode);
  if (!r) return kode;
  return `${r.level === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${r.nama}`;
}


type AreaCodes<T extends string | null> = { desa_kode: T; kecamatan_kode: T };
type AreaNames<T extends string | null> = { desaKode: T; desaNama: T; kecamatanKode: T; kecamatanNama: T };

/** The desa/kelurahan and kecamatan of an operator or a participant row, by code and by name. */
export function areaOf(regions: RegionIndex, r: AreaCodes<string>): AreaNames<string>;
export function areaOf(regions: RegionIndex, r: AreaCodes<string | null>): AreaNames<string | null>;
export function areaOf(regions: RegionIndex, r: AreaCodes<string | null>): AreaNames<string | null> {
  return {
    desaKode: r.desa_kode,
    desaNama: regions.nameOf(r.desa_kode),
    kecamatanKode: r.kecamatan_kode,
    kecamatanNama: regions.nameOf(r.kecamatan_kode),
  };
}
