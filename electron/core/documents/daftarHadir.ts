import { zigzagTable } from './ganjilGenap';
import { docTitle } from './heading';
import { html } from './html';
import { renderKop } from './kop';
import { metaTable } from './meta';
import { renderPage } from './page';
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

export function renderDaftarHadir(data: DaftarHadirData): DocumentOutput {
  const landscape = data.landscape ?? true;
  const rows = [
    ...data.peserta.map(
      (p, i) =>
        html`<td class="no">${i + 1}</td><td>${p.nama}</td><td>${p.desaInstansi}</td><td>${p.jabatan}</td><td class="hp">${p.noHp ?? ''}</td>`,
    ),
    ...Array.from(
      { length: Math.max(0, data.barisKosong ?? 0) },
      (_, i) => html`<td class="no">${data.peserta.length + i + 1}</td><td></td><td></td><td></td><td></td>`,
    ),
  ];

  const body = html`${data.withKop === false ? '' : renderKop(data.office)}
${docTitle('Daftar Hadir', [html`<b>${data.judul}</b>`])}
${metaTable([
  ['Hari/Tanggal', hariTanggal(data.tanggal)],
  ['Waktu', data.waktu],
  ['Tempat', data.tempat],
])}
${zigzagTable({
  columns: landscape
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
      ],
  ttdHeader: 'Tanda Tangan',
  // Each signing cell at least 25 mm wide: 11 % of 262 mm (A4 landscape), 16 % of 160 mm (A4 portrait).
  ttdWidth: landscape ? 11 : 16,
  rows,
  closing: signatureRight({
    heading: [tempatTanggal(data.office.kota, data.tanggal), 'Mengetahui,', data.mengetahui.jabatan],
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
