/**
 * Text keys and fuzzy matching for names typed by operators (desa/kelurahan, kecamatan, people).
 */

/** Printable ASCII only (space to tilde): the common case, where NFKD and the Unicode classes change nothing. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * 'SUNGAI  UBAR-MANDIRI' → 'sungai ubar mandiri': lower case, diacritics stripped, apostrophes dropped
 * ("Jum'at" → 'jumat'), every other punctuation mark becomes a space, whitespace collapsed and trimmed.
 */
export function normalizeKey(s: string): string {
  // Same result as below for ASCII text (no marks; its letters are a-z, its digits 0-9), without the Unicode
  // passes: an import normalises several cells of every row.
  if (PRINTABLE_ASCII.test(s)) {
    return s
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019`\u02bc]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** normalizeKey without spaces: 'Palangka Raya' and 'palangkaraya' → 'palangkaraya'. */
export function compactKey(s: string): string {
  return normalizeKey(s).replace(/ /g, '');
}

/** Optimal string alignment distance: insert, delete, substitute, swap two adjacent characters = 1 each. */
function osaDistance(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] ?? 0;
}

/**
 * Similarity 0..1 = 1 − editDistance / longerLength, over compactKey of both strings.
 * Why edit distance and not Jaro-Winkler: village names share long prefixes ("Tumbang …", "Sungai …",
 * "Bapinang …") that Jaro-Winkler rewards, pulling unrelated villages close together, whereas operators' errors
 * are single edits anywhere in the name (Mekarti/Makarti, Mandiri/Mandiiri, swapped letters); comparing
 * compact keys also makes "Palangka Raya" and "palangkaraya" identical.
 */
export function similarity(a: string, b: string): number {
  return similarityOfKeys([...compactKey(a)], [...compactKey(b)]);
}

function similarityOfKeys(ka: readonly string[], kb: readonly string[]): number {
  const longer = Math.max(ka.length, kb.length);
  if (longer === 0) return 1;
  return 1 - osaDistance(ka, kb) / longer;
}

/**
 * The items most similar to `query`, best first (ties keep the input order).
 * opts.limit: how many to return (default 5); opts.min: lowest score kept (default 0).
 */
export function closest<T>(
  query: string,
  items: readonly T[],
  key: (t: T) => string,
  opts: { limit?: number; min?: number } = {},
): Array<{ item: T; score: number }> {
  const limit = opts.limit ?? 5;
  const min = opts.min ?? 0;
  const q = [...compactKey(query)];
  return items
    .map((item, index) => ({ item, index, score: similarityOfKeys(q, [...compactKey(key(item))]) }))
    .filter((r) => r.score >= min)
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .slice(0, Math.max(0, limit))
    .map(({ item, score }) => ({ item, score }));
}
