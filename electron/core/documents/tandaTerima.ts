import { formatAngka, formatRupiah } from '../../../shared/domain/rupiah';
import { zigzagTable } from './ganjilGenap';
import { docTitle } from './heading';
import { html, join } from './html';
import { renderKop } from './kop';
import { metaTable } from './meta';
import { renderPage } from './page';
import { alamatLengkap, itemsOf, jumlahPerSatuan, totalItems, totalNilai, type BastItem, type Penerima } from './penyerahan';
import { signatureRight } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { hariTanggal, tempatTanggal } from './wording';

/**
 * The recipient list signed by each recipient. A `BastData` can be passed as it is
 * (same field names), so the BAST and its daftar tanda terima come from one object.
 */
export interface TandaTerimaData {
  office: OfficeHeader;
  paper: Paper;
  namaProgram: string;
  /** ISO date of the handover. */
  tanggal: string;
  tempat: string;
  /** Number of the BAST this list belongs to. */
  nomor?: string | null;
  penerima: Penerima[];
  /** Goods each recipient receives unless a recipient has its own `items`. */
  items?: BastItem[];
  /** Who hands over and signs at the end; default the office's Kepala Dinas. */
  pihakPertama?: Official | null;
  /** Print the kop surat on the first page (default true). */
  withKop?: boolean;
}

const TANDA_TERIMA_CSS = `
.barang div + div { margin-top: 1pt; }
.barang .nilai { color: #222; font-size: 92%; }
.small { font-size: 90%; }
`;

export function renderDaftarTandaTerima(data: TandaTerimaData): DocumentOutput {
  const common = data.items ?? [];
  const all = totalItems(data.penerima, common);
  const signer: Official = data.pihakPertama ?? data.office.kepalaDinas;

  const rows = data.penerima.map((p, i) => {
    const items = itemsOf(p, common);
    return html`<td class="no">${i + 1}</td><td>${p.nama}</td><td class="nowrap">${p.nik}</td><td class="small">${alamatLengkap(p)}</td><td class="barang">${items.map(
      (it) => html`<div>${it.nama}: ${formatAngka(it.jumlah)} ${it.satuan}</div>`,
    )}${items.length > 0 ? html`<div class="nilai">${formatRupiah(totalNilai(items))}</div>` : ''}</td>`;
  });

  const footer = html`<tr class="total keep-with-next"><td colspan="4">JUMLAH: ${formatAngka(data.penerima.length)} penerima</td><td>${join(
    [jumlahPerSatuan(all), formatRupiah(totalNilai(all))],
    '<br>',
  )}</td><td colspan="2"></td></tr>`;

  const body = html`${data.withKop === false ? '' : renderKop(data.office)}
${docTitle('Daftar Tanda Terima', [data.namaProgram])}
${metaTable([
  ['Nomor BAST', data.nomor ?? ''],
  ['Hari/Tanggal', hariTanggal(data.tanggal)],
  ['Tempat', data.tempat],
])}
${zigzagTable({
  columns: [
    { header: 'No', width: 4 },
    { header: 'Nama Penerima', width: 18 },
    { header: 'NIK', width: 13 },
    { header: 'Alamat (Desa, RT/RW)', width: 23 },
    { header: 'Barang / Jumlah', width: 18 },
  ],
  ttdHeader: 'Tanda Tangan / Cap Jempol Kiri',
  ttdWidth: 12,
  rows,
  footer,
})}
${signatureRight({
  heading: [tempatTanggal(data.office.kota, data.tanggal), 'Yang Menyerahkan,', signer.jabatan],
  nama: signer.nama,
  pangkat: signer.pangkat,
  nip: signer.nip,
  nipPlaceholder: true,
})}`;

  const title = `Daftar Tanda Terima ${data.namaProgram}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape: true, body, fontSizePt: 10 }, TANDA_TERIMA_CSS),
    title,
    paper: data.paper,
    landscape: true,
  };
}
