/**
 * From the region cells of a row (names in any case, with spelling variants, or a Kemendagri code with or
 * without dots) to the desa/kelurahan of the registry. Never guesses: a name that matches nothing is rejected
 * with the closest names of the kecamatan suggested. Results are cached per distinct combination, since a
 * sheet of 100,000 rows has only a few hundred.
 */
import type { Region, RegionLevel } from '../../../shared/api/regions';
import type { RowProblem } from '../../../shared/api/imports';
import { compactKey } from '../../../shared/domain/text';
import { normalizeRegionCode, type RegionIndex } from '../regions/regionIndex';

export interface RegionCells {
  provinsi: string | null;
  kabupaten: string | null;
  kecamatan: string | null;
  desa: string | null;
  kodeWilayah: string | null;
}

export type RegionResolution =
  | { ok: true; desa: Region; kecamatan: Region; warnings: RowProblem[] }
  | { ok: false; errors: RowProblem[] };

const DESA_LEVELS = ['kelurahan', 'desa', 'desa_adat'] as const;

function names(regions: readonly Region[]): string {
  return regions.map((r) => r.nama).join(', ');
}

export class RegionResolver {
  private readonly cache = new Map<string, RegionResolution>();
  private readonly rawCache = new Map<string, RegionResolution>();
  // Matching a province or kabupaten name scans the whole country: once per distinct name.
  private readonly matches = new Map<string, ReturnType<RegionIndex['match']>>();
  private readonly officeKab: Region | null;

  constructor(
    private readonly regions: RegionIndex,
    /** The office's kabupaten/kota ('62.02'); rows elsewhere are rejected. Null when no office is set up. */
    officeKabKota: string | null,
  ) {
    this.officeKab = officeKabKota ? regions.get(officeKabKota) : null;
  }

  resolve(cells: RegionCells): RegionResolution {
    // Rows of one sheet repeat the same few texts: the raw text is the cheap first key.
    const raw = `${cells.provinsi}\u0001${cells.kabupaten}\u0001${cells.kecamatan}\u0001${cells.desa}\u0001${cells.kodeWilayah}`;
    const rawHit = this.rawCache.get(raw);
    if (rawHit) return rawHit;
    const key = [cells.provinsi, cells.kabupaten, cells.kecamatan, cells.desa, cells.kodeWilayah]
      .map((v) => (v === null ? '' : compactKey(v)))
      .join('|');
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.compute(cells);
      this.cache.set(key, hit);
    }
    this.rawCache.set(raw, hit);
    return hit;
  }

  private match(name: string, within: string | null, levels: RegionLevel[]) {
    const key = `${within ?? ''}|${levels.join(',')}|${compactKey(name)}`;
    let m = this.matches.get(key);
    if (!m) {
      m = this.regions.match(name, { within, levels });
      this.matches.set(key, m);
    }
    return m;
  }

  private compute(cells: RegionCells): RegionResolution {
    const warnings: RowProblem[] = [];

    if (cells.kodeWilayah) {
      const code = normalizeRegionCode(cells.kodeWilayah);
      const region = code ? this.regions.get(code) : null;
      if (region && (DESA_LEVELS as readonly string[]).includes(region.level)) {
        return this.accept(region, warnings);
      }
      if (!cells.desa) {
        return {
          ok: false,
          errors: [{ code: 'REGION_CODE', field: 'kodeWilayah', message: `Kode wilayah "${cells.kodeWilayah}" bukan kode desa/kelurahan yang dikenal.` }],
        };
      }
      warnings.push({ code: 'REGION_CODE', field: 'kodeWilayah', message: `Kode wilayah "${cells.kodeWilayah}" tidak dikenal; wilayah diambil dari nama desa/kelurahan.` });
    }

    // The kabupaten/kota: the office's own, checked against the sheet's column when there is one.
    let kab = this.officeKab;
    if (cells.kabupaten) {
      const prov = cells.provinsi ? this.match(cells.provinsi, null, ['provinsi']).region : null;
      const within = prov?.kode ?? this.officeKab?.parentKode ?? null;
      const m = this.match(cells.kabupaten, within, ['kabupaten', 'kota']);
      if (m.region && this.officeKab && m.region.kode !== this.officeKab.kode) {
        return {
          ok: false,
          errors: [{ code: 'REGION_OUTSIDE_OFFICE', field: 'kabupaten', message: `${m.region.nama} di luar wilayah kantor (${this.officeKab.nama}).` }],
        };
      }
      if (m.region) kab = m.region;
      else if (!this.officeKab) {
        return {
          ok: false,
          errors: [{ code: 'REGION_KAB_UNKNOWN', field: 'kabupaten', message: `Kabupaten/kota "${cells.kabupaten}" tidak dikenali.${m.suggestions.length ? ` Mungkin maksudnya: ${names(m.suggestions)}.` : ''}` }],
        };
      }
    }
    if (!kab) {
      return { ok: false, errors: [{ code: 'REGION_KAB_UNKNOWN', field: 'kabupaten', message: 'Kabupaten/kota tidak diketahui: profil kantor belum diatur dan kolom kabupaten/kota kosong.' }] };
    }

    let kec: Region | null = null;
    if (cells.kecamatan) {
      const m = this.match(cells.kecamatan, kab.kode, ['kecamatan']);
      if (!m.region) {
        return {
          ok: false,
          errors: [{
            code: 'REGION_KECAMATAN',
            field: 'kecamatan',
            message: `Kecamatan "${cells.kecamatan}" tidak ada di ${kab.nama}.${m.suggestions.length ? ` Mungkin maksudnya: ${names(m.suggestions)}.` : ''}`,
          }],
        };
      }
      kec = m.region;
    }

    if (!cells.desa) {
      return { ok: false, errors: [{ code: 'REGION_DESA_EMPTY', field: 'desa', message: 'Desa/kelurahan kosong: keluarga tanpa desa/kelurahan tidak dapat masuk registri.' }] };
    }
    const m = this.regions.match(cells.desa, { within: kec?.kode ?? kab.kode, levels: [...DESA_LEVELS] });
    if (!m.region) {
      const where = kec ? `Kecamatan ${kec.nama}` : kab.nama;
      return {
        ok: false,
        errors: [{
          code: 'REGION_DESA',
          field: 'desa',
          message: `Desa/kelurahan "${cells.desa}" tidak ada di ${where}.${m.suggestions.length ? ` Mungkin maksudnya: ${names(m.suggestions)}.` : ''}`,
        }],
      };
    }
    return this.accept(m.region, warnings);
  }

  private accept(desa: Region, warnings: RowProblem[]): RegionResolution {
    const kec = desa.parentKode ? this.regions.get(desa.parentKode) : null;
    if (!kec) return { ok: false, errors: [{ code: 'REGION_DESA', field: 'desa', message: `Kecamatan dari ${desa.nama} tidak ditemukan.` }] };
    if (this.officeKab && kec.parentKode !== this.officeKab.kode) {
      return {
        ok: false,
        errors: [{ code: 'REGION_OUTSIDE_OFFICE', field: 'desa', message: `${desa.nama} (${desa.kode}) di luar wilayah kantor (${this.officeKab.nama}).` }],
      };
    }
    return { ok: true, desa, kecamatan: kec, warnings };
  }
}

/** Whether a desa lies within an operator's area (kecamatan or desa codes); an empty list = everywhere. */
export function withinWilayah(desaKode: string, kecamatanKode: string, wilayah: readonly string[]): boolean {
  if (wilayah.length === 0) return true;
  return wilayah.some((w) => {
    const code = normalizeRegionCode(w) ?? w;
    return code === desaKode || code === kecamatanKode || desaKode.startsWith(`${code}.`);
  });
}
