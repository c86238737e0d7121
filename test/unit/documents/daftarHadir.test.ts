import { afterAll, describe, expect, it } from 'vitest';
import { renderDaftarHadir, type DaftarHadirData } from '../../../electron/core/documents/daftarHadir';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { wordBoxes } from '../../integration/documents/pageRules';
import { JUDUL_RAPAT, KABID, KOTIM, PESERTA } from './fixtures';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');

const DATA: DaftarHadirData = {
  office: KOTIM,
  paper: 'F4',
  judul: JUDUL_RAPAT,
  tanggal: '2024-05-03',
  waktu: '09.00 WIB s.d. selesai',
  tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
  peserta: PESERTA,
  barisKosong: 10,
  mengetahui: KABID,
};

describe('renderDaftarHadir', () => {
  it('prints the meeting, the participants, blank rows and the chair’s signature on F4', async () => {
    const doc = renderDaftarHadir(DATA);
    // Landscape unless asked otherwise (formats.md 4.4), for signing cells wide enough (issue 14).
    expect(doc).toMatchObject({ paper: 'F4', landscape: true });
    const pdf = await htmlToPdf(doc.html, doc);
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(935);
    expect(Math.round(info.height)).toBe(609);
    const text = flat(pdfText(pdf));
    expect(text).toContain(`DAFTAR HADIR ${JUDUL_RAPAT}`);
    expect(text).toContain('Hari/Tanggal : Jumat, 3 Mei 2024 Waktu : 09.00 WIB s.d. selesai Tempat : Aula Dinas Sosial');
    expect(text).toMatch(/Tanda Tangan No Nama Desa\/Instansi Jabatan No\. HP Ganjil Genap/);
    expect(text).toMatch(/1 Hendra Saputra Desa Pundu Operator SIKS-NG Desa 0812-5123-4401/);
    expect(text).toContain('Bappelitbangda');
    // 5 participants + 10 blank rows are numbered up to 15, no further.
    expect(text).toMatch(/15\. \.{3}/);
    expect(text).not.toMatch(/16\. \.{3}/);
    expect(text).toMatch(/Sampit, 3 Mei 2024 Mengetahui, Kepala Bidang Perlindungan dan Jaminan Sosial Rusdiansyah, S\.Sos\., M\.AP Penata Tk\. I \(III\/d\) NIP\. 19780214 200501 1 003/);
    // The signature never stands alone on a page.
    const pages = pdfPages(pdf);
    const sigPage = pages.find((p) => p.includes('Mengetahui'))!;
    expect(sigPage).toMatch(/\d+\. \.{3}/);
  });

  it('zig-zags the signature marks and can print landscape', async () => {
    const doc = renderDaftarHadir({ ...DATA, paper: 'A4', landscape: true, barisKosong: 0 });
    expect(doc.landscape).toBe(true);
    expect(doc.html).toContain('size: 297mm 210mm');
    const lines = pdfText(await htmlToPdf(doc.html, doc)).split('\n');
    const at = (re: RegExp) => lines.find((l) => re.test(l))!.search(re);
    expect(at(/\b2\. \.{3}/)).toBeGreaterThan(at(/\b1\. \.{3}/) + 5);
    expect(at(/\b3\. \.{3}/)).toBeLessThan(at(/\b4\. \.{3}/) - 5);
  });

  it('gives every signing cell at least 25 mm, landscape and portrait, A4 and F4', async () => {
    for (const paper of ['A4', 'F4'] as const) {
      for (const landscape of [true, false]) {
        const doc = renderDaftarHadir({ ...DATA, paper, landscape });
        const words = wordBoxes(await htmlToPdf(doc.html, doc));
        const ganjil = words.find((w) => w.text === 'Ganjil')!;
        const genap = words.find((w) => w.text === 'Genap')!;
        // The two header words are centred in their cells: the distance of the centres is one cell's width.
        const mm = ((genap.x0 + genap.x1) / 2 - (ganjil.x0 + ganjil.x1) / 2) * (25.4 / 72);
        expect(mm, `${paper} ${landscape ? 'landscape' : 'portrait'}`).toBeGreaterThanOrEqual(25);
      }
    }
  });

  it('escapes participant data', () => {
    const doc = renderDaftarHadir({ ...DATA, peserta: [{ nama: '<script>alert(1)</script>', desaInstansi: '"><img src=x onerror=1>', jabatan: 'x' }] });
    expect(doc.html).not.toContain('<script');
    expect(doc.html).not.toContain('<img src=x');
  });
});
