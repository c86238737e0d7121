import { describe, expect, it } from 'vitest';
import { formatAngka, formatRupiah } from '../../../shared/domain/rupiah';

describe('formatRupiah', () => {
  it.each([
    [3_250_000, 'Rp 3.250.000'],
    [325_000, 'Rp 325.000'],
    [1_000, 'Rp 1.000'],
    [999, 'Rp 999'],
    [0, 'Rp 0'],
    [1_000_000_000, 'Rp 1.000.000.000'],
    [1500.5, 'Rp 1.500,50'],
    [1_234_567.891, 'Rp 1.234.567,89'],
    [-5000, '-Rp 5.000'],
  ])('%d → %s', (n, s) => {
    expect(formatRupiah(n)).toBe(s);
  });
  it('non-finite → empty', () => {
    expect(formatRupiah(Number.NaN)).toBe('');
    expect(formatRupiah(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('formatAngka', () => {
  it.each([
    [1500, '1.500'],
    [1_000_000, '1.000.000'],
    [12, '12'],
    [0, '0'],
    [1234.5, '1.234,5'],
    [0.25, '0,25'],
    [-1500, '-1.500'],
  ])('%d → %s', (n, s) => {
    expect(formatAngka(n)).toBe(s);
  });
});
