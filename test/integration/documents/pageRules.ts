/**
 * The page rules every printed document keeps, read from the PDF as an official reads it: page by page
 * (`pdftotext -layout`) and, for how full a page is, where its last line of text sits (`pdftotext -bbox`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages } from '../../helpers/pdf';

export interface PageFill {
  /** Page height in points. */
  height: number;
  /** Bottom of the lowest word, in points from the top. */
  lastY: number;
  /** Top of the highest word. */
  firstY: number;
}

/** Where the text of each page begins and ends. */
export function pageFills(pdf: Buffer): PageFill[] {
  const { heights, words } = bbox(pdf);
  return heights.map((height, i) => {
    // The header band (top margin) is not content.
    const body = words.filter((w) => w.page === i && w.y0 > height * 0.05);
    return { height, lastY: Math.max(0, ...body.map((w) => w.y1)), firstY: Math.min(height, ...body.map((w) => w.y0)) };
  });
}

/** Share of the text area (between 20 mm margins) below the last line of text; 0 = full. */
export function emptyShare(fill: PageFill, marginMm = { top: 20, bottom: 20 }): number {
  const pt = 72 / 25.4;
  const top = marginMm.top * pt;
  const bottom = fill.height - marginMm.bottom * pt;
  return Math.max(0, (bottom - fill.lastY) / (bottom - top));
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Every rule of issue 14 that holds for any document, as a list of broken rules (empty = fit to sign):
 * header band with title, number and "Halaman X dari Y" on every page after the first; no page but the last
 * (of the BAST, or of its attached list) more than 25 % empty.
 */
export function pageRuleBreaks(pdf: Buffer, expect: { judul: string; nomor?: string | null }): string[] {
  const pages = pdfPages(pdf);
  const fills = pageFills(pdf);
  const broken: string[] = [];
  pages.forEach((page, i) => {
    const head = flat(page.split('\n').filter((l) => l.trim() !== '').slice(0, 2).join(' '));
    if (i > 0) {
      if (!head.includes(`Halaman ${i + 1} dari ${pages.length}`)) broken.push(`halaman ${i + 1}: tanpa "Halaman ${i + 1} dari ${pages.length}" di kepala halaman`);
      if (!head.includes(expect.judul)) broken.push(`halaman ${i + 1}: kepala halaman tanpa judul "${expect.judul}"`);
      if (expect.nomor && !flat(head).replace(/\/ /g, '/').includes(expect.nomor)) broken.push(`halaman ${i + 1}: kepala halaman tanpa nomor ${expect.nomor}`);
    }
    const fill = fills[i];
    // The last page of the document, or of the BAST (letter) when its attached list starts on the next page.
    const lastOfPart = i === pages.length - 1 || /DAFTAR TANDA TERIMA|DAFTAR UNDANGAN/.test(pages[i + 1] ?? '');
    if (fill && !lastOfPart) {
      const empty = emptyShare(fill);
      if (empty > 0.25) broken.push(`halaman ${i + 1}: ${Math.round(empty * 100)}% kosong`);
    }
  });
  return broken;
}

export interface WordBox {
  page: number;
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** `pdftotext -bbox`: each page's height and every word with its page (0-based) and box in points. */
function bbox(pdf: Buffer): { heights: number[]; words: WordBox[] } {
  const dir = mkdtempSync(join(tmpdir(), 'dinsos-bbox-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const pages = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('<page ').slice(1);
    return {
      heights: pages.map((page) => Number(/height="([\d.]+)"/.exec(page)?.[1])),
      words: pages.flatMap((page, i) =>
        [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
          page: i,
          text: w[5]!,
          x0: Number(w[1]),
          y0: Number(w[2]),
          x1: Number(w[3]),
          y1: Number(w[4]),
        })),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every word of the PDF with its page (0-based) and box in points. */
export function wordBoxes(pdf: Buffer): WordBox[] {
  return bbox(pdf).words;
}
