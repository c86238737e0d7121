import { formatTanggalPanjang } from '../../../shared/domain/tanggal';
import { docTitle } from './heading';
import { html, multiline, type SafeHtml } from './html';
import { renderKop } from './kop';
import { metaTable } from './meta';
import { renderPage } from './page';
import { signatureRow } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { hariTanggal, tempatTanggal } from './wording';

export interface AgendaNotulen {
  judul: string;
  /** Discussion: one paragraph per string (line breaks kept). */
  pembahasan: string[];
  /** Decisions / conclusions, printed as a numbered list. */
  keputusan: string[];
}

export interface TindakLanjut {
  uraian: string;
  penanggungJawab: string;
  /** ISO date, or null when open-ended. */
  batasWaktu?: string | null;
  /** e.g. 'Belum', 'Proses', 'Selesai'. */
  status: string;
}

export interface NotulenData {
  office: OfficeHeader;
  paper: Paper;
  /** Document number from the office pattern, printed under the title when given. */
  nomor?: string | null;
  judul: string;
  /** ISO date. */
  tanggal: string;
  /** e.g. '09.00 – 12.00 WIB'. */
  waktu: string;
  tempat: string;
  pimpinan: Official;
  notulis: Official;
  peserta: { hadir: number; izin: number; tidakHadir: number };
  /** Villages that were not represented (printed under the attendance figures). */
  desaTidakHadir?: string[];
  /** Opening remarks (optional). */
  pembukaan?: string | null;
  agenda: AgendaNotulen[];
  tindakLanjut: TindakLanjut[];
}

const NOTULEN_CSS = `
h2 { font-size: 11pt; margin: 10pt 0 4pt 0; }
h3 { font-size: 11pt; margin: 6pt 0 3pt 0; }
.agenda { margin-left: 14pt; }
.agenda p { margin-bottom: 4pt; }
.keputusan-label { font-weight: bold; margin-top: 4pt; break-after: avoid; page-break-after: avoid; }
`;

function agendaBlock(a: AgendaNotulen, i: number): SafeHtml {
  return html`<h3>${i + 1}. ${a.judul}</h3>
<div class="agenda">
${a.pembahasan.map((p) => html`<p>${multiline(p)}</p>`)}
${a.keputusan.length > 0
  ? html`<div class="keputusan-label">Keputusan/Kesimpulan:</div><ol>${a.keputusan.map((k) => html`<li>${k}</li>`)}</ol>`
  : ''}
</div>`;
}

export function renderNotulen(data: NotulenData): DocumentOutput {
  const { hadir, izin, tidakHadir } = data.peserta;
  const total = hadir + izin + tidakHadir;
  const body = html`${renderKop(data.office)}
${docTitle('Notulen Rapat', [html`<b>${data.judul}</b>`, ...(data.nomor ? [`Nomor : ${data.nomor}`] : [])])}
${metaTable(
  [
    ['Hari/Tanggal', hariTanggal(data.tanggal)],
    ['Waktu', data.waktu],
    ['Tempat', data.tempat],
    ['Pimpinan Rapat', `${data.pimpinan.nama} (${data.pimpinan.jabatan})`],
    ['Notulis', `${data.notulis.nama} (${data.notulis.jabatan})`],
    ['Peserta', `${total} orang diundang: hadir ${hadir} orang, izin ${izin} orang, tidak hadir ${tidakHadir} orang`],
    ['Desa tidak terwakili', data.desaTidakHadir && data.desaTidakHadir.length > 0 ? data.desaTidakHadir.join(', ') : null],
  ],
  { labelWidth: '38mm' },
)}
${data.pembukaan ? html`<h2>I. Pembukaan</h2><p>${multiline(data.pembukaan)}</p>` : ''}
<h2>${data.pembukaan ? 'II' : 'I'}. Pembahasan</h2>
${data.agenda.map(agendaBlock)}
<h2>${data.pembukaan ? 'III' : 'II'}. Tindak Lanjut</h2>
${data.tindakLanjut.length === 0
  ? html`<p class="keep-with-next">Tidak ada tindak lanjut.</p>`
  : html`<table class="grid">
<colgroup><col style="width:6%"><col style="width:39%"><col style="width:25%"><col style="width:16%"><col style="width:14%"></colgroup>
<thead><tr><th>No</th><th>Tindak Lanjut</th><th>Penanggung Jawab</th><th>Batas Waktu</th><th>Status</th></tr></thead>
<tbody>
${data.tindakLanjut.map(
  (t, i) =>
    html`<tr${i >= data.tindakLanjut.length - 2 ? html` class="keep-with-next"` : ''}><td class="no">${i + 1}</td><td>${t.uraian}</td><td>${t.penanggungJawab}</td><td class="c">${t.batasWaktu ? formatTanggalPanjang(t.batasWaktu) : '-'}</td><td class="c">${t.status}</td></tr>`,
)}
</tbody>
</table>`}
${signatureRow(
  { heading: ['Notulis,'], nama: data.notulis.nama, nip: data.notulis.nip, pangkat: data.notulis.pangkat },
  {
    heading: [tempatTanggal(data.office.kota, data.tanggal), 'Pimpinan Rapat,'],
    nama: data.pimpinan.nama,
    nip: data.pimpinan.nip,
    pangkat: data.pimpinan.pangkat,
  },
)}`;

  const title = `Notulen ${data.judul}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape: false, body, running: { judul: 'Notulen Rapat', nomor: data.nomor ?? null } }, NOTULEN_CSS),
    title,
    paper: data.paper,
    landscape: false,
  };
}
