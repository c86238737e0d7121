import { formatNip } from '../../../shared/domain/nip';
import { formatAngka } from '../../../shared/domain/rupiah';
import { formatTanggalPanjang } from '../../../shared/domain/tanggal';
import { terbilangRupiah, toTitleCase } from '../../../shared/domain/terbilang';
import { breakable, html, type SafeHtml } from './html';
import { docTitle, lampiranHeader } from './heading';
import { renderKop } from './kop';
import { metaTable, type MetaRow } from './meta';
import { renderPage } from './page';
import {
  alamatLengkap,
  jumlahPerSatuan,
  totalItems,
  totalNilai,
  uraianItems,
  type BastItem,
  type Penerima,
} from './penyerahan';
import { signatureCentered, signatureGrid, signatureRow, type SignatureSpec } from './signature';
import type { DocumentOutput, Official, OfficeHeader, Paper } from './types';
import { angkaDenganTerbilang, jabatanLengkap, pembukaanTanggal, rupiahDenganTerbilang, tempatTanggal } from './wording';

/** The legal basis cited in the opening (usually the SK penetapan penerima). */
export interface BastDasar {
  /** Kind of decree; default 'Keputusan Kepala Dinas Sosial <wilayah>'. */
  jenis?: string;
  nomor: string;
  /** ISO date. */
  tanggal: string;
  tentang: string;
}

export interface BastData {
  office: OfficeHeader;
  paper: Paper;
  /** Already formatted, e.g. '460/125/BAST-Dinsos/V/2024'. */
  nomor: string;
  /** ISO date of the handover. */
  tanggal: string;
  /** Place of the handover, e.g. 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur'. */
  tempat: string;
  dasar?: BastDasar | null;
  /** e.g. 'Bantuan Alat Bantu Penyandang Disabilitas Tahun 2024'. */
  namaProgram: string;
  pihakPertama: Official & { alamat?: string };
  /** One recipient → individual BAST; several → collective BAST with "Daftar Tanda Terima terlampir". */
  penerima: Penerima[];
  /**
   * Goods EACH recipient receives (a recipient's own `items` override these).
   * The BAST's value is the sum over all recipients.
   */
  items: BastItem[];
  /** Who signs as PIHAK KEDUA for a collective BAST (e.g. the Kepala Desa); blank line when missing. */
  wakilPenerima?: Official | null;
  saksi?: Official[];
  /** "Mengetahui" block; undefined → the office's Kepala Dinas, null → no block. */
  mengetahui?: Official | null;
  /** Number of copies ("dibuat dalam rangkap 2 (dua)"); default 2. */
  rangkap?: number;
}

const BAST_CSS = `
table.pihak { width: 100%; margin: 2pt 0 4pt 0; }
table.pihak > tbody > tr > td { vertical-align: top; padding: 0; }
table.pihak td.pihak-no { width: 14pt; }
table.pihak table.meta { margin-bottom: 2pt; }
.terbilang { font-style: italic; margin-top: 4pt; }
`;

function pihakBlock(no: number, rows: readonly MetaRow[] | null, closing: SafeHtml): SafeHtml {
  return html`<table class="pihak"><tr><td class="pihak-no">${no}.</td><td>
${rows ? metaTable(rows, { labelWidth: '30mm' }) : ''}
<div>${closing}</div>
</td></tr></table>`;
}

function dasarText(data: BastData): SafeHtml | null {
  const d = data.dasar;
  if (!d) return null;
  const jenis = d.jenis?.trim() || jabatanLengkap('Keputusan Kepala Dinas Sosial', data.office);
  return html`${jenis} Nomor ${breakable(d.nomor)} tanggal ${formatTanggalPanjang(d.tanggal)} tentang ${d.tentang}`;
}

function partySignatures(data: BastData, kolektif: boolean): SafeHtml {
  const first = data.penerima[0];
  const kedua: SignatureSpec = kolektif
    ? { heading: ['PIHAK KEDUA', data.wakilPenerima?.jabatan ?? 'Wakil Para Penerima'], nama: data.wakilPenerima?.nama, nip: data.wakilPenerima?.nip }
    : { heading: ['PIHAK KEDUA', 'Penerima Bantuan'], nama: first?.nama };
  const pertama: SignatureSpec = {
    heading: [tempatTanggal(data.office.kota, data.tanggal), 'PIHAK PERTAMA', data.pihakPertama.jabatan],
    nama: data.pihakPertama.nama,
    pangkat: data.pihakPertama.pangkat,
    nip: data.pihakPertama.nip,
    nipPlaceholder: true,
  };
  return signatureRow(kedua, pertama);
}

export function renderBast(data: BastData): DocumentOutput {
  const kolektif = data.penerima.length > 1;
  const items = totalItems(data.penerima, data.items);
  const nilai = totalNilai(items);
  const rangkap = data.rangkap ?? 2;
  const p1 = data.pihakPertama;
  const first = data.penerima[0];
  const dasar = dasarText(data);
  const mengetahui: Official | null =
    data.mengetahui === undefined ? data.office.kepalaDinas : data.mengetahui;

  const pihakKedua = kolektif
    ? pihakBlock(
        2,
        data.wakilPenerima
          ? [
              ['Nama', data.wakilPenerima.nama],
              ['Jabatan', data.wakilPenerima.jabatan],
            ]
          : null,
        html`${data.wakilPenerima ? 'Mewakili para' : 'Para'} penerima bantuan sebanyak ${angkaDenganTerbilang(data.penerima.length)} orang sebagaimana tercantum dalam Daftar Tanda Terima terlampir, selanjutnya disebut <b>PIHAK KEDUA</b>.`,
      )
    : pihakBlock(
        2,
        first
          ? [
              ['Nama', first.nama],
              ['NIK', first.nik],
              ['Alamat', alamatLengkap(first)],
            ]
          : [['Nama', '']],
        html`Selanjutnya disebut <b>PIHAK KEDUA</b>.`,
      );

  const saksi = data.saksi ?? [];
  const body = html`${renderKop(data.office)}
${docTitle('Berita Acara Serah Terima Bantuan', [`NOMOR : ${data.nomor}`], { underline: true })}
<p>${pembukaanTanggal(data.tanggal)}, bertempat di ${data.tempat}${dasar ? html`, berdasarkan ${dasar}` : ''}, kami yang bertanda tangan di bawah ini:</p>
${pihakBlock(
  1,
  [
    ['Nama', p1.nama],
    ['NIP', p1.nip ? formatNip(p1.nip) : ''],
    ['Pangkat/Gol.', p1.pangkat ?? ''],
    ['Jabatan', p1.jabatan],
    ['Alamat', p1.alamat ?? ''],
  ],
  html`Selanjutnya disebut <b>PIHAK PERTAMA</b>.`,
)}
${pihakKedua}
<p><b>PIHAK PERTAMA</b> telah menyerahkan kepada <b>PIHAK KEDUA</b> ${data.namaProgram} berupa ${uraianItems(items)} senilai <b>${rupiahDenganTerbilang(nilai)}</b> sebagaimana tercantum dalam Lampiran Berita Acara ini, dan <b>PIHAK KEDUA</b> telah menerima bantuan tersebut dari <b>PIHAK PERTAMA</b> dalam keadaan baik dan cukup. Sejak penandatanganan Berita Acara ini, bantuan tersebut menjadi tanggung jawab <b>PIHAK KEDUA</b> untuk dipergunakan dengan sebaik-baiknya sesuai peruntukannya.</p>
<div class="keep" id="penutup">
<p>Demikian Berita Acara Serah Terima ini dibuat dalam rangkap ${angkaDenganTerbilang(rangkap)} yang masing-masing mempunyai kekuatan hukum yang sama, untuk dipergunakan sebagaimana mestinya.</p>
${partySignatures(data, kolektif)}
${saksi.length > 0
  ? html`<div class="sig-caption">Saksi-saksi:</div>${signatureGrid(
      saksi.map((s, i) => ({ heading: [`Saksi ${i + 1}`, s.jabatan], nama: s.nama, nip: s.nip, pangkat: s.pangkat })),
    )}`
  : ''}
${mengetahui
  ? signatureCentered({
      heading: ['Mengetahui,', jabatanLengkap(mengetahui.jabatan, data.office)],
      nama: mengetahui.nama,
      pangkat: mengetahui.pangkat,
      nip: mengetahui.nip,
      nipPlaceholder: true,
    })
  : ''}
</div>
${renderLampiran(data, items, nilai, kolektif)}`;

  return {
    html: renderPage({ title: `Berita Acara Serah Terima ${data.nomor}`, paper: data.paper, landscape: false, body }, BAST_CSS),
    title: `Berita Acara Serah Terima ${data.nomor}`,
    paper: data.paper,
    landscape: false,
  };
}

function renderLampiran(data: BastData, items: readonly BastItem[], nilai: number, kolektif: boolean): SafeHtml {
  return html`${lampiranHeader('Lampiran Berita Acara Serah Terima Bantuan', [
    ['Nomor', data.nomor],
    ['Tanggal', formatTanggalPanjang(data.tanggal)],
  ])}
${docTitle('Daftar Barang Bantuan', [data.namaProgram])}
<table class="grid">
<colgroup><col style="width:7%"><col style="width:43%"><col style="width:13%"><col style="width:14%"><col style="width:23%"></colgroup>
<thead><tr><th>No</th><th>Nama Barang</th><th>Jumlah</th><th>Satuan</th><th>Nilai (Rp)</th></tr></thead>
<tbody>
${items.map(
  (it, i) =>
    html`<tr><td class="no">${i + 1}</td><td>${it.nama}</td><td class="num">${formatAngka(it.jumlah)}</td><td class="c">${it.satuan}</td><td class="num">${formatAngka(it.nilai)}</td></tr>`,
)}
<tr class="total"><td colspan="2" class="c">JUMLAH</td><td colspan="2" class="c">${jumlahPerSatuan(items)}</td><td class="num">${formatAngka(nilai)}</td></tr>
</tbody>
</table>
<div class="terbilang">Terbilang: ${toTitleCase(terbilangRupiah(Math.round(nilai)))}</div>
${kolektif ? html`<p style="margin-top:6pt">Diserahkan kepada ${angkaDenganTerbilang(data.penerima.length)} orang penerima sebagaimana tercantum dalam Daftar Tanda Terima terlampir.</p>` : ''}
${partySignatures(data, kolektif)}`;
}
