import { compactKey, similarity } from '../../../shared/domain/text';
import type { Region, RegionLevel, RegionWithPath } from '../../../shared/api/regions';
import type { Db } from '../db/database';

/** '6202012001' or '62.02.01.2001' → '62.02.01.2001'; null when it is not a code shape. */
export function normalizeRegionCode(raw: string): string | null {
  const digits = raw.replace(/[.\s]/g, '');
  if (!/^\d+$/.test(digits) || ![2, 4, 6, 10].includes(digits.length)) return null;
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)].filter(Boolean).join('.');
}

// Words operators put before a name ("Desa Pasir Putih", "Kec. Baamang") that the reference names lack.
const LEVEL_PREFIX = /^(desa|kelurahan|kel|ds|kecamatan|kec|kabupaten|kab|kota|provinsi|prov)\b\.?\s*/i;

export function stripLevelPrefix(name: string): string {
  return name.trim().replace(LEVEL_PREFIX, '');
}

interface Entry extends Region {
  key: string;
}

export interface RegionMatch {
  region: Region | null;
  /** Closest names when nothing matched, best first. */
  suggestions: Region[];
}

/**
 * All regions in memory (≈92,000 small objects): searching and matching names for imports runs thousands of
 * times per sheet, far faster here than as SQL, and the reference changes only with a new app version.
 */
export class RegionIndex {
  private readonly byKode = new Map<string, Entry>();
  private readonly byParent = new Map<string | null, Entry[]>();
  private readonly aliases = new Map<string, string[]>();
  private readonly bps = new Map<string, string>();

  static async load(db: Db): Promise<RegionIndex> {
    const index = new RegionIndex();
    // In pages: one 92,000-row result set would briefly cost several times the index's own memory.
    let after = '';
    for (;;) {
      const page = await db
        .selectFrom('region')
        .select(['kode', 'nama', 'level', 'parent_kode', 'search_key'])
        .where('kode', '>', after)
        .orderBy('kode')
        .limit(5000)
        .execute();
      for (const r of page) {
        const entry: Entry = { kode: r.kode, nama: r.nama, level: r.level as RegionLevel, parentKode: r.parent_kode, key: r.search_key };
        index.byKode.set(entry.kode, entry);
        const siblings = index.byParent.get(entry.parentKode) ?? [];
        siblings.push(entry);
        index.byParent.set(entry.parentKode, siblings);
      }
      if (page.length < 5000) break;
      after = page[page.length - 1]!.kode;
    }
    const [aliases, bps] = await Promise.all([db.selectFrom('region_alias').selectAll().execute(), db.selectFrom('region_bps').selectAll().execute()]);
    for (const a of aliases) index.aliases.set(a.alias_key, [...(index.aliases.get(a.alias_key) ?? []), a.kode]);
    for (const b of bps) index.bps.set(b.bps_kode, b.kode);
    return index;
  }

  get size() {
    return this.byKode.size;
  }

  get(kode: string): Region | null {
    const normal = normalizeRegionCode(kode);
    const entry = normal ? this.byKode.get(normal) : undefined;
    return entry ? toRegion(entry) : null;
  }

  /** A region's name as shown to people, or the code itself when it is not in the index (null stays null). */
  nameOf(kode: string): string;
  nameOf(kode: string | null): string | null;
  nameOf(kode: string | null): string | null {
    return kode ? (this.get(kode)?.nama ?? kode) : null;
  }

  /** Kemendagri region for a BPS code of the bridged areas, if known. */
  fromBps(bpsKode: string): Region | null {
    const kode = this.bps.get(bpsKode.replace(/\D/g, ''));
    return kode ? this.get(kode) : null;
  }

  path(kode: string): Region[] {
    const out: Region[] = [];
    let current = this.byKode.get(kode);
    while (current?.parentKode) {
      current = this.byKode.get(current.parentKode);
      if (current) out.unshift(toRegion(current));
    }
    return out;
  }

  withPath(region: Region): RegionWithPath {
    return { ...region, path: this.path(region.kode) };
  }

  children(parent: string | null): Region[] {
    return (this.byParent.get(parent) ?? []).map(toRegion);
  }

  /** Every region below `kode` (any depth). */
  descendants(kode: string): Region[] {
    const out: Region[] = [];
    const walk = (k: string) => {
      for (const child of this.byParent.get(k) ?? []) {
        out.push(toRegion(child));
        walk(child.kode);
      }
    };
    walk(kode);
    return out;
  }

  search(opts: { q: string; levels?: RegionLevel[]; within?: string; limit: number }): RegionWithPath[] {
    const within = opts.within ? normalizeRegionCode(opts.within) : null;
    const candidates = this.candidates(within, opts.levels);
    const q = opts.q.trim();
    if (q === '') return candidates.slice(0, opts.limit).map((e) => this.withPath(toRegion(e)));

    const code = normalizeRegionCode(q);
    if (code || /^[\d.]+$/.test(q)) {
      const prefix = code ?? q;
      return candidates
        .filter((e) => e.kode.startsWith(prefix))
        .slice(0, opts.limit)
        .map((e) => this.withPath(toRegion(e)));
    }

    const key = compactKey(stripLevelPrefix(q));
    if (key === '') return [];
    const aliasKodes = new Set([...this.aliases.entries()].filter(([a]) => a.includes(key)).flatMap(([, k]) => k));
    const scored: Array<{ e: Entry; score: number }> = [];
    for (const e of candidates) {
      const bare = compactKey(stripLevelPrefix(e.nama));
      let score = 0;
      if (bare === key) score = 4;
      else if (bare.startsWith(key)) score = 3;
      else if (e.key.includes(key)) score = 2;
      else if (aliasKodes.has(e.kode)) score = 1.5;
      if (score > 0) scored.push({ e, score });
    }
    // Typo tolerance only when the plain match found little: similarity is costly over the whole country.
    if (scored.length < opts.limit && key.length >= 4) {
      const seen = new Set(scored.map((s) => s.e.kode));
      for (const e of candidates) {
        if (seen.has(e.kode)) continue;
        const s = similarity(key, compactKey(stripLevelPrefix(e.nama)));
        if (s >= 0.85) scored.push({ e, score: s });
      }
    }
    scored.sort((a, b) => b.score - a.score || levelRank(a.e.level) - levelRank(b.e.level) || a.e.kode.localeCompare(b.e.kode));
    return scored.slice(0, opts.limit).map(({ e }) => this.withPath(toRegion(e)));
  }

  /**
   * Matches a name from a sheet to a region among the children (any depth) of `within`. Exact after
   * normalising case, spaces, punctuation and level words, or a known alias; otherwise no match, with the
   * closest names as suggestions. Never guesses.
   */
  match(name: string, opts: { within: string | null; levels?: RegionLevel[] }): RegionMatch {
    const candidates = this.candidates(opts.within, opts.levels);
    const key = compactKey(stripLevelPrefix(name));
    if (key === '') return { region: null, suggestions: [] };
    const exact = candidates.filter((e) => compactKey(stripLevelPrefix(e.nama)) === key);
    if (exact.length === 1) return { region: toRegion(exact[0]!), suggestions: [] };
    const aliasKodes = new Set(this.aliases.get(key) ?? []);
    const viaAlias = candidates.filter((e) => aliasKodes.has(e.kode));
    if (exact.length === 0 && viaAlias.length === 1) return { region: toRegion(viaAlias[0]!), suggestions: [] };
    const pool = exact.length > 1 ? exact : candidates;
    const suggestions = pool
      .map((e) => ({ e, s: similarity(key, compactKey(stripLevelPrefix(e.nama))) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 3)
      .map(({ e }) => toRegion(e));
    return { region: null, suggestions };
  }

  private candidates(within: string | null, levels?: RegionLevel[]): Entry[] {
    const wanted = levels && levels.length ? new Set(levels) : null;
    const pool: Entry[] = [];
    if (within) {
      const walk = (k: string) => {
        for (const child of this.byParent.get(k) ?? []) {
          pool.push(child);
          walk(child.kode);
        }
      };
      walk(within);
    } else pool.push(...this.byKode.values());
    return wanted ? pool.filter((e) => wanted.has(e.level)) : pool;
  }
}

function levelRank(level: RegionLevel): number {
  return ['provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa', 'desa_adat'].indexOf(level);
}

function toRegion(e: Entry): Region {
  return { kode: e.kode, nama: e.nama, level: e.level, parentKode: e.parentKode };
}
