import type ExcelJS from 'exceljs';
import { type CellKind, cleanText, columnNumFmt, putCell, toCell } from '../exports';

export interface SheetColumn {
  header: string;
  width: number;
  kind: CellKind;
}

/**
 * A sheet with optional title rows, a bold frozen header row and an autofilter over the data. Every value goes
 * through the shared formula-safe cell writer (exports/cells.ts).
 */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: SheetColumn[],
  rows: unknown[][],
  titles: string[] = [],
): ExcelJS.Worksheet {
  const headerRow = titles.length > 0 ? titles.length + 2 : 1;
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow }] });
  titles.forEach((t, i) => {
    const cell = ws.getCell(i + 1, 1);
    putCell(cell, toCell('text', t));
    cell.font = { bold: i === 0, size: i === 0 ? 13 : 11 };
  });
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const fmt = columnNumFmt(c.kind);
    if (fmt) col.numFmt = fmt;
  });
  const header = ws.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = cleanText(c.header);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    columns.forEach((c, i) => putCell(row.getCell(i + 1), toCell(c.kind, values[i])));
  });
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + Math.max(rows.length, 1), column: columns.length } };
  return ws;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file name safe on Windows: no path separators or reserved characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 120) || 'berkas';
}
