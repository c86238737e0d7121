import { describe, expect, it } from 'vitest';
import { desil, hubungan, padan, programFlag, programList, rtRw, text, yesNo } from '../../../electron/core/imports/values';

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
