/**
 * Issue 15: the same operator sheet saved as .xlsx, .xls (Excel 97–2003), .ods (LibreOffice) and .csv gives the same
 * verdict for every row. The files are the messy sheet of pipeline.test.ts (messySheet.ts) as exceljs writes it and
 * as LibreOffice Calc 7.4 saves it (test/fixtures/usulan/, made by scripts/usulan/make.ts).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport } from '../../../electron/core/imports/pipeline';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { importOptions } from './importOptions';
import { messySheets } from './messySheet';

const DIR = path.join(__dirname, '../../fixtures/usulan');

let core: Core;
beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
  await setUpOffice(core);
});
afterEach(async () => {
  await core.close();
});

/** Each data row's outcome and reason codes, as the preview gives them (rows not listed are clean imports). */
async function verdicts(file: string) {
  const result = await runImport(await importOptions(core, path.join(DIR, file), { fileName: file }));
  const byRow = new Map(result.rows.map((r) => [r.row, r]));
  const { expected } = messySheets();
  return {
    sheet: result.sheet,
    counts: result.counts,
    rows: expected.map((e) => {
      const r = byRow.get(e.row);
      return {
        row: e.row,
        outcome: r?.outcome ?? 'imported',
        reasons: (r?.reasons ?? []).map((p) => p.code).sort(),
        warnings: (r?.warnings ?? []).map((p) => p.code).sort(),
      };
    }),
  };
}

describe('one sheet in four formats', () => {
  it('.xls and .ods give every row the verdict of the .xlsx (outcome, reasons, warnings), and the same counts', async () => {
    const xlsx = await verdicts('usulan.xlsx');
    // The .xlsx verdicts are the ones pipeline.test.ts proves against the sheet's expectations.
    for (const e of messySheets().expected) {
      const got = xlsx.rows.find((r) => r.row === e.row)!;
      expect(got.outcome, `row ${e.row}`).toBe(e.outcome);
      for (const code of e.codes ?? []) expect(got.reasons, `row ${e.row}`).toContain(code);
    }
    for (const file of ['usulan.xls', 'usulan.ods']) {
      const other = await verdicts(file);
      expect(other.sheet, file).toBe('DATA');
      expect(other.rows, file).toEqual(xlsx.rows);
      expect(other.counts, file).toEqual(xlsx.counts);
    }
  });

  it('.csv: the same verdicts, except that a NIK/No KK cell stored as a number is plain digits in a CSV', async () => {
    const xlsx = await verdicts('usulan.xlsx');
    const csv = await verdicts('usulan.csv');
    // Calc writes the number 6202050707900004 as those 16 digits: a CSV has no cell types, so nothing says the
    // value went through a number (rows 9 and 17 are STORED_AS_NUMBER in the workbooks and import from the CSV).
    const numberRows = xlsx.rows.filter((r) => r.reasons.includes('STORED_AS_NUMBER')).map((r) => r.row);
    expect(numberRows).toEqual([9, 17]);
    expect(csv.rows.filter((r) => !numberRows.includes(r.row))).toEqual(xlsx.rows.filter((r) => !numberRows.includes(r.row)));
    for (const row of numberRows) expect(csv.rows.find((r) => r.row === row)!.outcome).toBe('imported');
  });
});
