import { describe, expect, it } from 'vitest';
import { terbilang, terbilangRupiah, toTitleCase } from '../../../shared/domain/terbilang';

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [1945, 'seribu sembilan ratus empat puluh lima'],
    [2000, 'dua ribu'],
    [2024, 'dua ribu dua puluh empat'],
    [11000, 'sebelas ribu'],
    [100000, 'seratus ribu'],
    [101000, 'seratus satu ribu'],
    [325000, 'tiga ratus dua puluh lima ribu'],
    [1_000_000, 'satu juta'],
    [1_000_001, 'satu juta satu'],
    [1_001_000, 'satu juta seribu'],
    [3_250_000, 'tiga juta dua ratus lima puluh ribu'],
    [1_000_000_000, 'satu miliar'],
    [2_000_000_000_000, 'dua triliun'],
    [1_000_000_000_000, 'satu triliun'],
    [
      999_999_999_999,
      'sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta ' +
        'sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan',
    ],
    [
      999_999_999_999_999,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar ' +
        'sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu ' +
        'sembilan ratus sembilan puluh sembilan',
    ],
    [1_000_010_011, 'satu miliar sepuluh ribu sebelas'],
  ])('%i → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('accepts bigint', () => {
    expect(terbilang(1_001_001_000n)).toBe('satu miliar satu juta seribu');
    expect(terbilang(0n)).toBe('nol');
  });

  it('throws on negatives, non-integers and out-of-range values', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(-1n)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(Number.NaN)).toThrow(RangeError);
    expect(() => terbilang(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => terbilang(1_000_000_000_000_000)).toThrow(RangeError);
    expect(() => terbilang(10n ** 15n)).toThrow(RangeError);
  });
});

describe('terbilangRupiah', () => {
  it('appends rupiah', () => {
    expect(terbilangRupiah(3_250_000)).toBe('tiga juta dua ratus lima puluh ribu rupiah');
    expect(terbilangRupiah(325_000)).toBe('tiga ratus dua puluh lima ribu rupiah');
    expect(terbilangRupiah(1000)).toBe('seribu rupiah');
  });
  it('refuses fractions of a rupiah', () => {
    expect(() => terbilangRupiah(1500.5)).toThrow(RangeError);
  });
});

describe('toTitleCase', () => {
  it('capitalises every word', () => {
    expect(toTitleCase('dua ribu dua puluh empat')).toBe('Dua Ribu Dua Puluh Empat');
    expect(toTitleCase('  tiga ratus   dua puluh lima ribu rupiah ')).toBe('Tiga Ratus Dua Puluh Lima Ribu Rupiah');
    expect(toTitleCase('SERIBU')).toBe('Seribu');
    expect(toTitleCase('')).toBe('');
  });
});
