/**
 * Issue 14: the printed BAST and daftar tanda terima an official signs unedited, read page by page from the PDF
 * for 1, 2, 30 and 200 recipients on A4 and F4, plus the single prosthetic leg and the KUBE group grant (money).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { ok } from '../../helpers/core';
import { sqliteOnly } from '../../helpers/engines';
import { pageRuleBreaks } from './pageRules';
import { kakiPalsu, kube, openOffice, preview, sembako, type Office } from './scenarios';

const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/\/ /g, '/');
/** The zig-zag marks "17. ......" of the rows printed on a page. */
const rowsOn = (page: string) => (page.match(/\b\d+\. \.{8}/g) ?? []).length;

type Printed = { html: string; paper: 'A4' | 'F4'; landscape: boolean };

async function printed(o: Office, h: PenyerahanDetail, kind: 'bast' | 'tandaTerima' = 'bast') {
  // handovers.print takes the BAST number, as the first real print does; without a print dialog it returns the HTML.
  const doc = await ok<Printed>(o.admin, 'handovers.print', { penyerahanId: h.id, kind });
  return htmlToPdf(doc.html, doc);
}

afterAll(closeBrowser);

// The paper is a layout question; the server's rows print on F4, the Kotim office's paper.
const PAPERS = sqliteOnly('the same pages on A4') ? (['F4'] as const) : (['A4', 'F4'] as const);

describe.each(PAPERS)('page rules on %s', (paper) => {
  let o: Office;
  beforeAll(async () => {
    o = await openOffice(paper);
  });
  afterAll(() => o.core.close());

  describe.each([1, 2, 30, 200])('collective sembako BAST with its daftar tanda terima, %i recipients', (n) => {
    let pdf: Buffer;
    let pages: string[];
    let h: PenyerahanDetail;
    let nomor: string;
    beforeAll(async () => {
      h = await sembako(o, n);
      pdf = await printed(o, h);
      pages = pdfPages(pdf);
      nomor = (await ok<PenyerahanDetail>(o.admin, 'handovers.get', { id: h.id })).nomorBast!;
    });

    it('has the header band on every page after the first and no page more than 25% empty but the last', () => {
      expect(nomor).toMatch(/BAST/);
      expect(pageRuleBreaks(pdf, { judul: 'Berita Acara Serah Terima Bantuan', nomor })).toEqual([]);
    });

    it('identifies PIHAK KEDUA (the camat) fully: nama, NIP, pangkat/golongan, jabatan', () => {
      expect(flat(pages[0]!)).toContain('2. Nama : Drs. Muhammad Ramli NIP : 19700815 199503 1 004 Pangkat/Gol. : Pembina (IV/a) Jabatan : Camat Kota Besi');
      expect(flat(pdfText(pdf))).toMatch(/Drs\. Muhammad Ramli\s.*Pembina \(IV\/a\).*NIP\. 19700815 199503 1 004/);
    });

    it('keeps the closing sentence with the signatures, and the BAST refers to the list instead of repeating it', () => {
      const sigPage = pages.find((p) => /PIHAK KEDUA\s+PIHAK PERTAMA|PIHAK PERTAMA\s*\n/.test(p) && p.includes('Mengetahui'));
      expect(sigPage).toBeDefined();
      expect(flat(sigPage!)).toContain('Demikian Berita Acara Serah Terima ini dibuat');
      const daftarStart = pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'));
      expect(daftarStart).toBeGreaterThan(0);
      const bast = pages.slice(0, daftarStart).join('\n');
      expect(flat(bast)).toContain(`sebanyak ${n} (`);
      expect(flat(bast)).toContain('sebagaimana tercantum dalam Daftar Tanda Terima terlampir');
      for (const p of h.penerima) expect(bast).not.toContain(p.orang.nik);
      // Every recipient is listed once, with NIK and No KK.
      const text = pdfText(pdf);
      for (const p of h.penerima) {
        expect(text.split(p.orang.nik).length - 1).toBe(1);
        expect(text).toContain(p.orang.noKk);
      }
    });

    it('counts goods per unit, never adding sacks to bottles', () => {
      const text = flat(pdfText(pdf));
      const id = (x: number) => x.toLocaleString('id-ID');
      expect(text).toContain(`JUMLAH: ${n} penerima ${id(n)} karung, ${id(2 * n)} botol · Rp ${id(386_000 * n)}`);
      expect(text).toContain(`berupa ${id(n)} (`);
      expect(text).toContain('dalam keadaan baik dan cukup');
    });

    it('prints compact daftar rows under a repeated header, ending with the signatures and the last rows together', () => {
      const daftar = pages.slice(pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA')));
      const min = paper === 'A4' ? 15 : 18;
      daftar.forEach((page, i) => {
        expect(flat(page)).toContain('Nama Penerima');
        expect(flat(page)).toContain('Ganjil Genap');
        if (i < daftar.length - 1) expect(rowsOn(page), `halaman daftar ${i + 1}`).toBeGreaterThanOrEqual(min);
      });
      const last = flat(daftar.at(-1)!);
      expect(rowsOn(daftar.at(-1)!)).toBeGreaterThanOrEqual(Math.min(n, 2));
      expect(last).toContain(`JUMLAH: ${n} penerima`);
      expect(last).toContain('Mengetahui,');
      expect(last).toContain('Yang Menyerahkan,');
      if (n === 200) expect(pdfInfo(pdf).pages).toBeLessThanOrEqual(14);
    });
  });

  // The count that put the signatures at the foot of a page on the old layout: "Mengetahui," and the headings
  // stayed under the JUMLAH row while the names and NIPs started the next page alone (A4 34–39, F4 40–45).
  const boundary = paper === 'A4' ? 37 : 43;
  it.each(['bast', 'tandaTerima'] as const)(`keeps the Mengetahui block whole and with the last rows at a page boundary (${boundary} recipients, %s)`, async (kind) => {
    const h = await sembako(o, boundary);
    const pdf = await printed(o, h, kind);
    const pages = pdfPages(pdf);
    const at = pages.findLastIndex((p) => p.includes('Mengetahui,'));
    expect(at).toBe(pages.length - 1);
    const sigPage = pages[at]!;
    expect(flat(sigPage)).toContain('Yang Menyerahkan,');
    expect(sigPage).toContain('Drs. H. Ahmad Yani, M.Si');
    expect(sigPage).toContain('NIP. 19680412 199303 1 007');
    expect(sigPage).toContain('Hj. Rina Kartika, S.Sos');
    expect(sigPage).toContain('NIP. 19750312 200003 2 004');
    expect(sigPage).toContain(`JUMLAH: ${boundary} penerima`);
    // The signatures keep with two lines of the list: the last recipient's row and the JUMLAH row.
    expect(rowsOn(sigPage)).toBeGreaterThanOrEqual(1);
    expect(sigPage).toContain(`${boundary}. ........`);
    expect(flat(sigPage)).toContain('Nama Penerima');
    const nomor = (await ok<PenyerahanDetail>(o.admin, 'handovers.get', { id: h.id })).nomorBast!;
    expect(pageRuleBreaks(pdf, { judul: kind === 'bast' ? 'Berita Acara Serah Terima Bantuan' : 'Daftar Tanda Terima BAST', nomor })).toEqual([]);
  });

  it('prints the daftar tanda terima alone for 200 recipients on at most 14 pages, the BAST number on every page', async () => {
    const h = await sembako(o, 200);
    await printed(o, h); // takes the number
    const pdf = await printed(o, h, 'tandaTerima');
    const nomor = (await ok<PenyerahanDetail>(o.admin, 'handovers.get', { id: h.id })).nomorBast!;
    expect(pageRuleBreaks(pdf, { judul: 'Daftar Tanda Terima BAST', nomor })).toEqual([]);
    expect(pdfInfo(pdf).pages).toBeLessThanOrEqual(14);
    expect(flat(pdfPages(pdf)[0]!)).toContain(`Nomor BAST : ${nomor}`);
  });

  it.each([1, 2, 4])('keeps the page rules with %i witnesses: the parties sign with the closing, no page a quarter empty', async (n) => {
    for (const make of [() => kakiPalsu(o), () => sembako(o, 30)]) {
      const h = await make();
      const saksi = Array.from({ length: n }, (_, i) => ({ nama: `Saksi Nomor ${i + 1}`, nip: null, jabatan: 'TKSK Kecamatan Kota Besi' }));
      await ok(o.admin, 'handovers.update', {
        id: h.id,
        data: {
          programId: h.program.id, tanggal: h.tanggal, tempat: h.tempat, mode: h.mode,
          dasarNomor: h.dasar?.nomor ?? null, dasarTanggal: h.dasar?.tanggal ?? null, dasarTentang: h.dasar?.tentang ?? null,
          pertamaNama: h.pihakPertama.nama, pertamaNip: h.pihakPertama.nip, pertamaPangkat: h.pihakPertama.pangkat, pertamaJabatan: h.pihakPertama.jabatan,
          wakilNama: h.wakil?.nama ?? null, wakilJabatan: h.wakil?.jabatan ?? null, wakilNip: h.wakil?.nip ?? null, wakilPangkat: h.wakil?.pangkat ?? null,
          saksi,
        },
      });
      const doc = await preview(o.admin, h);
      const pdf = await htmlToPdf(doc.html, doc);
      expect(pageRuleBreaks(pdf, { judul: 'Berita Acara Serah Terima Bantuan' }), `${h.mode}, ${n} saksi`).toEqual([]);
      const sigPage = pdfPages(pdf).find((p) => p.includes('PIHAK PERTAMA') && /PIHAK KEDUA\s+PIHAK PERTAMA|PIHAK PERTAMA\s+PIHAK KEDUA|Sampit, 8 Mei 2026/.test(p));
      expect(flat(sigPage!)).toContain('Demikian Berita Acara Serah Terima ini dibuat');
      expect(flat(pdfText(pdf))).toContain(`Saksi ${n}`);
    }
  });

  it('prints the single prosthetic-leg BAST on one sheet with the condition of the goods', async () => {
    const h = await kakiPalsu(o);
    const doc = await preview(o.admin, h);
    const pdf = await htmlToPdf(doc.html, doc);
    expect(pdfInfo(pdf).pages).toBe(1);
    const text = flat(pdfText(pdf));
    expect(text).toContain('berupa 1 (Satu) unit Kaki Palsu (Prostesis Bawah Lutut) senilai Rp 3.250.000,- (Tiga Juta Dua Ratus Lima Puluh Ribu Rupiah)');
    expect(text).toContain('dalam keadaan baik dan cukup');
    expect(text).not.toContain('Meterai');
    expect(text).toMatch(/Nama : Hj\. Rina Kartika, S\.Sos NIP : 19750312 200003 2 004 Pangkat\/Gol\. : Pembina \(IV\/a\) Jabatan : Kepala Bidang Rehabilitasi Sosial/);
  });

  it('writes the KUBE grant as money received in cash, with a meterai place for the recipient and the law cited', async () => {
    const h = await kube(o);
    const doc = await preview(o.admin, h);
    const pdf = await htmlToPdf(doc.html, doc);
    const pages = pdfPages(pdf);
    const bast = flat(pages.slice(0, pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'))).join('\n'));
    expect(bast).toContain('berupa uang tunai sejumlah Rp 20.000.000,- (Dua Puluh Juta Rupiah)');
    expect(bast).toContain('telah menerima uang tersebut');
    expect(bast).not.toContain('keadaan baik');
    expect(bast).toContain('Meterai Rp 10.000');
    expect(bast).toContain('UU No. 10 Tahun 2020 tentang Bea Meterai');
    expect(bast).toMatch(/Nama : Supriadi Jabatan : Ketua KUBE Maju Bersama Dalam hal ini bertindak untuk dan atas nama Kelompok KUBE Maju Bersama yang beranggotakan 5 \(Lima\) orang/);
    expect(bast).toContain('Mengetahui');
    expect(pageRuleBreaks(pdf, { judul: 'Berita Acara Serah Terima Bantuan' })).toEqual([]);
    // The list gives each member's amount in Rupiah, not a quantity of "paket".
    expect(flat(pages.at(-1)!)).toMatch(/Jumlah.*\(Rp\)/);
    expect(flat(pages.at(-1)!).match(/ 4\.000\.000 /g)).toHaveLength(5);
    expect(flat(pages.at(-1)!)).toContain('JUMLAH: 5 penerima Rp 20.000.000');
  });

  it('says money as money on the daftar tanda terima too, each recipient of more than Rp 5.000.000 signing over a meterai', async () => {
    const h = await kube(o);
    const daftarOf = async (kind: 'bast' | 'tandaTerima') => {
      const doc = await preview(o.admin, h, kind);
      const pdf = await htmlToPdf(doc.html, doc);
      const pages = pdfPages(pdf);
      return { pdf, text: flat(pages.slice(pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'))).join('\n')) };
    };
    // Rp 4.000.000 each: cash said in words, the total in words, no meterai in the list.
    const { text } = await daftarOf('tandaTerima');
    expect(text).toContain('Bantuan : uang tunai');
    expect(text).toContain('Jumlah : Rp 20.000.000,- (Dua Puluh Juta Rupiah) untuk 5 penerima');
    expect(text).not.toContain('Meterai');
    // Rp 6.000.000 each: every member's signing cell holds a meterai place, and the law is cited under the list.
    await ok(o.admin, 'handovers.setItems', { penyerahanId: h.id, penerimaId: null, items: [{ nama: 'Bantuan Modal Usaha KUBE', jumlah: 1, satuan: 'paket', nilaiSatuan: 6_000_000 }] });
    for (const kind of ['tandaTerima', 'bast'] as const) {
      const daftar = await daftarOf(kind);
      expect(daftar.text).toContain('Jumlah : Rp 30.000.000,- (Tiga Puluh Juta Rupiah) untuk 5 penerima');
      const rows = daftar.text.slice(0, daftar.text.indexOf('JUMLAH:'));
      expect(rows.match(/Meterai/g), kind).toHaveLength(5);
      expect(rows.match(/Rp 10\.000/g), kind).toHaveLength(5);
      expect(daftar.text).toContain('UU No. 10 Tahun 2020 tentang Bea Meterai');
      expect(pageRuleBreaks(daftar.pdf, { judul: kind === 'bast' ? 'Berita Acara Serah Terima Bantuan' : 'Daftar Tanda Terima BAST' })).toEqual([]);
    }
  });

  it('asks for a meterai only above Rp 5.000.000, as UU 10/2020 says ("lebih dari"): a receipt of exactly Rp 5.000.000 bears none', async () => {
    const h = await kube(o);
    const pagesOf = async (kind: 'bast' | 'tandaTerima') => {
      const doc = await preview(o.admin, h, kind);
      return pdfPages(await htmlToPdf(doc.html, doc));
    };
    const daftarRows = (pages: string[]) => {
      const text = flat(pages.slice(pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'))).join('\n'));
      return text.slice(0, text.indexOf('JUMLAH:'));
    };
    const bastText = (pages: string[]) => flat(pages.slice(0, pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'))).join('\n'));
    const setAmount = (nilaiSatuan: number) =>
      ok(o.admin, 'handovers.setItems', { penyerahanId: h.id, penerimaId: null, items: [{ nama: 'Bantuan Modal Usaha KUBE', jumlah: 1, satuan: 'paket', nilaiSatuan }] });

    // Rp 1.000.000 per member, Rp 5.000.000 for the group: neither the BAST nor any receipt is above the threshold.
    await setAmount(1_000_000);
    let bast = await pagesOf('bast');
    expect(bastText(bast)).toContain('sejumlah Rp 5.000.000,- (Lima Juta Rupiah)');
    expect(flat(bast.join('\n'))).not.toContain('Meterai');
    // Rp 5.000.000 per member: the group's BAST (Rp 25.000.000) has the meterai, each member's receipt has none.
    await setAmount(5_000_000);
    bast = await pagesOf('bast');
    expect(bastText(bast)).toContain('Meterai Rp 10.000');
    expect(bastText(bast)).toContain('Tanda terima uang dengan nilai lebih dari Rp 5.000.000 dibubuhi meterai Rp 10.000 sesuai UU No. 10 Tahun 2020 tentang Bea Meterai');
    expect(daftarRows(bast)).not.toContain('Meterai');
    expect(daftarRows(await pagesOf('tandaTerima'))).not.toContain('Meterai');
    // Rp 5.000.100 per member: every receipt is above it.
    await setAmount(5_000_100);
    const daftar = await pagesOf('tandaTerima');
    expect(daftarRows(daftar).match(/Meterai/g)).toHaveLength(5);
    expect(flat(daftar.join('\n'))).toContain('Tanda terima uang dengan nilai lebih dari Rp 5.000.000 dibubuhi meterai Rp 10.000');
  });

  it('writes a transfer with its account, and leaves the meterai out when the office raises the threshold above the amount', async () => {
    const h = await kube(o, { caraBayar: 'transfer', rekening: 'Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama' });
    const setting = await ok<{ meteraiBatas: number }>(o.admin, 'programs.documentSettings', {});
    expect(setting.meteraiBatas).toBe(5_000_000);
    const text = async () => {
      const doc = await preview(o.admin, h);
      const pages = pdfPages(await htmlToPdf(doc.html, doc));
      return flat(pages.slice(0, pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'))).join('\n'));
    };
    const before = await text();
    expect(before).toContain('berupa uang yang ditransfer ke rekening Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama sejumlah Rp 20.000.000,-');
    expect(before).toContain('Meterai Rp 10.000');
    const daftar = await preview(o.admin, h, 'tandaTerima');
    expect(flat(pdfText(await htmlToPdf(daftar.html, daftar)))).toContain('Bantuan : uang yang ditransfer ke rekening Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama');
    await ok(o.admin, 'programs.setDocumentSettings', { meteraiBatas: 25_000_000 });
    try {
      expect(await text()).not.toContain('Meterai');
    } finally {
      await ok(o.admin, 'programs.setDocumentSettings', { meteraiBatas: 5_000_000 });
    }
  });
});
