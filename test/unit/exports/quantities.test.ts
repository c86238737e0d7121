import { describe, expect, it } from 'vitest';
import { columnCell, kodeCell } from '../../../electron/core/exports/cells';
import { PerUnit, quantityValue, recipientQuantity } from '../../../electron/core/exports/quantity';
import { fillTitle } from '../../../electron/core/exports/run';
import { usulanProgram } from '../../../electron/core/exports/sources/common';

describe('quantities per unit', () => {
  it('never adds karung, botol and kg into one number', () => {
    const q = recipientQuantity('unit', [
      { jumlah: 1, satuan: 'karung' },
      { jumlah: 2, satuan: 'botol' },
      { jumlah: 2.5, satuan: 'kg' },
      { jumlah: 1, satuan: ' Karung ' },
    ]);
    expect(q.units().map((u) => [u.label, u.n])).toEqual([
      ['karung', 2],
      ['botol', 2],
      ['kg', 2.5],
    ]);
    expect(quantityValue(q)).toEqual({ jumlah: '2 karung, 2 botol, 2,5 kg', satuan: null });
    expect(quantityValue(new PerUnit().add('paket', 3))).toEqual({ jumlah: 3, satuan: 'paket' });
    expect(quantityValue(new PerUnit())).toEqual({ jumlah: null, satuan: null });
  });

  it('counts a package programme in paket: the items are its contents, or are themselves paket', () => {
    expect(quantityValue(recipientQuantity('Paket', [{ jumlah: 1, satuan: 'sak' }, { jumlah: 2, satuan: 'kotak' }]))).toEqual({ jumlah: 1, satuan: 'Paket' });
    expect(quantityValue(recipientQuantity('paket', [{ jumlah: 2, satuan: 'paket' }]))).toEqual({ jumlah: 2, satuan: 'paket' });
    // Without item lines: one of the programme's unit.
    expect(quantityValue(recipientQuantity('unit', []))).toEqual({ jumlah: 1, satuan: 'unit' });
  });
});

describe('cells of codes and quantities', () => {
  it('writes codes as numbers where the template has numbers, keeping what is not a number visible', () => {
    expect(kodeCell('003')).toEqual({ value: 3, numFmt: '0' });
    expect(kodeCell(' 12 ')).toEqual({ value: 12, numFmt: '0' });
    expect(kodeCell(7)).toEqual({ value: 7, numFmt: '0' });
    expect(kodeCell('Tuna netra')).toEqual({ value: 'Tuna netra' });
    expect(kodeCell('=1+1')).toEqual({ value: '=1+1', numFmt: '@' });
    expect(kodeCell(null).value).toBeNull();
  });

  it('keeps a per-unit quantity as text in a number column, and nothing else', () => {
    expect(columnCell('decimal', '1 karung, 2 botol')).toEqual({ value: '1 karung, 2 botol' });
    // A whole quantity prints without decimals (3 karung, not 3,00); a fraction keeps two.
    expect(columnCell('decimal', 2)).toEqual({ value: 2, numFmt: '#,##0' });
    expect(columnCell('decimal', 2.5)).toEqual({ value: 2.5, numFmt: '#,##0.00' });
    expect(columnCell('integer', null).value).toBeNull();
    expect(columnCell('decimal', '-1 karung')).toEqual({ value: '-1 karung', numFmt: '@' });
  });
});

describe('titles', () => {
  const values = {
    kantor: 'Dinas Sosial Kabupaten Kotawaringin Timur',
    kabupaten: 'Kabupaten Kotawaringin Timur',
    wilayah: 'Kabupaten Kotawaringin Timur',
    periode: '01/01/2025 s.d. 31/12/2025',
    tahun: '2025',
  };
  it('names the region once', () => {
    expect(fillTitle('{kantor} — {kabupaten}', values)).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(fillTitle('{kabupaten} — {wilayah}', values)).toBe('Kabupaten Kotawaringin Timur');
    expect(fillTitle('{kabupaten} — {wilayah}', { ...values, wilayah: 'Kecamatan Kota Besi' })).toBe('Kabupaten Kotawaringin Timur — Kecamatan Kota Besi');
    expect(fillTitle('{kantor} {kabupaten} ({tahun})', values)).toBe('Dinas Sosial Kabupaten Kotawaringin Timur (2025)');
  });
  it('leaves other values alone, even when the same text appears earlier', () => {
    expect(fillTitle('Periode: {periode} tahun {tahun}', values)).toBe('Periode: 01/01/2025 s.d. 31/12/2025 tahun 2025');
    expect(fillTitle('Data {tidakAda}', values)).toBe('Data {tidakAda}');
  });
});

describe('programme of a SIKS-NG proposal', () => {
  it('is named as SIKS-NG names it, NON BANSOS where none', () => {
    expect(['PKH', 'pkh', 'BPNT', 'Sembako', 'BSP', 'PBI-JK', 'pbi', 'JKN', 'BST', '', null, '(tanpa program)', 'Non Bansos', 'Rutilahu'].map(usulanProgram)).toEqual([
      'PKH', 'PKH', 'BPNT', 'BPNT', 'BPNT', 'PBI', 'PBI', 'PBI', 'BST', 'NON BANSOS', 'NON BANSOS', 'NON BANSOS', 'NON BANSOS', 'RUTILAHU',
    ]);
  });
});
