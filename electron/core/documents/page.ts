import { html, raw, type SafeHtml } from './html';
import { GANJIL_GENAP_CSS } from './ganjilGenap';
import { KOP_CSS } from './kop';
import { SIGNATURE_CSS } from './signature';
import type { Paper } from './types';

/** Page sizes in millimetres (portrait). */
export const PAPER_MM: Record<Paper, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  F4: { width: 215, height: 330 },
};

/** Margins in millimetres: tata naskah dinas for letters; narrower for landscape lists. */
export const MARGIN_PORTRAIT = { top: 20, right: 20, bottom: 20, left: 30 };
export const MARGIN_LANDSCAPE = { top: 15, right: 15, bottom: 15, left: 20 };

export const FONT_STACK = 'Arial, "Liberation Sans", Helvetica, sans-serif';

export interface PageOptions {
  title: string;
  paper: Paper;
  landscape: boolean;
  body: SafeHtml;
  /** Base font size in pt (default 11). */
  fontSizePt?: number;
  /**
   * The band printed at the top of every page after the first, so that a loose page says what it belongs to:
   * short title and document number at the left, "Halaman X dari Y" at the right.
   */
  running?: RunningHeader;
}

export interface RunningHeader {
  /** Short title, e.g. 'BAST' or 'Daftar Tanda Terima'. */
  judul: string;
  nomor?: string | null;
}

/** A CSS string literal: user text cannot end the string, the rule or the style element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (ch) => `\\${ch.charCodeAt(0).toString(16)} `)}"`;
}

const BAND = `font-family: ${FONT_STACK.replace(/"/g, "'")}; font-size: 8pt; color: #333; vertical-align: bottom; padding-bottom: 3mm;`;

/** Page margin boxes (Chromium ≥ 131 prints them in page.pdf and Electron's printToPDF/print alike). */
export function runningHeaderCss(running: RunningHeader | undefined, pageName = ''): string {
  if (!running) return '';
  const left = running.nomor ? `${running.judul} · Nomor ${running.nomor}` : running.judul;
  const sel = pageName ? `@page ${pageName}` : '@page';
  return `
${sel} { @top-left { content: ${cssString(left)}; ${BAND} } @top-right { content: "Halaman " counter(page) " dari " counter(pages); ${BAND} } }
@page :first { @top-left { content: none; } @top-right { content: none; } }
`;
}

export function pageSizeCss(paper: Paper, landscape: boolean): string {
  const { width, height } = PAPER_MM[paper];
  return landscape ? `${height}mm ${width}mm` : `${width}mm ${height}mm`;
}

function baseCss(paper: Paper, landscape: boolean, fontSizePt: number): string {
  const m = landscape ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT;
  return `
@page { size: ${pageSizeCss(paper, landscape)}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
/* 1rem = the document's base size (a block inside a smaller table, such as a list's closing signatures). */
html { font-size: ${fontSizePt}pt; }
body { font-family: ${FONT_STACK}; font-size: ${fontSizePt}pt; line-height: 1.25; color: #000; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0 0 5pt 0; text-align: justify; orphans: 2; widows: 2; }
h1, h2, h3 { margin: 0; font-weight: bold; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr, img { break-inside: avoid; page-break-inside: avoid; }
.b { font-weight: bold; }
.u { text-decoration: underline; }
.c { text-align: center; }
.r { text-align: right; }
.nowrap { white-space: nowrap; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.keep-with-next { break-after: avoid; page-break-after: avoid; }
.keep-with-previous { break-before: avoid; page-break-before: avoid; }
.page-break { break-before: page; page-break-before: always; }

/* Document title: "BERITA ACARA SERAH TERIMA BANTUAN" / "NOMOR : ..." */
.doc-title { text-align: center; margin: 4pt 0 8pt 0; }
.doc-title h1 { font-size: ${fontSizePt + 1}pt; text-transform: uppercase; }
.doc-title h1.u { text-decoration: underline; text-underline-offset: 2pt; }
.doc-title div { margin-top: 2pt; }

/* Label : value tables (meta data, parties) */
table.meta { width: 100%; margin: 0 0 6pt 0; }
table.meta td { padding: 1pt 0; vertical-align: top; text-align: left; }
table.meta td.label { width: 1%; white-space: nowrap; padding-right: 6pt; }
table.meta td.colon { width: 10pt; }

/* Bordered data tables (lampiran, daftar tanda terima, daftar hadir) */
table.grid { width: 100%; table-layout: fixed; font-size: ${Math.max(fontSizePt - 1, 8)}pt; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
table.grid th { background: #e8e8e8; text-align: center; vertical-align: middle; font-weight: bold; }
table.grid td.num { text-align: right; white-space: nowrap; }
table.grid td.no { text-align: center; }
table.grid tr.colnum th { background: #fff; font-weight: normal; font-size: 80%; padding: 1pt; }
table.grid tr.total td { font-weight: bold; background: #f4f4f4; }

.lampiran-head { margin-left: 48%; font-size: ${Math.max(fontSizePt - 1, 8)}pt; margin-bottom: 6pt; }
.lampiran-head table.meta { margin: 0; }
.lampiran-head table.meta td { padding: 0 0 1pt 0; }

ol, ul { margin: 0 0 6pt 0; padding-left: 18pt; }
li { margin: 0 0 2pt 0; }
`;
}

/** Wraps a document body into a complete, script-free HTML page with print CSS. */
export function renderPage(opts: PageOptions, extraCss = ''): string {
  const css =
    baseCss(opts.paper, opts.landscape, opts.fontSizePt ?? 11) + runningHeaderCss(opts.running) + KOP_CSS + SIGNATURE_CSS + GANJIL_GENAP_CSS + extraCss;
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${opts.title}</title>
<style>${raw(css)}</style>
</head>
<body>
${opts.body}
</body>
</html>
`.value;
}
