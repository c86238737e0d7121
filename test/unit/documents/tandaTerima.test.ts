import { afterAll, describe, expect, it } from 'vitest';
import { renderDaftarTandaTerima, type TandaTerimaData } from '../../../electron/core/documents/tandaTerima';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { pageRuleBreaks } from '../../integration/documents/pageRules';
import { BAST_KAKI_PALSU, generatePenerima, KOTIM } from './fixtures';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');

const SEMBAKO: TandaTerimaData = {
  office: KOTIM,
  paper: 'A4',
  namaProgram: 'Bantuan Sembako Lanjut Usia Terlantar Tahun 2024',
  tanggal: '2024-05-03',
  tempat: 'Aula Kecamatan Baamang, Sampit',
  nomor: '460/131/BAST-Dinsos/V/2024',
  penerima: generatePenerima(200),
  items: [
    { nama: 'Paket Sembako', jumlah: 1, satuan: 'Paket', nilai: 300_000 },
    { nama: 'Beras', jumlah: 10, satuan: 'Kg', nilai: 140_000 },
  ],
  pihakPertama: { nama: 'Rusdiansyah, S.Sos., M.AP', nip: '197802142005011003', jabatan: 'Kepala Bidang Rehabilitasi Sosial' },
};

/** The <td> contents of each body row of the list (tags stripped). */
function bodyRows(html: string): string[][] {
  const tbody = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...tbody.matchAll(/<tr class="ttd-row[^"]*">(.*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  );
}

describe('renderDaftarTandaTerima', () => {
  const doc = renderDaftarTandaTerima(SEMBAKO);
  let pdf: Buffer;
  let pages: string[];

  it('is a portrait A4 list', async () => {
    expect(doc).toMatchObject({ paper: 'A4', landscape: false });
    expect(doc.html).toContain('size: 210mm 297mm');
    // How long a daftar tanda terima takes to print: `npm run bench bast`.
    pdf = await htmlToPdf(doc.html, doc);
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(595);
    expect(Math.round(info.height)).toBe(842);
    pages = pdfPages(pdf);
    expect(pages.length).toBe(info.pages);
  });

  it('spans several pages with the column header repeated on each', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pages) {
      // pdftotext prints the two-row header as: spanning title, the column names, then Ganjil | Genap.
      for (const head of ['Tanda Tangan / Cap Jempol', 'Nama Penerima', 'NIK', 'No. KK', 'Alamat', 'Jumlah', 'Ganjil Genap']) expect(flat(page)).toContain(head);
    }
    expect(flat(pages[0]!)).toContain('DAFTAR TANDA TERIMA Bantuan Sembako Lanjut Usia Terlantar Tahun 2024');
    expect(flat(pages[0]!)).toContain('Nomor BAST : 460/131/BAST-Dinsos/V/2024');
    expect(flat(pages[0]!)).toContain('Hari/Tanggal : Jumat, 3 Mei 2024');
  });

  it('lists every recipient with the NIK in one piece', () => {
    const text = pdfText(pdf);
    for (const p of SEMBAKO.penerima) expect(text).toContain(p.nik);
    expect(text).toContain('Siti Rahmawati');
  });

  it('puts odd rows’ signature in the Ganjil cell and even rows’ in the Genap cell', () => {
    const rows = bodyRows(doc.html);
    expect(rows).toHaveLength(200);
    const ttd = rows.map((cells) => cells.slice(-2));
    expect(ttd[0]).toEqual(['1. ................', '']);
    expect(ttd[1]).toEqual(['', '2. ................']);
    expect(ttd[198]![0]).toMatch(/^199\. /);
    expect(ttd[199]![1]).toMatch(/^200\. /);
    // …and on paper the even mark sits to the right of the odd one.
    const lines = pdfText(pdf).split('\n');
    const col = (re: RegExp) => {
      const line = lines.find((l) => re.test(l));
      expect(line, String(re)).toBeDefined();
      return line!.search(re);
    };
    expect(col(/\b2\. \.{3}/)).toBeGreaterThan(col(/\b1\. \.{3}/) + 5);
    expect(col(/\b4\. \.{3}/)).toBeGreaterThan(col(/\b3\. \.{3}/) + 5);
  });

  it('ends with the totals row and the official’s signature on the same page as the last rows', () => {
    const last = flat(pages[pages.length - 1]!);
    expect(last).toContain('JUMLAH: 200 penerima');
    expect(last).toContain('200 Paket, 2.000 Kg');
    expect(last).toContain('Rp 88.000.000');
    expect(last).toMatch(/200\. \.{3}/);
    expect(last).toMatch(/Mengetahui, Sampit, 3 Mei 2024/);
    expect(last).toMatch(/Yang Menyerahkan, .*Kepala Bidang Rehabilitasi Sosial/);
    expect(last).toMatch(/Drs\. H\. Muhammad Irfansyah, M\.Si Rusdiansyah, S\.Sos\., M\.AP/);
    expect(last).toContain('NIP. 19780214 200501 1 003');
  });

  it('accepts the BAST data as it is, with per-recipient items', async () => {
    const bast = { ...BAST_KAKI_PALSU, penerima: generatePenerima(3) };
    bast.penerima[1] = { ...bast.penerima[1]!, items: [{ nama: 'Kursi Roda', jumlah: 1, satuan: 'Unit', nilai: 1_750_000 }] };
    const out = renderDaftarTandaTerima(bast);
    const text = flat(pdfText(await htmlToPdf(out.html, out)));
    expect(bodyRows(out.html)[1]![4]).toBe('Kursi Roda 1 Unit');
    expect(text).toContain('JUMLAH: 3 penerima');
    expect(text).toContain('Rp 8.250.000');
    expect(text).toContain('Nomor BAST : 460/125/BAST-Dinsos/V/2024');
  });

  it.each([12, 34, 55])('leaves no page but the last more than a quarter empty at %i recipients on A4: the signatures take only the last row and JUMLAH along (issue 14)', async (n) => {
    // These counts put the signatures at a page foot; taking the last two rows with them left 25-28 % of the page empty.
    const out = renderDaftarTandaTerima({ ...SEMBAKO, penerima: generatePenerima(n), items: [SEMBAKO.items![1]!] });
    const pdf = await htmlToPdf(out.html, out);
    expect(pageRuleBreaks(pdf, { judul: 'Daftar Tanda Terima BAST', nomor: SEMBAKO.nomor! })).toEqual([]);
    const last = flat(pdfPages(pdf).at(-1)!);
    expect(last).toContain(`${n}. ....`);
    expect(last).toContain(`JUMLAH: ${n} penerima`);
    expect(last).toMatch(/Mengetahui,.*Yang Menyerahkan,/);
    expect(last).toContain('NIP. 19780214 200501 1 003');
  });

  it('prints hostile names as text', () => {
    const out = renderDaftarTandaTerima({
      ...SEMBAKO,
      penerima: [{ ...SEMBAKO.penerima[0]!, nama: '<script>alert(1)</script>', alamat: '"><img src=x onerror=alert(1)>' }],
    });
    expect(out.html).not.toContain('<script');
    expect(out.html).not.toContain('<img src=x');
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
