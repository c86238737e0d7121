import { afterAll, describe, expect, it } from 'vitest';
import { renderUndangan, type UndanganData } from '../../../electron/core/documents/undangan';
import { closeBrowser, htmlToPdf, pdfInfo, pdfPages, pdfText } from '../../helpers/pdf';
import { KOTIM, PESERTA } from './fixtures';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');

const DATA: UndanganData = {
  office: KOTIM,
  paper: 'F4',
  nomor: '005/212/Dinsos-Linjamsos/IV/2024',
  tanggal: '2024-04-26',
  kepada: ['Operator DTKS Desa/Kelurahan', 'se-Kabupaten Kotawaringin Timur'],
  acara: {
    tanggal: '2024-05-03',
    waktu: '09.00 WIB s.d. selesai',
    tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
    agenda: ['Evaluasi usulan DTKS Triwulan I', 'Pemutakhiran data lansia dan penyandang disabilitas'],
  },
  catatan: ['Membawa laptop dan data usulan desa/kelurahan'],
  tembusan: ['Bupati Kotawaringin Timur (sebagai laporan)'],
  daftarUndangan: PESERTA,
};

describe('renderUndangan', () => {
  it('prints the letter with its header block, the event and the Kepala Dinas’s signature, then the invitee list', async () => {
    const doc = renderUndangan(DATA);
    expect(doc).toMatchObject({ paper: 'F4', landscape: false });
    const pdf = await htmlToPdf(doc.html, doc);
    const info = pdfInfo(pdf);
    expect(info.pages).toBe(2);
    expect(Math.round(info.height)).toBe(935);
    const [letter, lampiran] = pdfPages(pdf).map(flat);
    expect(letter).toContain('Sampit, 26 April 2024');
    expect(letter).toContain('Nomor : 005/212/Dinsos-Linjamsos/IV/2024 Sifat : Penting Lampiran : 1 (Satu) lembar Perihal : Undangan');
    expect(letter).toContain('Yth. Operator DTKS Desa/Kelurahan se-Kabupaten Kotawaringin Timur di - Tempat');
    expect(letter).toContain('Hari/Tanggal : Jumat, 3 Mei 2024 Waktu : 09.00 WIB s.d. selesai Tempat : Aula Dinas Sosial');
    expect(letter).toContain('Acara : 1. Evaluasi usulan DTKS Triwulan I 2. Pemutakhiran data lansia');
    expect(letter).toContain('Catatan : 1. Membawa laptop');
    expect(letter).toMatch(/Kepala Dinas Sosial Kabupaten Kotawaringin Timur, Drs\. H\. Muhammad Irfansyah, M\.Si Pembina Utama Muda \(IV\/c\) NIP\. 19660503 199102 1 001/);
    expect(letter).toContain('Tembusan: 1. Bupati Kotawaringin Timur (sebagai laporan)');
    expect(letter).not.toContain('DAFTAR UNDANGAN');
    expect(lampiran).toContain('Lampiran Surat Kepala Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(lampiran).toContain('Nomor : 005/212/Dinsos-Linjamsos/IV/2024');
    expect(lampiran).toContain('DAFTAR UNDANGAN');
    expect(lampiran).toMatch(/No Nama Desa\/Instansi Jabatan/);
    expect(lampiran).toContain('1 Hendra Saputra Desa Pundu Operator SIKS-NG Desa');
  });

  it('has no attachment page and "Lampiran : -" without an invitee list', async () => {
    const doc = renderUndangan({ ...DATA, paper: 'A4', daftarUndangan: [] });
    const pdf = await htmlToPdf(doc.html, doc);
    expect(pdfInfo(pdf).pages).toBe(1);
    expect(flat(pdfText(pdf))).toContain('Lampiran : -');
  });

  it('escapes the addressee and agenda', () => {
    const html = renderUndangan({ ...DATA, kepada: ['<script>alert(1)</script>'], acara: { ...DATA.acara, agenda: ['"><img src=x onerror=1>'] } }).html;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
  });

  it('never carries a single invitee row alone onto the last page of the list (issue 14)', async () => {
    for (const paper of ['A4', 'F4'] as const) {
      for (let n = 18; n <= 26; n++) {
        const daftarUndangan = Array.from({ length: n }, (_, i) => PESERTA[i % PESERTA.length]!);
        const doc = renderUndangan({ ...DATA, paper, daftarUndangan });
        const pages = pdfPages(await htmlToPdf(doc.html, doc));
        const rows = pages.at(-1)!.split('\n').filter((l) => /^\s*\d+\s{2,}\S/.test(l)).length;
        expect(rows, `${paper}, ${n} undangan`).not.toBe(1);
      }
    }
  });
});
