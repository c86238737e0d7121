/**
 * Issue 14: the undangan's "Lampiran" counts what is attached — the sheets the invitee list prints on — instead
 * of a fixed "1 berkas". Read from the PDF: the number in the letter equals the pages from "DAFTAR UNDANGAN" to
 * the end, for short and long lists, long names and agencies that wrap, on A4 and F4.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { renderUndangan, type UndanganData } from '../../../electron/core/documents/undangan';
import { terbilang } from '../../../shared/domain/terbilang';
import { closeBrowser, htmlToPdf, pdfPages } from '../../helpers/pdf';
import { KOTIM, PESERTA } from '../../unit/documents/fixtures';
import { pageRuleBreaks } from './pageRules';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');

const LONG = [
  { nama: 'Dra. Hj. Siti Nurhayati Rahmawati Kusumaningrum, M.Si', desaInstansi: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana', jabatan: 'Kepala Bidang Pemenuhan Hak Anak dan Perlindungan Khusus Anak', noHp: null },
  { nama: 'Muhammad Abdurrahman Syahputra', desaInstansi: 'Desa Sungai Ubar Mandiri', jabatan: 'Operator SIKS-NG Desa', noHp: null },
];

function data(paper: 'A4' | 'F4', n: number, long: boolean): UndanganData {
  const pool = long ? [...PESERTA, ...LONG] : PESERTA;
  return {
    office: KOTIM,
    paper,
    nomor: '005/212/Dinsos-Linjamsos/IV/2024',
    tanggal: '2024-04-26',
    kepada: ['Operator DTKS Desa/Kelurahan', 'se-Kabupaten Kotawaringin Timur'],
    acara: { tanggal: '2024-05-03', waktu: '09.00 WIB s.d. selesai', tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur', agenda: ['Evaluasi usulan DTKS Triwulan I', 'Pemutakhiran data lansia'] },
    tembusan: ['Bupati Kotawaringin Timur (sebagai laporan)'],
    daftarUndangan: Array.from({ length: n }, (_, i) => pool[i % pool.length]!),
  };
}

describe.each(['A4', 'F4'] as const)('undangan Lampiran on %s', (paper) => {
  it.each([
    [1, false], [20, false], [45, false], [90, false], [160, false], [12, true], [40, true], [85, true],
  ])('%i invitees (long names: %s): Lampiran counts the sheets of the list as printed', async (n, long) => {
    const doc = renderUndangan(data(paper, n, long));
    const pdf = await htmlToPdf(doc.html, doc);
    const pages = pdfPages(pdf);
    const start = pages.findIndex((p) => p.includes('DAFTAR UNDANGAN'));
    expect(start).toBeGreaterThan(0);
    const sheets = pages.length - start;
    const letter = flat(pages.slice(0, start).join('\n'));
    const words = terbilang(sheets).replace(/(^|\s)\S/g, (c) => c.toUpperCase());
    expect(letter).toContain(`Lampiran : ${sheets} (${words}) lembar`);
    // Every invitee once, every sheet under the list's header, the last sheet never one row alone.
    const list = pages.slice(start);
    for (const p of list) expect(flat(p)).toMatch(/No Nama Desa\/Instansi Jabatan/);
    const rowsOf = (p: string) => p.split('\n').filter((l) => /^\s*\d+\s{2,}\S/.test(l)).length;
    expect(list.reduce((s, p) => s + rowsOf(p), 0)).toBe(n);
    if (n > 1) expect(rowsOf(list.at(-1)!)).toBeGreaterThan(1);
    expect(pageRuleBreaks(pdf, { judul: 'Surat Undangan', nomor: '005/212/Dinsos-Linjamsos/IV/2024' })).toEqual([]);
  });
});
