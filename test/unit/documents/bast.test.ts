import { afterAll, describe, expect, it } from 'vitest';
import { renderBast } from '../../../electron/core/documents/bast';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { BAST_KAKI_PALSU, KOTIM, PENERIMA } from './fixtures';

afterAll(closeBrowser);

/** pdftotext keeps line breaks of justified paragraphs; compare sentences on collapsed whitespace. */
const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/\/ /g, '/');

async function pdfOf(doc: ReturnType<typeof renderBast>) {
  return htmlToPdf(doc.html, { paper: doc.paper, landscape: doc.landscape });
}

describe('renderBast — one recipient (kaki palsu)', () => {
  const doc = renderBast(BAST_KAKI_PALSU);
  let pdf: Buffer;

  it('is a portrait A4 document with the BAST number in its title', async () => {
    expect(doc).toMatchObject({ paper: 'A4', landscape: false, title: 'Berita Acara Serah Terima 460/125/BAST-Dinsos/V/2024' });
    expect(doc.html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.html).toContain('size: 210mm 297mm');
    expect(doc.html).not.toMatch(/<script|https?:\/\/|src="(?!data:)/i);
    pdf = await pdfOf(doc);
    const info = pdfInfo(pdf);
    expect(Math.round(info.width)).toBe(595);
    expect(Math.round(info.height)).toBe(842);
  });

  it('prints what a Kepala Dinas checks before signing', () => {
    const text = flat(pdfText(pdf));
    expect(text).toContain('PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR');
    expect(text).toContain('DINAS SOSIAL');
    expect(text).toContain('BERITA ACARA SERAH TERIMA BANTUAN');
    expect(text).toContain('NOMOR : 460/125/BAST-Dinsos/V/2024');
    expect(text).toContain(
      'Pada hari ini Jumat tanggal Tiga bulan Mei tahun Dua Ribu Dua Puluh Empat (03-05-2024), bertempat di Kantor Dinas Sosial Kabupaten Kotawaringin Timur, Sampit, berdasarkan Keputusan Kepala Dinas Sosial Kabupaten Kotawaringin Timur Nomor 460/87/Dinsos/IV/2024 tanggal 29 April 2024 tentang Penetapan Penerima Bantuan',
    );
    expect(text).toContain('kami yang bertanda tangan di bawah ini:');
    expect(text).toMatch(/Nama : Rusdiansyah, S\.Sos\., M\.AP NIP : 19780214 200501 1 003 Pangkat\/Gol\. : Penata Tk\. I \(III\/d\) Jabatan : Kepala Bidang Rehabilitasi Sosial Selanjutnya disebut PIHAK PERTAMA\./);
    expect(text).toMatch(/Nama : Siti Rahmawati NIK : 6202014506780003 Alamat : Jl\. Tjilik Riwut Gg\. Melati No\. 12, RT 004\/RW 002, Desa\/Kel\. Baamang Hulu, Kec\. Baamang Selanjutnya disebut PIHAK KEDUA\./);
    expect(text).toContain('berupa 1 (Satu) Unit Kaki Palsu (Prostesis Bawah Lutut) senilai Rp 3.250.000,- (Tiga Juta Dua Ratus Lima Puluh Ribu Rupiah)');
    expect(text).toContain('PIHAK KEDUA telah menerima barang tersebut dari PIHAK PERTAMA dalam keadaan baik dan cukup');
    expect(text).toContain('Demikian Berita Acara Serah Terima ini dibuat dalam rangkap 2 (Dua)');
    expect(text).toContain('untuk dipergunakan sebagaimana mestinya.');
    expect(text).toContain('Sampit, 3 Mei 2024');
    expect(text).toContain('NIP. 19780214 200501 1 003');
    expect(text).toMatch(/Mengetahui, Kepala Dinas Sosial Kabupaten Kotawaringin Timur Drs\. H\. Muhammad Irfansyah, M\.Si Pembina Utama Muda \(IV\/c\) NIP\. 19660503 199102 1 001/);
  });

  it('puts PIHAK KEDUA on the left and PIHAK PERTAMA on the right of one signature line', () => {
    const line = pdfText(pdf).split('\n').find((l) => /PIHAK KEDUA\s{5,}PIHAK PERTAMA/.test(l));
    expect(line).toBeDefined();
    const names = pdfText(pdf).split('\n').find((l) => l.includes('Siti Rahmawati') && l.includes('Rusdiansyah'));
    expect(names!.indexOf('Siti Rahmawati')).toBeLessThan(names!.indexOf('Rusdiansyah'));
  });

  it('keeps the closing formula on the same page as the signatures', () => {
    const page = pdfPages(pdf).find((p) => p.includes('PIHAK PERTAMA') && p.includes('Mengetahui'));
    expect(page).toBeDefined();
    expect(flat(page!)).toContain('Demikian Berita Acara Serah Terima ini dibuat');
  });

  it('says the one item in the sentence and fits on one sheet: no lampiran page repeating the signatures (issue 14)', async () => {
    expect(pdfPages(pdf)).toHaveLength(1);
    expect(pdfText(pdf)).not.toContain('Lampiran');
    const f4 = renderBast({ ...BAST_KAKI_PALSU, paper: 'F4' });
    expect(f4.html).toContain('size: 215mm 330mm');
    const info = pdfInfo(await pdfOf(f4));
    expect(Math.round(info.width)).toBe(609);
    expect(Math.round(info.height)).toBe(935);
    expect(info.pages).toBe(1);
  });
});

describe('renderBast — several recipients', () => {
  it('refers to the Daftar Tanda Terima and totals the goods of all recipients', async () => {
    const doc = renderBast({
      ...BAST_KAKI_PALSU,
      penerima: PENERIMA,
      rangkap: 3,
      saksi: [{ nama: 'Hj. Norhayati', jabatan: 'Kepala Desa Baamang Hulu' }],
      wakilPenerima: { nama: 'Hj. Norhayati', jabatan: 'Kepala Desa Baamang Hulu' },
    });
    const pdf = await pdfOf(doc);
    const text = flat(pdfText(pdf));
    expect(text).toContain('penerima bantuan sebanyak 3 (Tiga) orang sebagaimana tercantum dalam Daftar Tanda Terima terlampir, selanjutnya disebut PIHAK KEDUA');
    expect(text).toContain('berupa 3 (Tiga) Unit Kaki Palsu (Prostesis Bawah Lutut) senilai Rp 9.750.000,- (Sembilan Juta Tujuh Ratus Lima Puluh Ribu Rupiah)');
    expect(text).toContain('dibuat dalam rangkap 3 (Tiga)');
    expect(text).toContain('Saksi 1');
    expect(text).toContain('dalam keadaan baik dan cukup');
    // The individual recipients are listed in the daftar tanda terima, not in the BAST.
    expect(text).not.toContain('6202031208850001');
  });

  it('leaves out the Mengetahui block when asked, and uses the given official otherwise', () => {
    expect(renderBast({ ...BAST_KAKI_PALSU, mengetahui: null }).html).not.toContain('Mengetahui');
    const other = renderBast({ ...BAST_KAKI_PALSU, mengetahui: { nama: 'Ir. Sekretaris Dinas', nip: '197001011995031001', jabatan: 'Sekretaris Dinas Sosial' } }).html;
    expect(other).toContain('Sekretaris Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(other).not.toContain(KOTIM.kepalaDinas.nama);
  });
});

describe('renderBast — user text is printed as text', () => {
  it('escapes names, places and numbers', async () => {
    const evil = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(2)>';
    const doc = renderBast({
      ...BAST_KAKI_PALSU,
      nomor: `460/${img}`,
      tempat: img,
      office: { ...KOTIM, alamat: evil, logoDataUrl: 'https://example.org/logo.png' },
      penerima: [{ ...PENERIMA[0]!, nama: evil }],
      items: [{ nama: img, jumlah: 1, satuan: 'Unit', nilai: 3_250_000 }],
    });
    expect(doc.html).not.toContain('<script');
    expect(doc.html).not.toMatch(/<img src=x/);
    expect(doc.html).not.toContain('example.org');
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const text = pdfText(await pdfOf(doc));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(2)>');
  });
});
