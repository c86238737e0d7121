/**
 * Issue 14: the daftar hadir keeps the page rules of the daftar tanda terima — no page but the last more than a
 * quarter empty, the chair's "Mengetahui" block with the last two rows, the header band after page 1 — read from
 * the PDF at the participant counts that put the signatures at a page foot (landscape and portrait, A4 and F4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { renderDaftarHadir, type PesertaRapat } from '../../../electron/core/documents/daftarHadir';
import { noDatabase } from '../../helpers/engines';
import { closeBrowser, htmlToPdf, pdfPages } from '../../helpers/pdf';
import { JUDUL_RAPAT, KABID, KOTIM, PESERTA } from '../../unit/documents/fixtures';
import { pageRuleBreaks } from './pageRules';

afterAll(closeBrowser);

const flat = (s: string) => s.replace(/\s+/g, ' ');
/** The zig-zag marks "17. ......" of the rows printed on a page. */
const marks = (page: string) => (page.match(/\b\d+\. \.{8}/g) ?? []).map((m) => Number(m.split('.')[0]));

const peserta = (n: number): PesertaRapat[] => Array.from({ length: n }, (_, i) => ({ ...PESERTA[i % PESERTA.length]!, nama: `${PESERTA[i % PESERTA.length]!.nama} ${i + 1}` }));

// Counts at which the old layout moved the last two rows and the signatures to a new page and left the page
// before 26-36 % empty (measured over 5-70 participants).
const CASES = [
  { paper: 'A4', landscape: true, n: [7, 19, 32] },
  { paper: 'A4', landscape: false, n: [8, 21, 34] },
  { paper: 'F4', landscape: true, n: [6, 20, 34] },
  { paper: 'F4', landscape: false, n: [10, 25, 40] },
] as const;

describe.skipIf(noDatabase('the daftar hadir laid out from given participants')).each(CASES)('daftar hadir on $paper, landscape $landscape', ({ paper, landscape, n: counts }) => {
  it.each(counts)('leaves no page but the last a quarter empty with %i participants, the chair signing under the last two rows', async (n) => {
    const doc = renderDaftarHadir({
      office: KOTIM,
      paper,
      landscape,
      judul: JUDUL_RAPAT,
      tanggal: '2024-05-03',
      waktu: '09.00 WIB s.d. selesai',
      tempat: 'Aula Dinas Sosial Kabupaten Kotawaringin Timur',
      peserta: peserta(n),
      barisKosong: 0,
      mengetahui: KABID,
    });
    const pdf = await htmlToPdf(doc.html, doc);
    expect(pageRuleBreaks(pdf, { judul: `Daftar Hadir ${JUDUL_RAPAT}` })).toEqual([]);
    const pages = pdfPages(pdf);
    // Everyone is listed once, in order, with a signing mark.
    expect(pages.flatMap(marks)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const last = pages.at(-1)!;
    expect(marks(last).slice(-2)).toEqual([n - 1, n]);
    expect(flat(last)).toMatch(/Sampit, 3 Mei 2024 Mengetahui, Kepala Bidang Perlindungan dan Jaminan Sosial Rusdiansyah, S\.Sos\., M\.AP Penata Tk\. I \(III\/d\) NIP\. 19780214 200501 1 003/);
    expect(flat(last)).toContain(`${n} ${PESERTA[(n - 1) % PESERTA.length]!.nama} ${n}`);
  });
});
