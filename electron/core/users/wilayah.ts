import { AppError } from '../api/errors';
import type { RegionIndex } from '../regions';

/**
 * An operator's area must be kecamatan or desa/kelurahan of the office's own kabupaten/kota: anything else
 * would give them nothing to see, or rows of another district.
 */
export function checkWilayah(codes: string[], kabKotaKode: string | null, regions: RegionIndex): string[] {
  const unique = [...new Set(codes)];
  const issues: { path: string; message: string }[] = [];
  unique.forEach((kode, i) => {
    const region = regions.get(kode);
    if (!region || !['kecamatan', 'kelurahan', 'desa', 'desa_adat'].includes(region.level)) {
      issues.push({ path: `wilayah.${i}`, message: `Kode ${kode} bukan kecamatan atau desa yang dikenal.` });
    } else if (kabKotaKode && !region.kode.startsWith(`${kabKotaKode}.`)) {
      issues.push({ path: `wilayah.${i}`, message: `${region.nama} (${kode}) berada di luar kabupaten/kota kantor ini.` });
    }
  });
  const first = issues[0];
  if (first) throw new AppError('INVALID_INPUT', `Data tidak valid (wilayah): ${first.message}`, { issues });
  return unique;
}
