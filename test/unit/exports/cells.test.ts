import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dateCell, dateTextCell, idCell, isFormulaLike, numberCell, putCell, textCell, toCell } from '../../../electron/core/exports/cells';

describe('formula-safe cells', () => {
  it('recognises formula-like text', () => {
    for (const s of ['=1+1', '+62812', '-2+3', '@SUM(A1)', '\t=x', '\r=x']) expect(isFormulaLike(s)).toBe(true);
    for (const s of ['Budi', '62 812', '', ' =1']) expect(isFormulaLike(s)).toBe(false);
  });

  it('keeps NIK and No KK as text, even when given as a number', () => {
    expect(idCell('6202011203850001')).toEqual({ value: '6202011203850001', numFmt: '@' });
    expect(idCell(620201120385)).toEqual({ value: '620201120385', numFmt: '@' });
    expect(idCell(null).value).toBeNull();
  });

  it('writes numbers, dates and text of the right kind', () => {
    expect(numberCell('12')).toEqual({ value: 12, numFmt: '#,##0' });
    expect(numberCell('abc').value).toBeNull();
    expect(dateCell('2024-05-03').value).toEqual(new Date(Date.UTC(2024, 4, 3)));
    expect(dateCell('bukan tanggal').value).toBe('bukan tanggal');
    expect(dateTextCell('2000-01-31')).toEqual({ value: '31/01/2000', numFmt: '@' });
    expect(textCell('a\u0000b\u0007c').value).toBe('abc');
    expect(textCell('x'.repeat(40_000)).value).toHaveLength(32_767);
    expect(toCell('rupiah', 1500000)).toEqual({ value: 1500000, numFmt: '"Rp "#,##0' });
  });

  it('a streamed workbook holds injected text as text, never as a formula', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cells-')), 'x.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('DATA');
    const payloads = ['=HYPERLINK("http://evil","klik")', '+1+1', '-2+3', '@SUM(1,2)', '\t=1', '=cmd|\' /C calc\'!A0'];
    payloads.forEach((p, i) => {
      const row = ws.getRow(i + 1);
      putCell(row.getCell(1), textCell(p));
      putCell(row.getCell(2), idCell('6202011203850001'));
      row.commit();
    });
    ws.commit();
    await wb.commit();

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const sheet = back.getWorksheet('DATA')!;
    payloads.forEach((p, i) => {
      const cell = sheet.getCell(i + 1, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(p);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
      expect(sheet.getCell(i + 1, 2).value).toBe('6202011203850001');
    });
  });
});
