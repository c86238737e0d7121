/**
 * Issue 15: an import checks birth dates against the office's date, not UTC's. At 23:30 UTC on 1 June it is
 * 06:30 on 2 June in Sampit (WIB): a baby born on 2 June is born today, not in the future.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport } from '../../../electron/core/imports/pipeline';
import { makeNik } from '../../helpers/registryFixtures';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { tempDir, utcDate, writeXlsx } from '../../helpers/xlsx';
import { importOptions } from './importOptions';
import { BAAMANG, HEADERS } from './messySheet';

const NOW = new Date('2024-06-01T23:30:00Z');
let core: Core;
beforeEach(async () => {
  core = await openTestCore({ now: () => NOW });
  await setUpOffice(core);
});
afterEach(async () => {
  await core.close();
});

describe("an import's 'today' is the office's", () => {
  it('at 23:30 UTC a birth on the next day (today in WIB) is accepted; the day after is still refused', async () => {
    const kk = '6202051203100001';
    const rows = [
      HEADERS,
      [1, makeNik(BAAMANG, '1980-03-12', 'L', 1), kk, 'Budi Santoso', 'Sampit', utcDate(1980, 3, 12), 'L', 'Siti', 'Kepala Keluarga', 'Jl. Pelita', '1', '1', 'Baamang', 'Baamang Hulu', ''],
      [2, makeNik(BAAMANG, '2024-06-02', 'P', 2), kk, 'Bayi Hari Ini', 'Sampit', utcDate(2024, 6, 2), 'P', 'Rina', 'Anak', 'Jl. Pelita', '1', '1', 'Baamang', 'Baamang Hulu', ''],
      [3, makeNik(BAAMANG, '2024-06-03', 'L', 3), kk, 'Belum Lahir', 'Sampit', utcDate(2024, 6, 3), 'L', 'Rina', 'Anak', 'Jl. Pelita', '1', '1', 'Baamang', 'Baamang Hulu', ''],
    ];
    const path = await writeXlsx(join(await tempDir('dinsos-today-'), 'bayi.xlsx'), [{ name: 'DATA', rows }]);
    const result = await runImport(await importOptions(core, path, { now: NOW }));
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    const codes = (row: number) => [...(byRow.get(row)?.reasons ?? []), ...(byRow.get(row)?.warnings ?? [])].map((p) => `${p.code}: ${p.message}`);
    expect(byRow.get(3)?.outcome ?? 'imported').toBe('imported');
    expect(codes(3)).toEqual([]);
    expect(byRow.get(4)?.outcome).toBe('rejected');
    expect(codes(4).join('\n')).toContain('03/06/2024 di masa depan');
  });
});
