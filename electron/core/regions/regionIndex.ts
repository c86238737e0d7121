import { compactKey, similarity } from '../../../shared/domain/text';
import { expandedKey, looseKey, nameKey, stripLevelPrefix } from './regionNames';
import type { Region, RegionLevel, RegionWithPath } from '../../../shared/api/regions';
import type { Db } from '../db/database';
import { normalizeRegionCode } from '../../../shared/api/fields';

/** The code-shape rule lives with the other field rules (shared/api/fields.ts); re-exported for existing imports. */
export { normalizeRegionCode };

export { stripLevelPrefix };

interface Entry extends Region {
  key: string;
  /** nameKey of the name (level word dropped), computed when first needed. */
  bare?: string;
}

function bareOf(e: Entry): string {
  return (e.bare ??= nameKey(e.nama));
}

/** Other names of regions (normalised key → region codes): the shipped list, or an office's own. */
export type AliasKeys = ReadonlyMap<string, readonly string[]>;

export interface RegionMatch {
  region: Region | null;
  /** How a matched name was recognised: as written, through an alias, a short form (MB), or the old spelling. */
  via?: 'exact' | 'alias' | 'short' | 'loose';
  /** Closest names when nothing matched, best first. */
  suggestions: Region[];
}

export interface RankedRegion {
  region: Region;
  /** 0..1, 1 = same name. */
  score: number;
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
   * Matches a name from a sheet to a region among the children (any depth) of `within`: after normalising
   * case, spaces, punctuation and level words, by the name, a known alias (the shipped list, or `aliases` such
   * as the office's own), the name with its short forms spelt out ("MB Ketapang"), or the old spelling
   * ("Soengai"). Otherwise no match, with the closest names as suggestions. Never guesses at a typo.
   */
  match(name: string, opts: { within: string | null; levels?: RegionLevel[]; aliases?: AliasKeys }): RegionMatch {
    const candidates = this.candidates(opts.within, opts.levels);
    const key = nameKey(name);
    if (key === '') return { region: null, suggestions: [] };
    const expanded = expandedKey(name);
    for (const [k, via] of [[key, 'exact'], [expanded, 'short']] as const) {
      if (k === null) continue;
      const exact = candidates.filter((e) => bareOf(e) === k);
      if (exact.length === 1) return { region: toRegion(exact[0]!), via, suggestions: [] };
      if (exact.length > 1) return { region: null, suggestions: this.rank([k], exact, 3).map((r) => r.region) };
      const aliasKodes = new Set([...(this.aliases.get(k) ?? []), ...(opts.aliases?.get(k) ?? [])]);
      const viaAlias = aliasKodes.size ? candidates.filter((e) => aliasKodes.has(e.kode)) : [];
      if (viaAlias.length === 1) return { region: toRegion(viaAlias[0]!), via: via === 'exact' ? 'alias' : via, suggestions: [] };
    }
    const loose = looseKey(expanded ?? key);
    if (loose !== (expanded ?? key)) {
      const hits = candidates.filter((e) => looseKey(bareOf(e)) === loose);
      if (hits.length === 1) return { region: toRegion(hits[0]!), via: 'loose', suggestions: [] };
    }
    return { region: null, suggestions: this.suggest(name, { within: opts.within, levels: opts.levels, aliases: opts.aliases, limit: 3 }).map((r) => r.region) };
  }

  /**
   * The regions whose names (or aliases) are closest to `name`, best first: among the children of `within`,
   * then — scored a little lower and only when fairly close — among those of `wider` (a desa typed under the
   * wrong kecamatan). Edit distance on the normalised names (shared/domain/text similarity).
   */
  suggest(
    name: string,
    opts: { within: string | null; wider?: string | null; levels?: RegionLevel[] | undefined; aliases?: AliasKeys | undefined; limit: number },
  ): RankedRegion[] {
    const keys = [nameKey(name), expandedKey(name)].filter((k): k is string => !!k);
    if (keys.length === 0) return [];
    const near = this.candidates(opts.within, opts.levels);
    const ranked = this.rank(keys, near, opts.limit, opts.aliases).filter((r) => r.score >= 0.34);
    if (opts.wider && opts.wider !== opts.within) {
      const inner = new Set(near.map((e) => e.kode));
      const far = this.candidates(opts.wider, opts.levels).filter((e) => !inner.has(e.kode));
      for (const r of this.rank(keys, far, opts.limit, opts.aliases)) {
        if (r.score >= 0.7) ranked.push({ region: r.region, score: r.score * 0.95 });
      }
    }
    return ranked.sort((a, b) => b.score - a.score).slice(0, opts.limit);
  }

  private rank(keys: readonly string[], pool: readonly Entry[], limit: number, extra?: AliasKeys): RankedRegion[] {
    const aliasesOf = this.aliasesByKode(extra);
    return pool
      .map((e) => {
        const names = [bareOf(e), ...(aliasesOf.get(e.kode) ?? [])];
        const score = Math.max(...keys.flatMap((k) => names.map((n) => similarity(k, n))));
        return { e, score };
      })
      .sort((a, b) => b.score - a.score || a.e.kode.localeCompare(b.e.kode))
      .slice(0, limit)
      .map(({ e, score }) => ({ region: toRegion(e), score: Math.round(score * 100) / 100 }));
  }

  private shippedByKode: Map<string, string[]> | null = null;

  private aliasesByKode(extra?: AliasKeys): Map<string, string[]> {
    if (!this.shippedByKode) {
      this.shippedByKode = new Map();
      for (const [alias, kodes] of this.aliases) for (const k of kodes) this.shippedByKode.set(k, [...(this.shippedByKode.get(k) ?? []), alias]);
    }
    if (!extra || extra.size === 0) return this.shippedByKode;
    const out = new Map(this.shippedByKode);
    for (const [alias, kodes] of extra) for (const k of kodes) out.set(k, [...(out.get(k) ?? []), alias]);
    return out;
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
