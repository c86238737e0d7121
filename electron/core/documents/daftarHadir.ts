import { zigzagTable, type GridColumn } from './ganjilGenap';
import { docTitle } from './heading';
import { html } from './html';
import { kopFontPt, kopKontak, renderKop } from './kop';
import { estimateLines, planClosingPages } from './listPages';
import { metaTable } from './meta';
import { MARGIN_LANDSCAPE, MARGIN_PORTRAIT, PAPER_MM, renderPage } from './page';
import { signatureRight } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { hariTanggal, tempatTanggal } from './wording';

export interface PesertaRapat {
  nama: string;
  /** Village or agency the participant represents, e.g. 'Desa Pundu' or 'Bappelitbangda'. */
  desaInstansi: string;
  jabatan: string;
  noHp?: string | null;
}

export interface DaftarHadirData {
  office: OfficeHeader;
  paper: Paper;
  /** Default true (formats.md 4.4: attendance lists are landscape); portrait keeps signature cells 25 mm wide too. */
  landscape?: boolean;
  /** Print the kop surat on the first page (default true). */
  withKop?: boolean;
  /** Meeting title, e.g. 'Rapat Koordinasi Operator DTKS Desa/Kelurahan Triwulan II Tahun 2024'. */
  judul: string;
  /** ISO date. */
  tanggal: string;
  /** e.g. '09.00 WIB s.d. selesai'. */
  waktu: string;
  tempat: string;
  peserta: PesertaRapat[];
  /** Empty numbered rows after the listed participants, for walk-ins. */
  barisKosong?: number;
  /** The chair who signs "Mengetahui,". */
  mengetahui: Official;
}

const DAFTAR_HADIR_CSS = `
table.grid td.hp { white-space: nowrap; font-size: 90%; }
`;

const PT_PER_MM = 72 / 25.4;
/** A grid cell's padding (3 pt above and below, 4 pt each side) and a border. */
const CELL_V_PT = 6 + 0.75;
const CELL_H_PT = 8 + 0.75;
/** A signing row is at least 12 mm tall (GANJIL_GENAP_CSS), which Chromium prints as 45 px. */
const ROW_MIN_PT = 33.75;
/** Left alone at the foot of every page, so that rounding never pushes a row over. */
const PAGE_SLACK_PT = 3;
/** The page the signatures leave is filled when more than this share of it would stay empty. */
const MAX_GAP_SHARE = 0.1;
/** Up to a whole CSS pixel (0.75 pt): Chromium lays out rows in whole pixels. */
const ceilQ = (pt: number) => Math.ceil(pt / 0.75) * 0.75;

interface Layout {
  topPt: number;
  head: [number, number, number];
  rows: number[];
  closing: number;
  /** The rows that start pages 2, 3, …: the list breaks where it was planned. */
  pageStarts: number[];
}

/**
 * The list laid out before printing (text measured with the font's widths, a little to spare), each height printed
 * as the element's minimum height and each page started where planned:
 * the rows of the page the signatures leave are made taller to fill it, so that with the closing block kept with
 * the last two rows no page but the last is left a quarter empty (issue 14: 19 participants on A4 landscape left
 * page 2 a third empty).
 */
function layout(data: DaftarHadirData, landscape: boolean, columns: readonly GridColumn[], ttdWidth: number, rows: readonly string[][], heading: readonly string[]): Layout {
  const paper = PAPER_MM[data.paper];
  const m = landscape ? MARGIN_LANDSCAPE : MARGIN_PORTRAIT;
  const widthPt = ((landscape ? paper.height : paper.width) - m.left - m.right) * PT_PER_MM;
  const heightPt = ((landscape ? paper.width : paper.height) - m.top - m.bottom) * PT_PER_MM;
  const fs = landscape ? 10 : 11;
  const line = fs * 1.25;
  const gridFs = fs - 1;
  const gridLine = gridFs * 1.25;
  const cellPt = (pct: number) => (widthPt * pct) / 100 - CELL_H_PT;
  const lines = (text: string, pt: number, size = fs, bold = false) => estimateLines(text, pt, size, { exact: true, bold });

  // Kop: the emblem (at most 23 mm) or the text beside it, then the double rule.
  let top = 0;
  if (data.withKop !== false) {
    const textPt = widthPt - 28 * PT_PER_MM;
    const o = data.office;
    const contact = kopKontak(o).join(' · ');
    const text =
      (kopFontPt(o.pemerintah, 13) + kopFontPt(o.namaDinas, 16)) * 1.2 +
      1 +
      (lines(o.alamat, textPt, 9) + (contact ? lines(contact, textPt, 9) : 0)) * 9 * 1.2;
    top += Math.max(o.logoDataUrl ? 23 * PT_PER_MM : 0, text) + 3.5 + 3 + 6;
  }
  // Title "DAFTAR HADIR" and the meeting's name in bold.
  top += 4 + (fs + 1) * 1.25 + 2 + lines(data.judul, widthPt, fs, true) * line + 8;
  // Hari/Tanggal, Waktu, Tempat.
  const valuePt = widthPt - 80;
  top += [hariTanggal(data.tanggal), data.waktu, data.tempat].reduce((sum, v) => sum + lines(v, valuePt) * line + 2, 0) + 6;
  top = ceilQ(top);

  const sub = gridLine * 0.9 + CELL_V_PT;
  const headerLines = Math.max(...columns.map((c) => lines(String(c.header), cellPt(c.width), gridFs, true)));
  const ttdLines = lines('Tanda Tangan', cellPt(ttdWidth) * 2, gridFs, true);
  const head: [number, number, number] = [
    ceilQ(Math.max(ttdLines * gridLine + CELL_V_PT, headerLines * gridLine + CELL_V_PT - sub)),
    ceilQ(sub),
    ceilQ(gridFs * 0.8 * 1.25 + 2 + 0.75),
  ];
  const headPt = head[0] + head[1] + head[2];

  const rowPt = rows.map((cells) => {
    // No and No. HP stay on one line (nowrap).
    const n = Math.max(1, ...cells.map((t, i) => (i === 0 || i === 4 ? 1 : lines(t, cellPt(columns[i]!.width), gridFs))));
    return ceilQ(Math.max(ROW_MIN_PT, n * gridLine + CELL_V_PT));
  });

  // The closing: margin, heading lines, 14 mm to sign, name (bold), pangkat, NIP, in the right 45 %.
  const sigPt = widthPt * 0.45;
  const m2 = data.mengetahui;
  const closingLines =
    heading.reduce((sum, h) => sum + lines(h, sigPt), 0) +
    lines(m2.nama, sigPt, fs, true) +
    (m2.pangkat ? lines(m2.pangkat, sigPt) : 0) +
    (m2.nip ? 1 : 0);
  const closing = ceilQ(6 + closingLines * line + 14 * PT_PER_MM + 1);

  const room = heightPt - PAGE_SLACK_PT - headPt;
  const plan = planClosingPages(rowPt, { first: room - top, next: room, closing, keep: 2, maxGap: heightPt * MAX_GAP_SHARE });
  return { topPt: top, head, rows: plan.rows, closing, pageStarts: plan.pages.slice(1).flatMap((p) => p.slice(0, 1)) };
}

export function renderDaftarHadir(data: DaftarHadirData): DocumentOutput {
  const landscape = data.landscape ?? true;
  const cells = [
    ...data.peserta.map((p) => [p.nama, p.desaInstansi, p.jabatan, p.noHp ?? '']),
    ...Array.from({ length: Math.max(0, data.barisKosong ?? 0) }, () => ['', '', '', '']),
  ];
  const rows = cells.map(
    ([nama, desa, jabatan, hp], i) => html`<td class="no">${i + 1}</td><td>${nama}</td><td>${desa}</td><td>${jabatan}</td><td class="hp">${hp}</td>`,
  );
  const columns: GridColumn[] = landscape
    ? [
        { header: 'No', width: 4 },
        { header: 'Nama', width: 24 },
        { header: 'Desa/Instansi', width: 20 },
        { header: 'Jabatan', width: 18 },
        { header: 'No. HP', width: 12 },
      ]
    : [
        { header: 'No', width: 5 },
        { header: 'Nama', width: 22 },
        { header: 'Desa/Instansi', width: 16 },
        { header: 'Jabatan', width: 13 },
        { header: 'No. HP', width: 12 },
      ];
  // Each signing cell at least 25 mm wide: 11 % of 262 mm (A4 landscape), 16 % of 160 mm (A4 portrait).
  const ttdWidth = landscape ? 11 : 16;
  const heading = [tempatTanggal(data.office.kota, data.tanggal), 'Mengetahui,', data.mengetahui.jabatan];
  const plan = layout(data, landscape, columns, ttdWidth, cells.map((c, i) => [String(i + 1), ...c]), heading);

  const body = html`<div class="dh-top" style="min-height:${plan.topPt}pt">${data.withKop === false ? '' : renderKop(data.office)}
${docTitle('Daftar Hadir', [html`<b>${data.judul}</b>`])}
${metaTable([
  ['Hari/Tanggal', hariTanggal(data.tanggal)],
  ['Waktu', data.waktu],
  ['Tempat', data.tempat],
])}</div>
${zigzagTable({
  columns,
  ttdHeader: 'Tanda Tangan',
  ttdWidth,
  rows,
  heightsPt: { head: plan.head, rows: plan.rows, closing: plan.closing },
  pageStarts: plan.pageStarts,
  closing: signatureRight({
    heading,
    nama: data.mengetahui.nama,
    pangkat: data.mengetahui.pangkat,
    nip: data.mengetahui.nip,
  }),
})}`;

  const title = `Daftar Hadir ${data.judul}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape, body, fontSizePt: landscape ? 10 : 11, running: { judul: `Daftar Hadir ${data.judul}` } }, DAFTAR_HADIR_CSS),
    title,
    paper: data.paper,
    landscape,
  };
}
