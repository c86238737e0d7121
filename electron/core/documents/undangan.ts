import { formatTanggalPanjang } from '../../../shared/domain/tanggal';
import { docTitle, lampiranHeader } from './heading';
import { html, join, multiline } from './html';
import { renderKop } from './kop';
import { metaTable } from './meta';
import { estimateLines, paginate } from './listPages';
import { PAPER_MM, renderPage } from './page';
import { signatureRight } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { angkaDenganTerbilang, hariTanggal, jabatanBaris, jabatanLengkap, tempatTanggal } from './wording';

export interface Undangan {
  nama: string;
  desaInstansi: string;
  jabatan: string;
}

export interface UndanganData {
  office: OfficeHeader;
  paper: Paper;
  nomor: string;
  /** ISO date of the letter. */
  tanggal: string;
  /** Default 'Penting'. */
  sifat?: string;
  /** Default: the sheets of the invitee list as printed ('2 (Dua) lembar'), '-' without a list. */
  lampiran?: string;
  /** Default 'Undangan'. */
  perihal?: string;
  /** Addressee lines after "Yth.", e.g. ['Operator DTKS Desa/Kelurahan', 'se-Kabupaten Kotawaringin Timur']. */
  kepada: string[];
  /** Default 'Tempat'. */
  di?: string;
  /** Opening paragraph; default a standard invitation sentence. */
  pembuka?: string;
  acara: {
    /** ISO date of the meeting. */
    tanggal: string;
    waktu: string;
    tempat: string;
    agenda: string[];
  };
  /** Notes such as 'Membawa laptop dan data usulan desa'. */
  catatan?: string[];
  /** Closing paragraph; default the usual request to attend on time. */
  penutup?: string;
  /** Who signs; default the office's Kepala Dinas. */
  penandatangan?: Official | null;
  tembusan?: string[];
  /** Invitees listed on the attachment page (omitted when empty). */
  daftarUndangan?: Undangan[];
}

const UNDANGAN_CSS = `
.tanggal-surat { text-align: right; margin-bottom: 6pt; }
.kepada { margin: 10pt 0 10pt 0; }
.kepada td { padding: 0; vertical-align: top; }
.kepada td.yth { padding-right: 4pt; }
.kepada td.tempat { padding-left: 18pt; text-decoration: underline; }
.isi { margin-left: 14mm; }
.isi p { text-indent: 10mm; }
.isi table.meta { margin-left: 10mm; width: calc(100% - 10mm); }
.isi ol { margin: 0; padding-left: 14pt; }
.tembusan { margin-top: 14pt; font-size: 10pt; }
.tembusan ol { margin: 0; }
.lampiran-top { overflow: hidden; }
`;

/** The invitee list's type: the grid's 11 pt (the letter's 12 pt less one) at line-height 1.25. */
const LIST_FONT_PT = 11;
const LINE_PT = LIST_FONT_PT * 1.25;
/** A cell's padding (3 pt above and below, 4 pt each side) and a border. */
const CELL_V_PT = 6 + 0.75;
const CELL_H_PT = 8 + 0.75;
const COLUMNS = [7, 35, 30, 28];
const PT_PER_MM = 72 / 25.4;
/** Left alone at the foot of every page of the list, so that rounding never pushes a row over. */
const PAGE_SLACK_PT = 14;

/**
 * The invitee list split into the pages it prints on: every row's height fixed from its longest cell, the
 * first page below the attachment header and title. The count of pages is the letter's Lampiran.
 */
function layoutDaftar(daftar: readonly Undangan[], paper: Paper, judulLampiran: string) {
  const { width, height } = PAPER_MM[paper];
  const tablePt = (width - 50) * PT_PER_MM;
  const cellPt = COLUMNS.map((c) => (tablePt * c) / 100 - CELL_H_PT);
  const rowPt = daftar.map((u) => {
    const lines = Math.max(...[String(daftar.length), u.nama, u.desaInstansi, u.jabatan].map((t, i) => estimateLines(t, cellPt[i]!, LIST_FONT_PT)));
    return Math.ceil((lines * LINE_PT + CELL_V_PT) * 4) / 4;
  });
  const headPt = LINE_PT + CELL_V_PT + 2;
  // "Lampiran Surat …" in the right 52 %, three meta rows, the gap under it, then the title "DAFTAR UNDANGAN".
  const judulLines = estimateLines(judulLampiran, tablePt * 0.52, LIST_FONT_PT);
  const topPt = Math.ceil(judulLines * LINE_PT + 3 * (LINE_PT + 1) + 6 + (4 + 13 * 1.25 + 8) + 6);
  const pagePt = (height - 40) * PT_PER_MM - PAGE_SLACK_PT;
  const pages = paginate(rowPt, pagePt - topPt - headPt, pagePt - headPt);
  return { rowPt, topPt, headPt, pages };
}

export function renderUndangan(data: UndanganData): DocumentOutput {
  const ttd: Official = data.penandatangan ?? data.office.kepalaDinas;
  const daftar = data.daftarUndangan ?? [];
  const judulLampiran = `Lampiran Surat ${jabatanLengkap(ttd.jabatan, data.office)}`;
  const list = daftar.length > 0 ? layoutDaftar(daftar, data.paper, judulLampiran) : null;
  // What is attached: the sheets of the invitee list, or nothing.
  const lampiran = data.lampiran ?? (list ? `${angkaDenganTerbilang(list.pages.length)} lembar` : '-');
  const perihal = data.perihal ?? 'Undangan';
  const pembuka =
    data.pembuka ?? 'Dengan hormat, bersama ini kami mengundang Bapak/Ibu/Saudara/i untuk menghadiri kegiatan yang akan dilaksanakan pada:';
  const penutup =
    data.penutup ??
    'Mengingat pentingnya acara tersebut, dimohon kehadiran Bapak/Ibu/Saudara/i tepat pada waktunya. Atas perhatian dan kehadirannya diucapkan terima kasih.';

  const body = html`${renderKop(data.office)}
<div class="tanggal-surat">${tempatTanggal(data.office.kota, data.tanggal)}</div>
${metaTable(
  [
    ['Nomor', data.nomor],
    ['Sifat', data.sifat ?? 'Penting'],
    ['Lampiran', lampiran],
    ['Perihal', html`<b>${perihal}</b>`],
  ],
  { labelWidth: '22mm' },
)}
<table class="kepada">
<tr><td class="yth">Yth.</td><td>${join(data.kepada, '<br>')}</td></tr>
<tr><td></td><td>di -</td></tr>
<tr><td></td><td class="tempat">${data.di ?? 'Tempat'}</td></tr>
</table>
<div class="isi">
<p>${multiline(pembuka)}</p>
${metaTable(
  [
    ['Hari/Tanggal', hariTanggal(data.acara.tanggal)],
    ['Waktu', data.acara.waktu],
    ['Tempat', data.acara.tempat],
    [
      'Acara',
      data.acara.agenda.length === 1
        ? (data.acara.agenda[0] ?? '')
        : html`<ol>${data.acara.agenda.map((a) => html`<li>${a}</li>`)}</ol>`,
    ],
    [
      'Catatan',
      data.catatan && data.catatan.length > 0 ? html`<ol>${data.catatan.map((c) => html`<li>${c}</li>`)}</ol>` : null,
    ],
  ],
  { labelWidth: '28mm' },
)}
<p>${multiline(penutup)}</p>
</div>
${signatureRight({
  heading: jabatanBaris(ttd.jabatan, data.office).map((l, i, all) => (i === all.length - 1 ? `${l},` : l)),
  nama: ttd.nama,
  pangkat: ttd.pangkat,
  nip: ttd.nip,
})}
${data.tembusan && data.tembusan.length > 0
  ? html`<div class="tembusan keep"><div><u>Tembusan</u>:</div><ol>${data.tembusan.map((t) => html`<li>${t}</li>`)}</ol></div>`
  : ''}
${list
  ? html`<div class="page-break"></div><div class="lampiran-top" style="height:${list.topPt}pt">${lampiranHeader(judulLampiran, [
      ['Nomor', data.nomor],
      ['Tanggal', formatTanggalPanjang(data.tanggal)],
      ['Perihal', perihal],
    ], { pageBreak: false })}
${docTitle('Daftar Undangan')}</div>
${list.pages.map((rows, p) => html`${p > 0 ? html`<div class="page-break"></div>` : ''}<table class="grid">
<colgroup>${COLUMNS.map((c) => html`<col style="width:${c}%">`)}</colgroup>
<thead><tr style="height:${list.headPt}pt"><th>No</th><th>Nama</th><th>Desa/Instansi</th><th>Jabatan</th></tr></thead>
<tbody>
${rows.map((i) => { const u = daftar[i]!; return html`<tr style="height:${list.rowPt[i]!}pt"><td class="no">${i + 1}</td><td>${u.nama}</td><td>${u.desaInstansi}</td><td>${u.jabatan}</td></tr>`; })}
</tbody>
</table>`)}`
  : ''}`;

  const title = `Undangan ${data.nomor}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape: false, body, fontSizePt: 12, running: { judul: 'Surat Undangan', nomor: data.nomor } }, UNDANGAN_CSS),
    title,
    paper: data.paper,
    landscape: false,
  };
}
