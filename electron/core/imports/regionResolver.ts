/**
 * From the region cells of a row (names in any case, with spelling variants, short forms such as "MB", or a
 * Kemendagri code with or without dots) to the desa/kelurahan of the registry. Never guesses: a name that
 * matches nothing is rejected with the closest names suggested, and collected (with how many rows carry it)
 * for the import's value-mapping step, where the user maps it once for the whole sheet. Results are cached
 * per distinct combination, since a sheet of 100,000 rows has only a few hundred.
 */
import type { Region, RegionLevel } from '../../../shared/api/regions';
import type { RegionValueMapping, RowProblem, UnmatchedRegionValue } from '../../../shared/api/imports';
import { compactKey } from '../../../shared/domain/text';
import { nameKey, normalizeRegionCode, type OfficeAliases, type RegionIndex } from '../regions';
import { AppError } from '../api/errors';

export interface RegionCells {
  provinsi: string | null;
  kabupaten: string | null;
  kecamatan: string | null;
  desa: string | null;
  kodeWilayah: string | null;
}

export type RegionResolution =
  | { ok: true; desa: Region; kecamatan: Region; warnings: RowProblem[] }
  | { ok: false; errors: RowProblem[]; unmatched?: UnmatchedRegionValue & { key: string } };

/** How many suggestions an unmatched value carries to the mapping step. */
const SUGGESTIONS = 5;

/** The key a mapping of `value` is looked up by: field, the row's kecamatan as written (desa only), the value. */
export function mappingKey(field: 'kecamatan' | 'desa', value: string, kecamatan: string | null): string {
  return `${field}|${field === 'desa' && kecamatan ? nameKey(kecamatan) : ''}|${nameKey(value)}`;
}

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
  private readonly mapping = new Map<string, string>();
  private readonly aliases: OfficeAliases;
  private readonly unmatched = new Map<string, UnmatchedRegionValue>();

  constructor(
    private readonly regions: RegionIndex,
    /** The office's kabupaten/kota ('62.02'); rows elsewhere are rejected. Null when no office is set up. */
    officeKabKota: string | null,
    opts: {
      /** The user's mapping of unmatched values for this sheet (the value-mapping step). */
      mapping?: readonly RegionValueMapping[] | undefined;
      /** The office's remembered names (region_alias_kantor). */
      aliases?: OfficeAliases | undefined;
    } = {},
  ) {
    this.officeKab = officeKabKota ? regions.get(officeKabKota) : null;
    for (const m of opts.mapping ?? []) this.mapping.set(mappingKey(m.field, m.value, m.kecamatan), m.kode);
    this.aliases = opts.aliases ?? { kecamatan: new Map(), desa: new Map() };
  }

  /** The distinct names that matched nothing, most rows first, with suggestions: for the value-mapping step. */
  unmatchedValues(): UnmatchedRegionValue[] {
    return [...this.unmatched.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
  }

  resolve(cells: RegionCells): RegionResolution {
    const hit = this.resolveCached(cells);
    if (!hit.ok && hit.unmatched) {
      const { key, ...value } = hit.unmatched;
      const seen = this.unmatched.get(key);
      if (seen) seen.rows++;
      else this.unmatched.set(key, { ...value, rows: 1 });
    }
    return hit;
  }

  private resolveCached(cells: RegionCells): RegionResolution {
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
      m = this.regions.match(name, { within, levels, ...(levels.includes('kecamatan') ? { aliases: this.aliases.kecamatan } : {}) });
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
      const mapped = this.mapping.get(mappingKey('kecamatan', cells.kecamatan, null));
      const m = mapped ? null : this.match(cells.kecamatan, kab.kode, ['kecamatan']);
      if (mapped) {
        const target = this.regions.get(mapped);
        if (!target || target.level !== 'kecamatan' || target.parentKode !== kab.kode) {
          return { ok: false, errors: [{ code: 'REGION_MAPPING', field: 'kecamatan', message: `Pemetaan kecamatan "${cells.kecamatan}" menunjuk ke kode ${mapped}, yang bukan kecamatan di ${kab.nama}.` }] };
        }
        kec = target;
      } else if (!m?.region) {
        const ranked = this.regions.suggest(cells.kecamatan, { within: kab.kode, levels: ['kecamatan'], aliases: this.aliases.kecamatan, limit: SUGGESTIONS });
        return {
          ok: false,
          errors: [{
            code: 'REGION_KECAMATAN',
            field: 'kecamatan',
            message: `Kecamatan "${cells.kecamatan}" tidak ada di ${kab.nama}.${ranked.length ? ` Mungkin maksudnya: ${names(ranked.slice(0, 3).map((r) => r.region))}.` : ''}`,
          }],
          unmatched: this.unmatchedEntry('kecamatan', cells.kecamatan, null, ranked),
        };
      } else kec = m.region;
    }

    if (!cells.desa) {
      return { ok: false, errors: [{ code: 'REGION_DESA_EMPTY', field: 'desa', message: 'Desa/kelurahan kosong: keluarga tanpa desa/kelurahan tidak dapat masuk registri.' }] };
    }
    const mapped = this.mapping.get(mappingKey('desa', cells.desa, cells.kecamatan)) ?? this.mapping.get(mappingKey('desa', cells.desa, null));
    if (mapped) {
      const target = this.regions.get(mapped);
      if (!target || !(DESA_LEVELS as readonly string[]).includes(target.level)) {
        return { ok: false, errors: [{ code: 'REGION_MAPPING', field: 'desa', message: `Pemetaan desa/kelurahan "${cells.desa}" menunjuk ke kode ${mapped}, yang bukan desa/kelurahan.` }] };
      }
      // accept() still refuses a desa outside the office; checkRow refuses one outside an operator's wilayah.
      return this.accept(target, warnings);
    }
    const m = this.regions.match(cells.desa, { within: kec?.kode ?? kab.kode, levels: [...DESA_LEVELS], aliases: this.aliases.desa });
    if (!m.region) {
      const where = kec ? `Kecamatan ${kec.nama}` : kab.nama;
      const ranked = this.regions.suggest(cells.desa, { within: kec?.kode ?? kab.kode, wider: kab.kode, levels: [...DESA_LEVELS], aliases: this.aliases.desa, limit: SUGGESTIONS });
      return {
        ok: false,
        errors: [{
          code: 'REGION_DESA',
          field: 'desa',
          message: `Desa/kelurahan "${cells.desa}" tidak ada di ${where}.${ranked.length ? ` Mungkin maksudnya: ${names(ranked.slice(0, 3).map((r) => r.region))}.` : ''}`,
        }],
        unmatched: this.unmatchedEntry('desa', cells.desa, cells.kecamatan, ranked),
      };
    }
    if (m.via === 'loose') {
      warnings.push({ code: 'REGION_SPELLING', field: 'desa', message: `Desa/kelurahan "${cells.desa}" dibaca sebagai ${m.region.nama} (ejaan lama).` });
    }
    return this.accept(m.region, warnings);
  }

  private unmatchedEntry(field: 'kecamatan' | 'desa', value: string, kecamatan: string | null, ranked: ReturnType<RegionIndex['suggest']>) {
    return {
      key: mappingKey(field, value, kecamatan),
      field,
      value,
      kecamatan: field === 'desa' ? kecamatan : null,
      rows: 0,
      suggestions: ranked.map(({ region, score }) => ({
        kode: region.kode,
        nama: region.nama,
        kecamatan: field === 'desa' && region.parentKode ? this.regions.nameOf(region.parentKode) : null,
        score,
      })),
    };
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

/**
 * Refuses to remember a mapping as the office's alias when its target is not a region of the right level in the
 * office's kabupaten/kota, or lies outside an operator's wilayah (an alias would steer everyone's later imports).
 */
export function assertRememberable(mapping: readonly RegionValueMapping[] | undefined, regions: RegionIndex, officeKabKota: string | null, wilayah: readonly string[]): void {
  for (const m of mapping ?? []) {
    if (!m.remember) continue;
    const target = regions.get(m.kode);
    const kec = target?.level === 'kecamatan' ? target : target?.parentKode ? regions.get(target.parentKode) : null;
    const levelOk = target && (m.field === 'kecamatan' ? target.level === 'kecamatan' : (DESA_LEVELS as readonly string[]).includes(target.level));
    if (!target || !kec || !levelOk || (officeKabKota && kec.parentKode !== officeKabKota)) {
      throw new AppError('INVALID_INPUT', `"${m.value}" tidak dapat diingat sebagai nama ${m.kode}: kode itu bukan ${m.field === 'kecamatan' ? 'kecamatan' : 'desa/kelurahan'} di wilayah kantor.`);
    }
    if (!withinWilayah(target.kode, kec.kode, wilayah) || (m.field === 'kecamatan' && wilayah.length > 0 && !wilayah.some((w) => (normalizeRegionCode(w) ?? w) === kec.kode))) {
      throw new AppError('FORBIDDEN', `"${m.value}" tidak dapat diingat sebagai ${target.nama}: wilayah itu di luar wilayah kerja Anda sebagai operator.`);
    }
  }
}
