/**
 * The import's compact NIK / No KK table (idTable.ts) against a Map on the same keys: every key finds the entry
 * it was given and its columns, through many doublings of the table, for 16-digit keys at the edges of the
 * number range (where a double would round), and for keys that are not 16 digits.
 */
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../../electron/core/imports/idTable';
import { FileFamilies } from '../../../electron/core/imports/familyLookup';

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function digits(next: () => number, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(Math.floor(next() * 10));
  return out;
}

describe('IdTable', () => {
  it('gives back each key its own entry and values, like a Map, through many doublings', () => {
    const next = rng(20);
    const table = new IdTable(2);
    const reference = new Map<string, [number, number]>();
    // Neighbours that a double rounds together (above 2^53), keys with leading zeros, and the extremes.
    const edge = ['9999999999999999', '9999999999999998', '9007199254740993', '9007199254740992', '0000000000000000', '0000000000000001', '1000000000000000', '0999999999999999', '8999999999999999', '8999999999999998'];
    const keys = [...edge];
    for (let i = 0; i < 60_000; i++) keys.push(digits(next, 16));
    // Same-prefix runs (the NIKs of one kecamatan and birth date differ only in the last digits).
    for (let i = 0; i < 5_000; i++) keys.push(`620205420380${String(i).padStart(4, '0')}`);
    // Not 16 digits: an ID Keluarga P3KE, a short number, text.
    keys.push('p3ke:P3KE-0001', 'p3ke:', '620205', '62020542038000011', 'abcdefghijklmnop');
    for (const [i, key] of keys.entries()) {
      const e = table.add(key);
      table.set(e, 0, i);
      table.set(e, 1, -3 * i - 1);
      reference.set(key, [i, -3 * i - 1]);
    }
    expect(table.size).toBe(reference.size);
    for (const [key, [a, b]] of reference) {
      const e = table.find(key);
      expect(e, key).toBeGreaterThanOrEqual(0);
      expect([table.get(e, 0), table.get(e, 1)], key).toEqual([a, b]);
    }
    // Adding a known key returns its entry; unknown keys are not found.
    expect(table.add('9999999999999998')).toBe(table.find('9999999999999998'));
    expect(table.size).toBe(reference.size);
    for (let i = 0; i < 2_000; i++) {
      const key = digits(next, 16);
      expect(table.find(key) >= 0, key).toBe(reference.has(key));
    }
    expect(table.find('p3ke:P3KE-0002')).toBe(-1);
    expect(table.find('')).toBe(-1);
  });
});

describe('FileFamilies', () => {
  it('returns the family a key settled, by No KK and by P3KE key, with its region codes', () => {
    const families = new FileFamilies();
    families.set('6202051203100031', { id: 7, firstRow: 3, desaKode: '62.02.05.1001', kecamatanKode: '62.02.05' });
    families.set('p3ke:P3KE-9', { id: -1_000_000_000, firstRow: 4, desaKode: '62.02.01.2002', kecamatanKode: '62.02.01' });
    families.set('6202011203100099', { id: 8, firstRow: 5, desaKode: '62.02.05.1001', kecamatanKode: '62.02.05' });
    expect(families.get('6202051203100031')).toEqual({ id: 7, firstRow: 3, desaKode: '62.02.05.1001', kecamatanKode: '62.02.05' });
    expect(families.get('p3ke:P3KE-9')).toEqual({ id: -1_000_000_000, firstRow: 4, desaKode: '62.02.01.2002', kecamatanKode: '62.02.01' });
    expect(families.get('6202011203100099')?.id).toBe(8);
    expect(families.get('6202051203100032')).toBeUndefined();
  });
});
