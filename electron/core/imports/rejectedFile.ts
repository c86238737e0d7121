/**
 * The rejected rows of an import as an .xlsx the operator can fix and import again: the sheet's own header
 * and cells, plus "Baris Asal" (the row number in the original sheet) and "Keterangan Kesalahan" (every
 * reason). Identity columns (NIK, No KK, IDs, region codes) are text cells, so Excel cannot round them.
 * A 16-digit number in such a column already lost its last digit in Excel (15 significant digits): it is
 * written as Excel showed it ("6.20205070799001E+15"), never as a plausible 16-digit text a re-import would
 * accept; the re-import refuses it again as "stored as a number" (issue 15).
 */
import ExcelJS from 'exceljs';
import { sheetDrained } from '../exports';
import type { FieldKey } from './read/fields';
import type { CellValue, SourceColumn } from './read/types';
import type { RejectedRow } from './spool';

const TEXT_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['nik', 'noKk', 'idDtks', 'idKeluarga', 'kodeWilayah', 'rt', 'rw']);

/** From here on Excel cannot hold every digit of a number (it keeps 15 significant digits). */
const EXCEL_EXACT_LIMIT = 1e15;

/** A cell value safe to write: text never becomes a formula, identity numbers stay text. */
function cellFor(v: CellValue | undefined, asText: boolean): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (asText) {
    if (typeof v === 'number') {
      if (Math.abs(v) >= EXCEL_EXACT_LIMIT) return v.toExponential().toUpperCase();
      return Number.isInteger(v) ? v.toFixed(0) : String(v);
    }
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v);
  }
  if (typeof v === 'string') return v; // exceljs writes strings as strings, never as formulas
  return v;
}

export function rejectedFileName(sourceName: string): string {
  const base = sourceName.replace(/\.(xlsx|csv|xls)$/i, '').replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80);
  return `${base} - baris ditolak.xlsx`;
}

/**
 * Writes the rows as they come (from the import's spool on disk), so no more than one row is held at a time.
 * `rawWidth` is the widest row's cell count, known before the first row (the header comes first).
 */
export async function writeRejectedFile(
  path: string,
  columns: readonly SourceColumn[],
  rows: AsyncIterable<RejectedRow> | Iterable<RejectedRow>,
  rawWidth = 0,
  throwIfCancelled?: () => void,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Baris Ditolak', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = Math.max(columns.length, rawWidth);
  const textCol: boolean[] = [];
  const header: string[] = [];
  for (let i = 0; i < width; i++) {
    const col = columns[i];
    header.push(col?.header || `Kolom ${i + 1}`);
    textCol.push(col?.field ? TEXT_FIELDS.has(col.field) : false);
  }
  ws.columns = [
    ...header.map((h, i) => ({ header: h, key: `c${i}`, width: Math.min(40, Math.max(10, h.length + 2)), style: textCol[i] ? { numFmt: '@' } : {} })),
    { header: 'Baris Asal', key: 'baris', width: 10 },
    { header: 'Keterangan Kesalahan', key: 'ket', width: 80 },
  ];
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC0392B' } };
  head.commit();
  // One style object per kind of cell, shared by all rows: exceljs remembers the style id of a style object it has
  // seen, while a fresh one per cell has its style XML built again for every cell (see exports' writer).
  const colStyles: Partial<ExcelJS.Style>[] = textCol.map((text) => (text ? { numFmt: '@' } : {}));
  const dateStyle: Partial<ExcelJS.Style> = { numFmt: 'dd/mm/yyyy' };
  const plain: Partial<ExcelJS.Style> = {};
  let n = 0;
  for await (const r of rows) {
    if (++n % 500 === 0) {
      throwIfCancelled?.();
      // Let the compressor take the sheet so far: exceljs would otherwise buffer it all in memory.
      await sheetDrained(ws);
    }
    const values: ExcelJS.CellValue[] = [];
    for (let i = 0; i < width; i++) values.push(cellFor(r.raw[i], textCol[i] ?? false));
    values.push(r.row);
    values.push(r.reasons.map((p) => p.message).join('; '));
    const row = ws.addRow(values);
    for (let i = 0; i < width; i++) {
      row.getCell(i + 1).style = textCol[i] ? colStyles[i]! : r.raw[i] instanceof Date ? dateStyle : colStyles[i]!;
    }
    row.getCell(width + 1).style = plain;
    row.getCell(width + 2).style = plain;
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
