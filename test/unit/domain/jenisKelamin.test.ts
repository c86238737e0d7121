import { describe, expect, it } from 'vitest';
import { labelJenisKelamin, parseJenisKelamin } from '../../../shared/domain/jenisKelamin';

describe('parseJenisKelamin', () => {
  it.each(['L', 'l', 'LK', 'Lk', 'Laki-laki', 'Laki Laki', 'LAKI-LAKI', 'laki - laki', ' laki-laki ', 'Pria', 'PRIA', '1', ' 1 ', 1])(
    '%j → L',
    (raw) => {
      expect(parseJenisKelamin(raw)).toBe('L');
    },
  );
  it.each(['P', 'p', 'PR', 'Pr', 'Perempuan', 'PEREMPUAN', ' perempuan ', 'Wanita', 'W', 'w', '2', 2])('%j → P', (raw) => {
    expect(parseJenisKelamin(raw)).toBe('P');
  });
  it.each(['', '  ', 'X', '3', 3, 0, null, undefined, true, 'Lelaki Perempuan'])('%j → null', (raw) => {
    expect(parseJenisKelamin(raw)).toBeNull();
  });
});

describe('labelJenisKelamin', () => {
  it('labels', () => {
    expect(labelJenisKelamin('L')).toBe('Laki-laki');
    expect(labelJenisKelamin('P')).toBe('Perempuan');
  });
});
