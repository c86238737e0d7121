import { describe, expect, it } from 'vitest';
import { isSignatureText, resolveHeld } from '../../../electron/core/imports/read/footer';
import { toSourceRows } from '../../../electron/core/imports/read/dataRows';
import type { CellValue, RawRow, SkippedRow, SourceColumn } from '../../../electron/core/imports/read/types';

const columns: SourceColumn[] = [
  { index: 0, letter: 'A', header: 'NO', field: 'no' },
  { index: 1, letter: 'B', header: 'NIK', field: 'nik' },
  { index: 2, letter: 'C', header: 'NAMA', field: 'nama' },
  { index: 3, letter: 'D', header: 'ALAMAT', field: 'alamat' },
  { index: 4, letter: 'E', header: 'RT', field: 'rt' },
];

async function run(rows: [number, CellValue[]][]): Promise<{ data: number[]; skipped: SkippedRow[] }> {
  // one batch per row, and once all rows in a single batch: the result must not depend on batching
  async function* src(): AsyncGenerator<RawRow[]> {
    for (const [row, cells] of rows) yield [{ row, cells: [...cells] }];
  }
  async function* oneBatch(): AsyncGenerator<RawRow[]> {
    yield rows.map(([row, cells]) => ({ row, cells: [...cells] }));
  }
  const skipped: SkippedRow[] = [];
  const data: number[] = [];
  const cfg = { dataStartRow: 2, columns, headerTexts: [columns.map((c) => c.header)], merges: [] };
  for await (const r of toSourceRows(src(), cfg, { onSkip: (s) => skipped.push(s) })) data.push(r.row);
  const again: number[] = [];
  for await (const r of toSourceRows(oneBatch(), cfg, { onSkip: () => undefined })) again.push(r.row);
  expect(again).toEqual(data);
  return { data, skipped };
}

const person = (no: number, nik: string): CellValue[] => [no, nik, `ORANG ${no}`, 'JL. A', 1];

describe('footer rule', () => {
  it('recognises signature-block lines', () => {
    for (const t of [
      'Mengetahui,', 'Kepala Desa Bapinang Hilir', 'Sampit, 12 Mei 2024', 'NIP. 19660503 199102 1 001',
      'a.n. Bupati', 'Plt. Camat Baamang', 'JUMLAH', 'Operator Desa', '3 Agustus 2024', 'Palangka Raya, 1 Okt 2023',
    ]) {
      expect([t, isSignatureText(t)]).toEqual([t, true]);
    }
    for (const t of ['SITI AMINAH', 'JL. MAWAR NO 3', 'Mentaya Hilir Selatan', '12']) {
      expect([t, isSignatureText(t)]).toEqual([t, false]);
    }
  });

  it('drops a signature block after the data, lone names and NIP lines included', async () => {
    const { data, skipped } = await run([
      [2, person(1, '6202014101900001')],
      [3, person(2, '6202014101900002')],
      [5, [null, null, null, 'Sampit, 12 Mei 2024']],
      [6, [null, 'Mengetahui,', null, 'Operator Desa']],
      [7, [null, 'Kepala Desa']],
      [10, [null, 'H. ABDUL RAHMAN', null, 'SITI']],
      [11, [null, 'NIP. 19660503 199102 1 001']],
    ]);
    expect(data).toEqual([2, 3]);
    expect(skipped.map((s) => [s.row, s.reason])).toEqual([
      [5, 'footer'], [6, 'footer'], [7, 'footer'], [10, 'footer'], [11, 'footer'],
    ]);
  });

  it('keeps short rows without NIK when no signature follows (the validator rejects them)', async () => {
    const { data, skipped } = await run([
      [2, person(1, '6202014101900001')],
      [3, [2, null, 'TANPA NIK', 'JL. B']],
      [4, [3, null, 'JUGA TANPA NIK']],
    ]);
    expect(data).toEqual([2, 3, 4]);
    expect(skipped).toEqual([]);
  });

  it('keeps a short data row separated from the signature block by an empty row', async () => {
    const { data } = await run([
      [2, person(1, '6202014101900001')],
      [3, [2, null, 'TANPA NIK', 'JL. B']],
      [5, [null, 'Mengetahui,']],
      [6, [null, 'ANDI']],
    ]);
    expect(data).toEqual([2, 3]);
  });

  it('short rows in the middle of the data are data; a page-break signature block is not', async () => {
    const { data, skipped } = await run([
      [2, person(1, '6202014101900001')],
      [3, [2, null, 'TANPA NIK']],
      [4, person(3, '6202014101900003')],
      [6, [null, 'Mengetahui,']],
      [7, [null, 'Kepala Desa']],
      [9, ['NO', 'NIK', 'NAMA', 'ALAMAT', 'RT']],
      [10, [1, 2, 3, 4, 5]],
      [11, person(4, '6202014101900004')],
    ]);
    expect(data).toEqual([2, 3, 4, 11]);
    expect(skipped.map((s) => [s.row, s.reason])).toEqual([
      [6, 'footer'], [7, 'footer'], [9, 'header-repeat'], [10, 'number-row'],
    ]);
  });

  it('a numbered template row without content is empty; a JUMLAH line ends the data', async () => {
    const { data, skipped } = await run([
      [2, person(1, '6202014101900001')],
      [3, [2]],
      [4, [3]],
      [5, [null, null, 'JUMLAH', null, 1]],
    ]);
    expect(data).toEqual([2]);
    expect(skipped.map((s) => s.row)).toEqual([5]);
  });

  it('resolveHeld splits at the first empty-row gap before the first marker', () => {
    const h = (item: number, gapBefore: boolean, marker: boolean) => ({ item, gapBefore, marker });
    expect(resolveHeld([h(1, false, false), h(2, true, true), h(3, false, false)])).toEqual({ data: [1], footer: [2, 3] });
    expect(resolveHeld([h(1, false, false), h(2, false, true)])).toEqual({ data: [], footer: [1, 2] });
    expect(resolveHeld([h(1, false, false), h(2, true, false)])).toEqual({ data: [1, 2], footer: [] });
  });
});
