import { afterAll, describe, expect, it } from 'vitest';
import { renderBast } from '../../../electron/core/documents/bast';
import { closeBrowser, htmlToPdf, pdfPages } from '../../helpers/pdf';
import { BAST_KAKI_PALSU, KOTIM } from './fixtures';

afterAll(closeBrowser);

describe('kop surat', () => {
  it('keeps each line of a long office name on one line on A4 portrait (issue 14: "TIMUR" wrapped)', async () => {
    const office = { ...KOTIM, namaDinas: 'DINAS SOSIAL KABUPATEN KOTAWARINGIN TIMUR', pemerintah: 'PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR' };
    const doc = renderBast({ ...BAST_KAKI_PALSU, office });
    const lines = pdfPages(await htmlToPdf(doc.html, doc))[0]!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines).toContain('PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR');
    expect(lines).toContain('DINAS SOSIAL KABUPATEN KOTAWARINGIN TIMUR');
    expect(lines).not.toContain('TIMUR');
  });
});
