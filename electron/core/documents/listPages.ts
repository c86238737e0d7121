/**
 * A list laid out page by page before it is printed, so that a document can say how many sheets it attaches
 * (the undangan's "Lampiran : 2 (Dua) lembar"). Each row's height is estimated from its text on the generous
 * side and printed as the row's height, so the estimate is what Chromium lays out; rows are then split into
 * pages that fit, each page its own table under the header.
 */

/** Arial/Liberation Sans advance widths in em, grouped (a little wider than the real ones). */
function charEm(ch: string): number {
  if (ch === ' ') return 0.28;
  if ('ijl.,:;\'|!'.includes(ch)) return 0.25;
  if ('ftrI()[]/-'.includes(ch)) return 0.36;
  if ('mwMW@'.includes(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.74;
  if (/[a-z0-9]/.test(ch)) return 0.57;
  return 0.6;
}

/** Lines a text takes in a cell `widthPt` wide at `fontPt`, words wrapped as the browser does (at least 1). */
export function estimateLines(text: string, widthPt: number, fontPt: number): number {
  const SAFETY = 1.06;
  const width = (s: string) => [...s].reduce((w, ch) => w + charEm(ch), 0) * fontPt * SAFETY;
  let lines = 1;
  let used = 0;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const w = width(word);
    const space = used > 0 ? width(' ') : 0;
    if (used + space + w <= widthPt) {
      used += space + w;
      continue;
    }
    if (used > 0) lines++;
    // A word wider than the cell breaks anywhere (overflow-wrap: anywhere).
    const extra = Math.max(0, Math.ceil(w / widthPt) - 1);
    lines += extra;
    used = w - extra * widthPt;
  }
  return lines;
}

/**
 * Splits rows of the given heights into pages: the first page holds `first` points of rows, the others
 * `next`. The last page never holds a single row alone when the page before can spare one.
 */
export function paginate(heights: readonly number[], first: number, next: number): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  heights.forEach((h, i) => {
    const room = pages.length === 0 ? first : next;
    if (page.length > 0 && used + h > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(i);
    used += h;
  });
  if (page.length > 0) pages.push(page);
  const last = pages.at(-1);
  const before = pages.at(-2);
  if (last && before && last.length === 1 && before.length > 2) last.unshift(before.pop()!);
  return pages;
}
