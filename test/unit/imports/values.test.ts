import { describe, expect, it } from 'vitest';
import { desil, hubungan, hubunganUrutan, padan, programFlag, programList, rememberByText, rtRw, text, yesNo } from '../../../electron/core/imports/values';

describe('reading operator cells', () => {
  it('reads SHDK as the registry writes it, P3KE "x / y" included', () => {
    expect(hubungan('KEPALA KELUARGA')).toBe('Kepala Keluarga');
    expect(hubungan('Kepala Rumah Tangga')).toBe('Kepala Keluarga');
    expect(hubungan('Istri / Pasangan')).toBe('Istri/Suami');
    expect(hubungan('suami')).toBe('Istri/Suami');
    expect(hubungan(3)).toBe('Anak');
    expect(hubungan('Keponakan')).toBe('Keponakan');
    expect(hubungan('  ')).toBeNull();
  });

  it('reads padan status, yes/no flags, desil and RT/RW', () => {
    expect(padan('PADAN')).toBe('padan');
    expect(padan('Tidak Padan')).toBe('tidak_padan');
    expect(padan('belum padan')).toBe('belum');
    expect(padan(null)).toBe('belum');
    expect(padan('mungkin')).toBe('unknown');
    expect(yesNo('YA')).toBe(true);
    expect(yesNo('tidak')).toBe(false);
    expect(yesNo('-')).toBeNull();
    expect(yesNo('kadang')).toBe('unknown');
    expect(desil(3)).toBe(3);
    expect(desil('Desil 10')).toBe(10);
    expect(desil('11')).toBe('invalid');
    expect(desil('dua')).toBe('invalid');
    expect(desil('')).toBeNull();
    expect(rtRw('003')).toBe('3');
    expect(rtRw(12)).toBe('12');
    expect(text('  Jl.   Pelita\n No. 3 ')).toBe('Jl. Pelita No. 3');
  });

  it('reads programme columns and a "PROGRAM BANSOS" list', () => {
    expect(programFlag('YA', ['pkh'])).toBe(true);
    expect(programFlag('PKH 2023', ['pkh'])).toBe(true);
    expect(programFlag(600000, ['pkh'])).toBe(true);
    expect(programFlag('TIDAK', ['pkh'])).toBe(false);
    expect(programList('PKH, BPNT/Sembako; PBI JK')).toEqual(['PKH', 'BPNT', 'PBI-JK']);
    expect(programList('NON BANSOS')).toEqual([]);
  });
});

describe('a NUL in a cell (a CSV can carry one)', () => {
  it('is read as a space, since the office server cannot store it in text', () => {
    expect(text('BUDI\u0000SANTOSO')).toBe('BUDI SANTOSO');
    expect(text('\u0000Jl. Tidar 12\u0000\u0000')).toBe('Jl. Tidar 12');
    expect(text('\u0000')).toBeNull();
  });
});

describe('fast paths of the cell readers (issue 20) give the answers of the full readers', () => {
  /** text() as it was, with regular expressions only: the reference for the character-by-character test. */
  function referenceText(v: string, max = 200): string | null {
    if (!/^\s|\s$|\s\s|[\t\n\r]/.test(v)) return v === '' || /^[-–—.]+$/.test(v) ? null : v.slice(0, max);
    const s = v.replace(/\s+/g, ' ').trim();
    return s === '' || /^[-–—.]+$/.test(s) ? null : s.slice(0, max);
  }

  it('text() cleans exactly the cells the regular expression cleaned', () => {
    const cells = ['Budi', ' Budi', 'Budi ', 'Budi  Santoso', 'Budi Santoso', 'Budi\tSantoso', 'Budi\nS', 'a\rb', '\u00a0Budi', 'Budi\u00a0', 'Budi\u00a0\u00a0S', 'Jl.\u3000Pelita',
      '', ' ', '  ', '-', '--', '.', '- -', '–', '—', '-.', 'x-', '\u200b', 'RT 003', 'Desa\u2028Baru', 'a\u000bb', 'Ā', 'é '];
    for (const v of cells) expect(text(v), JSON.stringify(v)).toBe(referenceText(v));
  });

  it('remembered readers answer the same the second time, also for texts that look alike', () => {
    const cells = ['Kepala Keluarga / 1', 'Anak / 3', '3 / Anak', 'ISTRI', 'istri ', 'Ya', 'YA', 'tidak', 'padan', 'Belum Padan', 'x'.repeat(70)];
    const first = cells.map((v) => [hubunganUrutan(v), padan(v), yesNo(v)]);
    const again = cells.map((v) => [hubunganUrutan(v), padan(v), yesNo(v)]);
    expect(again).toEqual(first);
    expect(hubunganUrutan('Anak / 3')).toEqual({ hubungan: 'Anak', urutan: 3 });
    expect(hubunganUrutan('3 / Anak')).toEqual({ hubungan: 'Anak', urutan: 3 });
    // A remembered answer is shared by every row with that text: nobody may change it.
    expect(Object.isFrozen(hubunganUrutan('Anak / 3'))).toBe(true);
  });

  it('a remembering reader keeps at most 512 texts, still answers every one, and remembers new values once full', () => {
    let reads = 0;
    const read = rememberByText((v) => {
      reads++;
      return typeof v === 'string' ? v.length : null;
    });
    for (let i = 0; i < 511; i++) expect(read(`v${i}`)).toBe(`v${i}`.length);
    for (let i = 0; i < 511; i++) read(`v${i}`);
    expect(reads).toBe(511); // remembered
    // A column of free text fills it (a programme flag holding amounts)...
    for (let i = 511; i < 1500; i++) expect(read(`v${i}`)).toBe(`v${i}`.length);
    expect(reads).toBe(1500);
    // ...and a later import's few repeated values are still remembered, not read on every row.
    for (let i = 0; i < 100; i++) expect(read('Laki-laki')).toBe(9);
    expect(reads).toBe(1501);
    expect(read(7)).toBeNull(); // numbers are read each time
  });
});
