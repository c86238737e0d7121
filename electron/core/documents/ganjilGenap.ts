import { html, type HtmlValue, type SafeHtml } from './html';

/**
 * The classic Indonesian zig-zag signature column: the header "Tanda Tangan" spans two
 * sub-columns Ganjil | Genap; odd rows sign in the left cell ("1. ……"), even rows in the
 * right cell ("2. ……"), so neighbours' signatures never collide.
 */
export const GANJIL_GENAP_CSS = `
table.grid td.ttd { vertical-align: middle; white-space: nowrap; overflow: hidden; text-overflow: clip; font-size: 90%; }
table.grid tr.ttd-row td { height: 12mm; }
table.grid th.sub { font-size: 90%; }
table.grid td.closing { border: none; padding: 0; font-size: 1rem; line-height: 1.25; overflow-wrap: normal; }
table.grid td.closing td { border: none; padding: 0; height: auto; }
table.grid td.closing tr.sig-space td { height: 14mm; }
`;

/** The two signature cells of row number `no` (1-based); `extra` (a meterai place) goes after the number. */
export function ganjilGenapCells(no: number, extra?: SafeHtml | null): SafeHtml {
  const mark = extra ? html`${no}. ${extra}` : html`${no}. ................`;
  return no % 2 === 1
    ? html`<td class="ttd">${mark}</td><td class="ttd"></td>`
    : html`<td class="ttd"></td><td class="ttd">${mark}</td>`;
}

export interface GridColumn {
  header: HtmlValue;
  /** Width in % of the table. */
  width: number;
}

export interface ZigzagTableOptions {
  columns: readonly GridColumn[];
  /** Header over the two signature sub-columns, e.g. 'Tanda Tangan / Cap Jempol Kiri'. */
  ttdHeader: string;
  /** Width in % of each of the two signature sub-columns. */
  ttdWidth: number;
  /** Each row's data cells (already `<td>` markup), numbered from 1. */
  rows: readonly SafeHtml[];
  /** Optional rows appended after the data rows (totals), already `<tr>` markup. */
  footer?: SafeHtml;
  /** Print the column-number row "1 2 3 …" under the header (default true). */
  columnNumbers?: boolean;
  /**
   * The block that closes the list (the signatures with "Mengetahui,"), printed as the table's last row so that
   * it never splits and never starts a page alone: it keeps with two lines of the list — the footer (JUMLAH) and the
   * last row, or the last two rows without a footer — which move to the next page with it under the repeated header.
   * Taking more along would leave the page before it over a quarter empty (A4, 12/34/55 recipients).
   */
  closing?: SafeHtml;
  /** Per row, what is printed in its signing cell after the number instead of the dots (a meterai place). */
  marks?: readonly (SafeHtml | null)[];
  /**
   * A list laid out before printing: each header row's, data row's and the closing's height in points, printed
   * as their (minimum) heights so that the pages break where the plan says (see `planZigzagPages`).
   */
  heightsPt?: { head: readonly [number, number, number]; rows: readonly number[]; closing: number };
  /** Rows (0-based) that start a new page, where the plan breaks the list. */
  pageStarts?: readonly number[];
}

/** A bordered list whose header (two rows) repeats on every printed page. */
export function zigzagTable(opts: ZigzagTableOptions): SafeHtml {
  const cols = opts.columns.length + 2;
  const numbers = Array.from({ length: cols }, (_, i) => i + 1);
  const hs = opts.heightsPt;
  const height = (pt: number | undefined) => (pt === undefined ? '' : html` style="height:${pt}pt"`);
  const starts = new Set(opts.pageStarts ?? []);
  return html`<table class="grid zigzag">
<colgroup>${opts.columns.map((c) => html`<col style="width:${c.width}%">`)}<col style="width:${opts.ttdWidth}%"><col style="width:${opts.ttdWidth}%"></colgroup>
<thead>
<tr${height(hs?.head[0])}>${opts.columns.map((c) => html`<th rowspan="2">${c.header}</th>`)}<th colspan="2">${opts.ttdHeader}</th></tr>
<tr${height(hs?.head[1])}><th class="sub">Ganjil</th><th class="sub">Genap</th></tr>
${opts.columnNumbers === false ? '' : html`<tr class="colnum"${height(hs?.head[2])}>${numbers.map((n) => html`<th>${n}</th>`)}</tr>`}
</thead>
<tbody>
${opts.rows.map((cells, i) => {
  const mark = opts.marks?.[i] ?? null;
  return html`<tr class="ttd-row${mark ? ' ttd-mark' : ''}${i >= opts.rows.length - (opts.footer ? 1 : 2) ? ' keep-with-next' : ''}${starts.has(i) ? ' page-break' : ''}"${height(hs?.rows[i])}>${cells}${ganjilGenapCells(i + 1, mark)}</tr>\n`;
})}
${opts.footer ?? ''}
${opts.closing ? html`<tr class="closing keep-with-previous"${height(hs?.closing)}><td class="closing" colspan="${cols}">${opts.closing}</td></tr>` : ''}
</tbody>
</table>`;
}
