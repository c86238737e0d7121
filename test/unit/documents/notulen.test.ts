import { afterAll, describe, expect, it } from 'vitest';
import { renderNotulen, type NotulenData } from '../../../electron/core/documents/notulen';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { JUDUL_RAPAT, KABID, KOTIM, NOTULIS } from './fixtures';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');

const DATA: NotulenData = {
  office: KOTIM,
  paper: 'A4',
  judul: JUDUL_RAPAT,
  tanggal: '2024-05-03',
  waktu: '09.00 – 12.15 WIB',
  tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
  pimpinan: KABID,
  notulis: NOTULIS,
  peserta: { hadir: 38, izin: 3, tidakHadir: 4 },
  desaTidakHadir: ['Tumbang Kalang', 'Tumbang Sepayang', 'Kuluk Telawang'],
  pembukaan: 'Rapat dibuka pukul 09.10 WIB oleh Kepala Bidang Perlindungan dan Jaminan Sosial.',
  agenda: [
    {
      judul: 'Evaluasi usulan DTKS Triwulan I',
      pembahasan: ['Dari 1.245 usulan baru, 312 ditolak oleh SIKS-NG karena NIK tidak padan Dukcapil.'],
      keputusan: ['Operator desa memperbaiki NIK yang tidak padan paling lambat 31 Mei 2024.', 'Dinas Sosial memfasilitasi layanan jemput bola bersama Disdukcapil.'],
    },
    {
      judul: 'Pemutakhiran data lansia dan disabilitas',
      pembahasan: ['Pendataan calon penerima alat bantu (kaki palsu, kursi roda) oleh TKSK bersama operator desa.'],
      keputusan: [],
    },
  ],
  tindakLanjut: [
    { uraian: 'Perbaikan NIK tidak padan pada usulan Triwulan I', penanggungJawab: 'Operator DTKS Desa/Kelurahan', batasWaktu: '2024-05-31', status: 'Proses' },
    { uraian: 'Rekap calon penerima alat bantu disabilitas', penanggungJawab: 'TKSK Kecamatan', batasWaktu: null, status: 'Belum' },
  ],
};

describe('renderNotulen', () => {
  it('prints metadata, agenda with decisions, follow-ups and both signatures', async () => {
    const doc = renderNotulen(DATA);
    expect(doc).toMatchObject({ paper: 'A4', landscape: false });
    const pdf = await htmlToPdf(doc.html, doc);
    expect(Math.round(pdfInfo(pdf).height)).toBe(842);
    const text = flat(pdfText(pdf));
    expect(text).toContain(`NOTULEN RAPAT ${JUDUL_RAPAT}`);
    expect(text).toContain('Hari/Tanggal : Jumat, 3 Mei 2024');
    expect(text).toContain('Pimpinan Rapat : Rusdiansyah, S.Sos., M.AP (Kepala Bidang Perlindungan dan Jaminan Sosial)');
    expect(text).toContain('hadir 38 orang, izin 3 orang, tidak hadir 4 orang');
    expect(text).toContain('Desa tidak terwakili : Tumbang Kalang, Tumbang Sepayang, Kuluk Telawang');
    expect(text).toContain('I. Pembukaan');
    expect(text).toContain('II. Pembahasan 1. Evaluasi usulan DTKS Triwulan I');
    expect(text).toContain('Keputusan/Kesimpulan: 1. Operator desa memperbaiki NIK');
    expect(text).toContain('2. Pemutakhiran data lansia dan disabilitas');
    expect(text).toContain('III. Tindak Lanjut');
    expect(text).toMatch(/No Tindak Lanjut Penanggung Jawab Batas Waktu Status/);
    expect(text).toContain('31 Mei 2024');
    expect(text).toMatch(/Notulis, .*Pimpinan Rapat,/);
    expect(text).toContain('NIP. 19920517 201903 2 011');
    expect(text).toContain('NIP. 19780214 200501 1 003');
    const sigPage = pdfPages(pdf).find((p) => p.includes('Notulis,'))!;
    expect(sigPage).toContain('TKSK Kecamatan');
  });

  it('numbers sections without an opening and notes an empty follow-up list', () => {
    const html = renderNotulen({ ...DATA, pembukaan: null, tindakLanjut: [] }).html;
    expect(html).toContain('I. Pembahasan');
    expect(html).toContain('II. Tindak Lanjut');
    expect(html).toContain('Tidak ada tindak lanjut.');
  });

  it('escapes the minutes', () => {
    const html = renderNotulen({
      ...DATA,
      agenda: [{ judul: '<script>x</script>', pembahasan: ['a\n"><img src=x onerror=1>'], keputusan: ['<b>'] }],
    }).html;
    expect(html).not.toContain('<script>x');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('a<br>&quot;&gt;&lt;img');
  });

  it('never leaves an agenda heading or "Keputusan" alone at the foot of a page, and carries the header band (issue 14)', async () => {
    // Agenda items of growing length put a heading at every height of the page somewhere in the run.
    const kalimat = 'Peserta membahas pemutakhiran data keluarga penerima manfaat di desa dan kelurahan masing-masing secara rinci. ';
    const agenda = Array.from({ length: 14 }, (_, i) => ({
      judul: `Pokok bahasan nomor ${i + 1}`,
      pembahasan: [kalimat.repeat(1 + (i % 4)), kalimat.repeat(1 + ((i * 3) % 5))],
      keputusan: i % 2 === 0 ? [`Keputusan pokok bahasan ${i + 1} dilaksanakan oleh operator desa.`] : [],
    }));
    for (const paper of ['A4', 'F4'] as const) {
      const doc = renderNotulen({ ...DATA, paper, nomor: '005/77/NOT-Dinsos/V/2024', agenda });
      const pages = pdfPages(await htmlToPdf(doc.html, doc));
      expect(pages.length).toBeGreaterThan(2);
      pages.forEach((page, i) => {
        const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
        const last = lines.at(-1) ?? '';
        expect(last, `${paper} halaman ${i + 1}`).not.toMatch(/^\d+\. Pokok bahasan nomor \d+$|^Keputusan\/Kesimpulan:$|^I+\. (Pembukaan|Pembahasan|Tindak Lanjut)$/);
        if (i > 0) expect(flat(lines.slice(0, 2).join(' ')), `${paper} halaman ${i + 1}`).toMatch(new RegExp(`Notulen Rapat · Nomor 005/77/NOT-Dinsos/V/2024 Halaman ${i + 1} dari ${pages.length}`));
      });
    }
  });
});
