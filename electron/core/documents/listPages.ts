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

/**
 * Advance widths (1/1000 em) of printable ASCII (32–126) in Liberation Sans, metric-compatible with Arial, the
 * documents' font; read from the font's hmtx table.
 */
const ARIAL = {
  regular: [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584],
  bold: [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584],
} as const;

/** One character's advance in em, as printed in Arial regular or bold; anything outside ASCII counts a full em. */
function arialEm(ch: string, bold: boolean): number {
  const code = ch.charCodeAt(0);
  return code >= 32 && code <= 126 ? (bold ? ARIAL.bold : ARIAL.regular)[code - 32]! / 1000 : 1;
}

export interface EstimateOptions {
  /** Use the font's real widths (with 2 % to spare) instead of the generous grouped ones. */
  exact?: boolean;
  bold?: boolean;
}

/** Lines a text takes in a cell `widthPt` wide at `fontPt`, words wrapped as the browser does (at least 1). */
export function estimateLines(text: string, widthPt: number, fontPt: number, opts: EstimateOptions = {}): number {
  const SAFETY = opts.exact ? 1.02 : 1.06;
  const em = opts.exact ? (ch: string) => arialEm(ch, opts.bold === true) : charEm;
  const width = (s: string) => [...s].reduce((w, ch) => w + em(ch), 0) * fontPt * SAFETY;
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

export interface ClosingPlan {
  /** Each row's height in points: as given, or taller on the page the closing block had to leave. */
  rows: number[];
  /** Row indices per page. */
  pages: number[][];
}

/**
 * Splits a list that ends with a closing block (the signatures, kept with the last `keep` rows) into pages:
 * the first page holds `first` points of rows, the others `next`. When the closing block and its rows do not fit
 * under the last rows, they start a new page; if the page they leave would be more than `maxGap` points short of
 * full, its rows are made taller to fill it (more room to sign), so that no page before the last is left largely
 * empty — something no keep rule can give when the closing block alone is a quarter of a page (landscape lists).
 */
export function planClosingPages(
  heights: readonly number[],
  opts: { first: number; next: number; closing: number; keep: number; maxGap: number },
): ClosingPlan {
  const rows = [...heights];
  const tailFrom = Math.max(0, rows.length - opts.keep);
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  const room = () => (pages.length === 0 ? opts.first : opts.next);
  for (let i = 0; i < tailFrom; i++) {
    if (page.length > 0 && used + rows[i]! > room()) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(i);
    used += rows[i]!;
  }
  const tail = rows.slice(tailFrom).reduce((a, b) => a + b, 0) + opts.closing;
  if (page.length > 0 && used + tail > room()) {
    const gap = room() - used;
    if (gap > opts.maxGap) {
      const add = Math.floor(gap / page.length / 0.75) * 0.75;
      for (const i of page) rows[i] = rows[i]! + add;
    }
    pages.push(page);
    page = [];
  }
  for (let i = tailFrom; i < rows.length; i++) page.push(i);
  pages.push(page);
  return { rows, pages };
}
