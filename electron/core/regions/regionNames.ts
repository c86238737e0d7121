/**
 * How operators write region names, reduced to keys the reference names can be compared with: level words
 * before the name ("Kel.", "Desa", "Ds"), short forms of whole words ("MB" for Mentawa Baru, "Sei" for Sungai)
 * and the old or doubled spellings of one name ("Mandiiri", "Soengai").
 */
import { compactKey, normalizeKey } from '../../../shared/domain/text';

// Words operators put before a name ("Desa Pasir Putih", "Kec. Baamang") that the reference names lack.
const LEVEL_PREFIX = /^(desa|kelurahan|kel|ds|kecamatan|kec|kabupaten|kab|kota|provinsi|prov)\b\.?\s*/i;

export function stripLevelPrefix(name: string): string {
  return name.trim().replace(LEVEL_PREFIX, '');
}

/**
 * Short forms of whole words seen in Kotawaringin Timur and Palangka Raya sheets, as normalised words. Only
 * tried when the name as written matches nothing, so a real name that happens to be one of these still wins.
 */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  mb: 'mentawa baru',
  sei: 'sungai',
  sg: 'sungai',
  sng: 'sungai',
  tb: 'tumbang',
  tbg: 'tumbang',
  tmb: 'tumbang',
  tj: 'tanjung',
  tjg: 'tanjung',
  bkt: 'bukit',
  kl: 'kuala',
  pky: 'palangka raya',
  pkr: 'palangka raya',
  plk: 'palangka raya',
  kotim: 'kotawaringin timur',
  kobar: 'kotawaringin barat',
};

/** The name's key as written: case, spaces, punctuation and a leading level word ignored. */
export function nameKey(name: string): string {
  return compactKey(stripLevelPrefix(name));
}

/**
 * The name's key with short forms spelt out ('MB Ketapang' → 'mentawabaruketapang'); null when it has none.
 * "M.B. Ketapang" and "M B Ketapang" count as MB too.
 */
export function expandedKey(name: string): string | null {
  const words = normalizeKey(stripLevelPrefix(name).replace(/\b([a-z])\.?\s?([a-z])\.?(?=\s|$)/gi, '$1$2')).split(' ');
  let changed = false;
  const out = words.map((w) => {
    const long = SHORT_FORMS[w];
    if (long === undefined) return w;
    changed = true;
    return long;
  });
  return changed ? out.join('').replace(/ /g, '') : null;
}

/**
 * A looser key for the old spelling of one name (oe → u, dj → j, tj → c: 'Soengai' = 'Sungai'). Typos, doubled
 * letters included ('Mandiiri'), are not folded: they are suggested for the user to confirm, never guessed.
 * Used only after the exact and alias keys found nothing, and only when exactly one region answers to it.
 */
export function looseKey(key: string): string {
  return key
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c');
}
