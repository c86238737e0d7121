import { formatNip } from '../../../shared/domain/nip';
import { formatAngka } from '../../../shared/domain/rupiah';
import { formatTanggalPanjang } from '../../../shared/domain/tanggal';
import { breakable, html, type SafeHtml } from './html';
import { docTitle } from './heading';
import { renderKop } from './kop';
import { metaTable, type MetaRow } from './meta';
import { METERAI, METERAI_CSS, meteraiNote, perluMeterai } from './meterai';
import { renderPage } from './page';
import { alamatLengkap, jumlahPerSatuan, totalItems, totalNilai, uraianItems, type BastItem, type Penerima } from './penyerahan';
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

/** What is handed over: goods (with a unit per item), money, or a service. */
export type JenisBantuan = 'barang' | 'uang' | 'jasa';

/** How money is handed over. */
export interface Pembayaran {
  cara: 'tunai' | 'transfer';
  /** 'Bank Kalteng No. 1234567890 a.n. KUBE Maju Bersama' — where transferred. */
  rekening?: string | null;
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
  /** Default 'barang'. Money is written as money (tunai/transfer, sejumlah …), never "dalam keadaan baik". */
  jenis?: JenisBantuan;
  /** For money: cash or transfer (default cash). */
  pembayaran?: Pembayaran | null;
  /** Money of more than this amount gets a meterai place for the recipient (default Rp 5.000.000, UU 10/2020). */
  meteraiBatas?: number;
  pihakPertama: Official & { alamat?: string };
  /** One recipient → individual BAST; several → collective BAST with "Daftar Tanda Terima terlampir". */
  penerima: Penerima[];
  /** Force the collective form (a collective handover with one recipient still has its daftar tanda terima). */
  kolektif?: boolean;
  /** A group grant (KUBE): the group's name; PIHAK KEDUA acts for the group. */
  kelompok?: string | null;
  /**
   * Goods EACH recipient receives (a recipient's own `items` override these).
   * The BAST's value is the sum over all recipients.
   */
  items: BastItem[];
  /** Who signs as PIHAK KEDUA for a collective BAST (e.g. the Camat or the ketua kelompok); dotted lines when missing. */
  wakilPenerima?: Official | null;
  saksi?: Official[];
  /** "Mengetahui" block; undefined → the office's Kepala Dinas, null → no block. */
  mengetahui?: Official | null;
  /** Number of copies ("dibuat dalam rangkap 2 (Dua)"); default 2. */
  rangkap?: number;
}

const BAST_CSS = `
table.pihak { width: 100%; margin: 1pt 0 3pt 0; }
table.pihak > tbody > tr > td { vertical-align: top; padding: 0; }
table.pihak td.pihak-no { width: 14pt; }
table.pihak table.meta { margin-bottom: 1pt; }
table.meta td { padding: 0; }
p { margin-bottom: 4pt; }
.doc-title { margin: 2pt 0 6pt 0; }
.sig-caption { margin-top: 6pt; }
.kop-rule { margin-bottom: 4pt; }
.meterai-note { margin-top: 2pt; }
table.sig { margin-top: 4pt; }
table.rincian { margin: 2pt 0 6pt 0; }
.sig-block { margin-top: 2pt; }
/* Each row of signatures after the parties is kept whole, but a new page may start between them. */
.lainnya table.sig { break-before: auto; page-break-before: auto; }
${METERAI_CSS}
`;

const DOTS = '................................................';

function pihakBlock(no: number, rows: readonly MetaRow[], closing: SafeHtml): SafeHtml {
  return html`<table class="pihak"><tr><td class="pihak-no">${no}.</td><td>
${metaTable(rows, { labelWidth: '30mm' })}
<div>${closing}</div>
</td></tr></table>`;
}

/** Nama, NIP, Pangkat/Gol., Jabatan of an official; dotted lines to fill in by hand where unknown. */
function identitas(o: Official | null | undefined, alamat?: string): MetaRow[] {
  if (!o) return [['Nama', DOTS], ['NIP', DOTS], ['Pangkat/Gol.', DOTS], ['Jabatan', DOTS]];
  // NIP and pangkat where there are (a camat or a civil servant); a ketua kelompok has neither.
  return [
    ['Nama', o.nama],
    ['NIP', o.nip ? formatNip(o.nip) : ''],
    ['Pangkat/Gol.', o.pangkat ?? ''],
    ['Jabatan', o.jabatan],
    ['Alamat', alamat ?? ''],
  ];
}

function dasarText(data: BastData): SafeHtml | null {
  const d = data.dasar;
  if (!d) return null;
  const jenis = d.jenis?.trim() || jabatanLengkap('Keputusan Kepala Dinas Sosial', data.office);
  return html`${jenis} Nomor ${breakable(d.nomor)} tanggal ${formatTanggalPanjang(d.tanggal)} tentang ${d.tentang}`;
}

function isKolektif(data: BastData): boolean {
  return data.kolektif ?? data.penerima.length > 1;
}

function pihakKedua(data: BastData): SafeHtml {
  const n = data.penerima.length;
  const first = data.penerima[0];
  if (!isKolektif(data)) {
    return pihakBlock(2, first ? [['Nama', first.nama], ['NIK', first.nik], ['No. KK', first.noKk ?? ''], ['Alamat', alamatLengkap(first)]] : [['Nama', DOTS]], html`Selanjutnya disebut <b>PIHAK KEDUA</b>.`);
  }
  const atasNama = data.kelompok
    ? html`Kelompok <b>${data.kelompok}</b> yang beranggotakan ${angkaDenganTerbilang(n)} orang`
    : html`para penerima bantuan sebanyak ${angkaDenganTerbilang(n)} orang`;
  return pihakBlock(
    2,
    identitas(data.wakilPenerima),
    html`Dalam hal ini bertindak untuk dan atas nama ${atasNama} sebagaimana tercantum dalam Daftar Tanda Terima terlampir, selanjutnya disebut <b>PIHAK KEDUA</b>.`,
  );
}

/** The items as a small table in the body ("dengan rincian sebagai berikut"), totals per unit, never across units. */
function rincian(items: readonly BastItem[], nilai: number, kolektif: boolean, n: number): SafeHtml {
  return html`<table class="grid rincian">
<colgroup><col style="width:7%"><col style="width:45%"><col style="width:25%"><col style="width:23%"></colgroup>
<thead><tr><th>No</th><th>Nama Barang</th><th>Jumlah${kolektif ? html`<br>(${formatAngka(n)} penerima)` : ''}</th><th>Nilai (Rp)</th></tr></thead>
<tbody>
${items.map((it, i) => html`<tr><td class="no">${i + 1}</td><td>${it.nama}</td><td class="c">${formatAngka(it.jumlah)} ${it.satuan}</td><td class="num">${formatAngka(it.nilai)}</td></tr>`)}
<tr class="total"><td colspan="2" class="c">JUMLAH</td><td class="c">${jumlahPerSatuan(items)}</td><td class="num">${formatAngka(nilai)}</td></tr>
</tbody>
</table>`;
}

/** The sentence of what was handed over: goods with their condition, money as money (cash or transfer). */
function penyerahan(data: BastData, items: readonly BastItem[], nilai: number): SafeHtml {
  const kolektif = isKolektif(data);
  const jenis = data.jenis ?? 'barang';
  if (jenis === 'uang') {
    const bayar = data.pembayaran ?? { cara: 'tunai' };
    const cara =
      bayar.cara === 'transfer'
        ? html`berupa uang yang ditransfer ke rekening ${bayar.rekening?.trim() || DOTS}`
        : html`berupa uang tunai`;
    return html`<p><b>PIHAK PERTAMA</b> telah menyerahkan kepada <b>PIHAK KEDUA</b> ${data.namaProgram} ${cara} sejumlah <b>${rupiahDenganTerbilang(nilai)}</b>${kolektif ? html` dengan rincian per penerima sebagaimana tercantum dalam Daftar Tanda Terima terlampir` : ''}, dan <b>PIHAK KEDUA</b> telah menerima uang tersebut dari <b>PIHAK PERTAMA</b> dengan jumlah yang lengkap. Sejak penandatanganan Berita Acara ini, uang tersebut menjadi tanggung jawab <b>PIHAK KEDUA</b> untuk dipergunakan sesuai peruntukannya dan dipertanggungjawabkan sesuai ketentuan.</p>`;
  }
  const what = jenis === 'jasa' ? 'layanan' : 'barang';
  const kondisi = jenis === 'jasa' ? 'sebagaimana mestinya' : 'dalam keadaan baik dan cukup';
  const diserahkan = html`<b>PIHAK PERTAMA</b> telah menyerahkan kepada <b>PIHAK KEDUA</b> ${data.namaProgram} berupa ${uraianItems(items)} senilai <b>${rupiahDenganTerbilang(nilai)}</b>`;
  const diterima = html`<b>PIHAK KEDUA</b> telah menerima ${what} tersebut dari <b>PIHAK PERTAMA</b> ${kondisi}. Sejak penandatanganan Berita Acara ini, ${what} tersebut menjadi tanggung jawab <b>PIHAK KEDUA</b> untuk dipergunakan dengan sebaik-baiknya sesuai peruntukannya.`;
  // A few items are said in full in the sentence (per unit, in figures and words); a table would only repeat it.
  if (items.length <= 3) return html`<p>${diserahkan}, dan ${diterima}</p>`;
  return html`<p>${diserahkan}, dengan rincian sebagai berikut:</p>
${rincian(items, nilai, kolektif, data.penerima.length)}
<p>${diterima}</p>`;
}

function partySignatures(data: BastData, meterai: boolean): SafeHtml {
  const first = data.penerima[0];
  const w = data.wakilPenerima;
  const kedua: SignatureSpec = isKolektif(data)
    ? { heading: ['PIHAK KEDUA', w?.jabatan ?? (data.kelompok ? `Ketua ${data.kelompok}` : 'Wakil Para Penerima')], nama: w?.nama, nip: w?.nip, pangkat: w?.pangkat, meterai }
    : { heading: ['PIHAK KEDUA', 'Penerima Bantuan'], nama: first?.nama, meterai };
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
  const items = totalItems(data.penerima, data.items);
  const nilai = totalNilai(items);
  const rangkap = data.rangkap ?? 2;
  const p1 = data.pihakPertama;
  const dasar = dasarText(data);
  const mengetahui: Official | null = data.mengetahui === undefined ? data.office.kepalaDinas : data.mengetahui;
  const batas = data.meteraiBatas ?? METERAI.batasDefault;
  const meterai = (data.jenis ?? 'barang') === 'uang' && perluMeterai(nilai, batas);
  const saksi = data.saksi ?? [];
  const lainnya = [
    saksi.length > 0
      ? html`<div class="sig-caption keep-with-next">Saksi-saksi:</div>${signatureGrid(saksi.map((s, i) => ({ heading: [`Saksi ${i + 1}`, s.jabatan], nama: s.nama, nip: s.nip, pangkat: s.pangkat })))}`
      : null,
    mengetahui
      ? signatureCentered({
          heading: ['Mengetahui,', jabatanLengkap(mengetahui.jabatan, data.office)],
          nama: mengetahui.nama,
          pangkat: mengetahui.pangkat,
          nip: mengetahui.nip,
          nipPlaceholder: true,
        })
      : null,
  ].filter((x): x is SafeHtml => x !== null);

  // The closing sentence and the parties' signatures never part, and take at least the last two lines of the body
  // with them to a new page. Each row of witnesses and the "Mengetahui" block follow, each kept whole; one may start
  // the next page (under the header band) when it does not fit: kept with the parties it would leave page 1 half
  // empty.
  const body = html`${renderKop(data.office)}
${docTitle('Berita Acara Serah Terima Bantuan', [`NOMOR : ${data.nomor}`], { underline: true })}
<p>${pembukaanTanggal(data.tanggal)}, bertempat di ${data.tempat}${dasar ? html`, berdasarkan ${dasar}` : ''}, kami yang bertanda tangan di bawah ini:</p>
${pihakBlock(1, identitas(p1, p1.alamat), html`Selanjutnya disebut <b>PIHAK PERTAMA</b>.`)}
${pihakKedua(data)}
${penyerahan(data, items, nilai)}
<div class="sig-block keep keep-with-previous" id="penutup">
<p>Demikian Berita Acara Serah Terima ini dibuat dalam rangkap ${angkaDenganTerbilang(rangkap)} yang masing-masing mempunyai kekuatan hukum yang sama, untuk dipergunakan sebagaimana mestinya.</p>
${partySignatures(data, meterai)}
${meterai ? meteraiNote(batas) : ''}
</div>
${lainnya.length > 0 ? html`<div class="lainnya">${lainnya}</div>` : ''}`;

  const title = `Berita Acara Serah Terima ${data.nomor}`;
  return {
    html: renderPage({ title, paper: data.paper, landscape: false, body, fontSizePt: 10.5, running: { judul: 'Berita Acara Serah Terima Bantuan', nomor: data.nomor } }, BAST_CSS),
    title,
    paper: data.paper,
    landscape: false,
  };
}
