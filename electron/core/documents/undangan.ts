import { formatTanggalPanjang } from '../../../shared/domain/tanggal';
import { docTitle, lampiranHeader } from './heading';
import { html, join, multiline } from './html';
import { renderKop } from './kop';
import { metaTable } from './meta';
import { renderPage } from './page';
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
  /** Default '1 (satu) berkas' when there is a list of invitees, '-' otherwise. */
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
`;

export function renderUndangan(data: UndanganData): DocumentOutput {
  const ttd: Official = data.penandatangan ?? data.office.kepalaDinas;
  const daftar = data.daftarUndangan ?? [];
  // What is attached: the invitee list, one berkas, or nothing.
  const lampiran = data.lampiran ?? (daftar.length > 0 ? `${angkaDenganTerbilang(1)} berkas` : '-');
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
${daftar.length > 0
  ? html`${lampiranHeader(`Lampiran Surat ${jabatanLengkap(ttd.jabatan, data.office)}`, [
      ['Nomor', data.nomor],
      ['Tanggal', formatTanggalPanjang(data.tanggal)],
      ['Perihal', perihal],
    ])}
${docTitle('Daftar Undangan')}
<table class="grid">
<colgroup><col style="width:7%"><col style="width:35%"><col style="width:30%"><col style="width:28%"></colgroup>
<thead><tr><th>No</th><th>Nama</th><th>Desa/Instansi</th><th>Jabatan</th></tr></thead>
<tbody>
${daftar.map((u, i) => html`<tr${i > 0 && i === daftar.length - 1 ? html` class="keep-with-previous"` : ''}><td class="no">${i + 1}</td><td>${u.nama}</td><td>${u.desaInstansi}</td><td>${u.jabatan}</td></tr>`)}
</tbody>
</table>`
  : ''}`;

  const title = `Undangan ${data.nomor}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape: false, body, fontSizePt: 12, running: { judul: 'Surat Undangan', nomor: data.nomor } }, UNDANGAN_CSS),
    title,
    paper: data.paper,
    landscape: false,
  };
}
