import { formatAngka, formatRupiah } from '../../../shared/domain/rupiah';
import type { JenisBantuan, Pembayaran } from './bast';
import { zigzagTable } from './ganjilGenap';
import { docTitle } from './heading';
import { html, join, type SafeHtml } from './html';
import { renderKop } from './kop';
import { metaTable, type MetaRow } from './meta';
import { METERAI, METERAI_CSS, meteraiBox, meteraiNote, perluMeterai } from './meterai';
import { renderPage } from './page';
import { itemsOf, jumlahPerSatuan, totalItems, totalNilai, type BastItem, type Penerima } from './penyerahan';
import { signatureRight, signatureRow, type SignatureSpec } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { hariTanggal, jabatanLengkap, rupiahDenganTerbilang, tempatTanggal } from './wording';

/**
 * The recipient list signed by each recipient. A `BastData` can be passed as it is
 * (same field names), so the BAST and its daftar tanda terima come from one object.
 */
export interface TandaTerimaData {
  office: OfficeHeader;
  paper: Paper;
  namaProgram: string;
  /** Default 'barang'; money prints each recipient's amount in Rupiah. */
  jenis?: JenisBantuan;
  /** For money: cash or transfer (default cash), said in words above the list. */
  pembayaran?: Pembayaran | null;
  /** A recipient receiving more than this much money signs over a meterai (default Rp 5.000.000, UU 10/2020). */
  meteraiBatas?: number;
  /** ISO date of the handover. */
  tanggal: string;
  tempat: string;
  /** Number of the BAST this list belongs to (printed on every page). */
  nomor?: string | null;
  penerima: Penerima[];
  /** Goods each recipient receives unless a recipient has its own `items`. */
  items?: BastItem[];
  /** Who hands over and signs at the end; default the office's Kepala Dinas. */
  pihakPertama?: Official | null;
  /** "Mengetahui" at the end; undefined → the office's Kepala Dinas, null → none. */
  mengetahui?: Official | null;
  /** Print the kop surat on the first page (default true). */
  withKop?: boolean;
}

/**
 * Compact rows: 8 pt, ~11 mm per recipient (enough height to sign), so that an A4 portrait page holds 15 or
 * more recipients and F4 18 or more.
 */
export const TANDA_TERIMA_CSS = `
table.grid.zigzag { font-size: 8pt; line-height: 1.15; }
table.grid.zigzag th, table.grid.zigzag td { padding: 1.5pt 3pt; }
table.grid.zigzag tr.ttd-row td { height: 11mm; }
table.grid.zigzag td.ttd { vertical-align: top; padding-top: 2pt; }
table.grid.zigzag tr.ttd-mark td { height: 15mm; }
table.grid.zigzag td.ttd .meterai { width: 20mm; height: 11mm; padding-top: 2mm; margin-top: 1pt; }
${METERAI_CSS}
.dtt-paket { font-size: 9pt; margin: 0 0 4pt 0; }
`;

const sameItems = (a: readonly BastItem[], b: readonly BastItem[]) =>
  a.length === b.length && a.every((x, i) => x.nama === b[i]?.nama && x.jumlah === b[i]?.jumlah && x.satuan === b[i]?.satuan && x.nilai === b[i]?.nilai);

/** The list's body (no page wrapper), to print alone or attached to its collective BAST. */
export function daftarTandaTerimaBody(data: TandaTerimaData): SafeHtml {
  const common = data.items ?? [];
  const perPenerima = data.penerima.map((p) => itemsOf(p, common));
  const first = perPenerima[0] ?? [];
  // Everyone gets the same package: say once what it is, and print only the quantities per row.
  const paket = first.length > 0 && perPenerima.every((it) => sameItems(it, first)) ? first : null;
  const uang = data.jenis === 'uang';
  const all = totalItems(data.penerima, common);
  const kecamatan = new Set(data.penerima.map((p) => p.kecamatan));
  const satuKecamatan = kecamatan.size === 1 ? [...kecamatan][0] : null;
  const signer: Official = data.pihakPertama ?? data.office.kepalaDinas;
  const atasan = data.mengetahui === undefined ? data.office.kepalaDinas : data.mengetahui;
  // The Kepala Dinas does not "know" a list he hands over himself.
  const mengetahui = atasan && atasan.nama.trim().toLowerCase() !== signer.nama.trim().toLowerCase() ? atasan : null;

  // Money is said as money: how it is paid and how much in words; a recipient of more than the meterai threshold
  // signs over a meterai in the row (UU 10/2020).
  const batas = data.meteraiBatas ?? METERAI.batasDefault;
  const meterai = perPenerima.map((items) => uang && perluMeterai(totalNilai(items), batas));
  const anyMeterai = meterai.some(Boolean);
  const bayar = data.pembayaran ?? { cara: 'tunai' as const };
  const caraUang =
    bayar.cara === 'transfer' ? `uang yang ditransfer ke rekening ${bayar.rekening?.trim() || 'masing-masing penerima'}` : 'uang tunai';
  const bantuanRows: MetaRow[] = uang
    ? [['Bantuan', caraUang], ['Jumlah', `${rupiahDenganTerbilang(totalNilai(all))} untuk ${formatAngka(data.penerima.length)} penerima`]]
    : [['Bantuan per penerima', paket ? html`${join(paket.map((it) => html`${formatAngka(it.jumlah)} ${it.satuan} ${it.nama}`), ', ')} (${formatRupiah(totalNilai(paket))})` : '']];
  const bantuan = (items: readonly BastItem[]) =>
    uang ? formatAngka(totalNilai(items)) : paket ? jumlahPerSatuan(items) : join(items.map((it) => html`${it.nama} ${formatAngka(it.jumlah)} ${it.satuan}`), '<br>');
  const rows = data.penerima.map((p, i) => {
    const rtRw = p.rt || p.rw ? `RT ${p.rt?.trim() || '-'}/RW ${p.rw?.trim() || '-'}` : null;
    const alamat = [p.alamat.trim() || null, rtRw, p.desa || null, satuKecamatan ? null : p.kecamatan || null].filter(Boolean).join(', ');
    return html`<td class="no">${i + 1}</td><td>${p.nama}</td><td class="nowrap">${p.nik}<br>${p.noKk ?? ''}</td><td>${alamat}</td><td class="c">${bantuan(perPenerima[i] ?? [])}</td>`;
  });
  const footer = html`<tr class="total keep-with-next"><td colspan="4">JUMLAH: ${formatAngka(data.penerima.length)} penerima</td><td colspan="3">${
    uang ? formatRupiah(totalNilai(all)) : `${jumlahPerSatuan(all)} · ${formatRupiah(totalNilai(all))}`
  }</td></tr>`;

  const menyerahkan: SignatureSpec = {
    heading: [tempatTanggal(data.office.kota, data.tanggal), 'Yang Menyerahkan,', signer.jabatan],
    nama: signer.nama,
    pangkat: signer.pangkat,
    nip: signer.nip,
    nipPlaceholder: true,
  };
  const sig = mengetahui
    ? signatureRow(
        { heading: ['', 'Mengetahui,', jabatanLengkap(mengetahui.jabatan, data.office)], nama: mengetahui.nama, pangkat: mengetahui.pangkat, nip: mengetahui.nip, nipPlaceholder: true },
        menyerahkan,
      )
    : signatureRight(menyerahkan);

  return html`${data.withKop === false ? '' : renderKop(data.office)}
${docTitle('Daftar Tanda Terima', [data.namaProgram])}
${metaTable([
  ['Nomor BAST', data.nomor ?? ''],
  ['Hari/Tanggal', hariTanggal(data.tanggal)],
  ['Tempat', data.tempat],
  ['Kecamatan', satuKecamatan ?? ''],
  ...bantuanRows,
])}
${zigzagTable({
  columns: [
    { header: 'No', width: 5 },
    { header: 'Nama Penerima', width: 18 },
    { header: html`NIK<br>No. KK`, width: 17 },
    // A meterai place needs a wider signing cell: the address gives it up.
    { header: html`Alamat<br>(RT/RW, Desa/Kel.${satuKecamatan ? '' : ', Kec.'})`, width: anyMeterai ? 20 : 24 },
    { header: uang ? 'Jumlah (Rp)' : 'Jumlah', width: 11 },
  ],
  ttdHeader: 'Tanda Tangan / Cap Jempol Kiri',
  ttdWidth: anyMeterai ? 14.5 : 12.5,
  rows,
  footer,
  columnNumbers: false,
  closing: anyMeterai ? html`${meteraiNote(batas)}${sig}` : sig,
  marks: meterai.map((m) => (m ? meteraiBox() : null)),
})}`;
}

export function renderDaftarTandaTerima(data: TandaTerimaData): DocumentOutput {
  const title = `Daftar Tanda Terima ${data.namaProgram}`;
  return {
    html: renderPage(
      { title, paper: data.paper, landscape: false, body: daftarTandaTerimaBody(data), fontSizePt: 10, running: { judul: 'Daftar Tanda Terima BAST', nomor: data.nomor ?? null } },
      TANDA_TERIMA_CSS,
    ),
    title,
    paper: data.paper,
    landscape: false,
  };
}
