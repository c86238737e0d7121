/**
 * Writing .xlsx fixtures for tests with exceljs: sheets given as rows of cells (row 1 first; an empty array is
 * an empty row), merged ranges, hidden sheets, number-typed NIK cells, date cells, formulas, rich text.
 * Plus reZip(), which rewrites the zip (entry order, or an entry's content) the way other generators do.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type FixtureCell =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | { formula: string; result?: string | number | boolean | Date; numFmt?: string }
  | { richText: { text: string; bold?: boolean }[] }
  | { value: string | number | Date; numFmt: string };

export interface FixtureSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  rows: FixtureCell[][];
  /** e.g. 'A1:U1' */
  merges?: string[];
}

/** A date as exceljs reads it back: UTC midnight. */
export function utcDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

function setCell(cell: ExcelJS.Cell, v: FixtureCell): void {
  if (v === undefined || v === null) return;
  if (v instanceof Date) {
    cell.value = v;
    cell.numFmt = 'dd/mm/yyyy';
    return;
  }
  if (typeof v === 'object' && 'formula' in v) {
    cell.value = { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
    if (v.numFmt) cell.numFmt = v.numFmt;
    return;
  }
  if (typeof v === 'object' && 'numFmt' in v) {
    cell.value = v.value;
    cell.numFmt = v.numFmt;
    return;
  }
  if (typeof v === 'object' && 'richText' in v) {
    cell.value = { richText: v.richText.map((r) => ({ text: r.text, font: r.bold ? { bold: true } : {} })) };
    return;
  }
  cell.value = v as ExcelJS.CellValue;
}

export function buildWorkbook(sheets: readonly FixtureSheet[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((v, c) => setCell(row.getCell(c + 1), v));
      row.commit();
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return wb;
}

export async function xlsxBytes(sheets: readonly FixtureSheet[]): Promise<Uint8Array> {
  const buf = await buildWorkbook(sheets).xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export async function writeXlsx(file: string, sheets: readonly FixtureSheet[]): Promise<string> {
  await fs.writeFile(file, await xlsxBytes(sheets));
  return file;
}

/** A fresh temporary directory for a test file. */
export async function tempDir(prefix = 'dinsos-read-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/**
 * Rewrites an xlsx: `first` entries are stored first in the archive (e.g. Excel stores xl/workbook.xml
 * before the sheets); `edit` changes the text of entries by path.
 */
export async function reZip(
  bytes: Uint8Array,
  opts: { first?: string[]; edit?: Record<string, (xml: string) => string> },
): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(bytes);
  const names = Object.keys(src.files).filter((n) => !src.files[n]?.dir);
  const first = (opts.first ?? []).filter((n) => names.includes(n));
  const order = [...first, ...names.filter((n) => !first.includes(n))];
  const out = new JSZip();
  for (const n of order) {
    const f = src.file(n);
    if (!f) continue;
    const edit = opts.edit?.[n];
    if (edit) out.file(n, edit(await f.async('string')));
    else out.file(n, await f.async('uint8array'));
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** One row per header text: the header row of a sheet. */
export function headerRow(texts: readonly string[]): FixtureCell[] {
  return [...texts];
}

/** A large one-sheet workbook written with exceljs's streaming writer (fast): `row(i)` for i = 0 … count-1. */
export async function writeLargeXlsx(
  file: string,
  header: readonly string[],
  count: number,
  row: (i: number) => (string | number | Date | null)[],
): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Data');
  ws.addRow([...header]).commit();
  for (let i = 0; i < count; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
  return file;
}
