/**
 * Writes one template's rows to an .xlsx file with exceljs's streaming writer: rows are committed as they
 * come, so memory stays flat however many rows there are. Layout: title rows, header row(s) (two when the
 * template has per-jenis-bantuan columns), optional column-number row, data, optional JUMLAH row.
 */
import ExcelJS from 'exceljs';
import type { Borders, Fill, Font, Worksheet } from 'exceljs';
import type { TemplateDef } from '../../../shared/api/exports';
import { columnCell, columnNumFmt, putCell, textCell, toCell, type CellKind } from './cells';
import { sheetDrained } from './sheetStream';
import type { PivotGroup, SourceRecord } from './sources/types';

export interface OutColumn {
  header: string;
  /** Upper header (jenis bantuan, or JUMLAH) for pivot columns; null for plain columns. */
  group: string | null;
  kind: CellKind;
  width: number;
  field: string;
  numeric: boolean;
  value(rec: SourceRecord): unknown;
}

/** The template's columns with per-jenis columns repeated for each group. */
export function expandColumns(def: TemplateDef, groups: readonly PivotGroup[]): OutColumn[] {
  const out: OutColumn[] = [];
  const numeric = (kind: CellKind, field: string) => field !== 'no' && (kind === 'integer' || kind === 'decimal' || kind === 'rupiah');
  const perCols = def.columns.filter((c) => c.field.startsWith('jenis.'));
  let perDone = false;
  for (const col of def.columns) {
    if (col.field.startsWith('jenis.')) {
      if (perDone) continue;
      perDone = true;
      // Per-jenis columns are written together, grouped under each jenis bantuan.
      for (const g of groups) {
        for (const pc of perCols) {
          const metric = pc.field.slice('jenis.'.length);
          const col = { group: g.label, kind: pc.kind, width: pc.width, field: pc.field, numeric: numeric(pc.kind, pc.field) };
          // A quantity in several units gets a column per unit: karung and botol are never one number.
          if (metric === 'unit' && g.units && g.units.length > 1) {
            for (const u of g.units) out.push({ ...col, header: `${pc.header} (${u.label})`, value: (r) => r.per?.[g.key]?.[`unit:${u.key}`] ?? 0 });
          } else out.push({ ...col, header: pc.header, value: (r) => r.per?.[g.key]?.[metric] ?? 0 });
        }
      }
      continue;
    }
    const field = col.field;
    out.push({
      header: col.header,
      group: field.startsWith('total.') ? 'JUMLAH' : null,
      kind: col.kind,
      width: col.width,
      field,
      numeric: numeric(col.kind, field),
      value: (r) => r[field],
    });
  }
  return out;
}

export interface WriteInput {
  path: string;
  def: TemplateDef;
  titles: string[];
  groups: readonly PivotGroup[];
  paper: 'A4' | 'F4';
  /** Thin borders on data cells (small reports that get printed); off for big lists. */
  borders: boolean;
  pages: AsyncIterable<SourceRecord[]>;
  /** JUMLAH-row values the source computes itself (quantities per unit); other numeric columns are summed here. */
  totals?(): SourceRecord;
  onProgress?(rows: number): void;
  throwIfCancelled?(): void;
}

const THIN: Borders = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
  diagonal: {},
};

function headerLook(style: TemplateDef['headerStyle']): { font: Partial<Font>; fill: Fill } {
  return style === 'biru'
    ? { font: { bold: true, color: { argb: 'FFFFFFFF' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4472C4' } } }
    : { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } } };
}

function headerHeight(cols: OutColumn[]): number {
  let lines = 1;
  for (const c of cols) {
    const parts = c.header.split('\n');
    const need = parts.reduce((n, p) => n + Math.max(1, Math.ceil(p.length / Math.max(1, c.width - 1))), 0);
    lines = Math.max(lines, Math.min(need, 5));
  }
  return 15 * lines;
}

export async function writeWorkbook(input: WriteInput): Promise<{ rows: number }> {
  const { def } = input;
  const cols = expandColumns(def, input.groups);
  const n = cols.length;
  const grouped = cols.some((c) => c.group !== null);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input.path, useStyles: true, useSharedStrings: false });
  // Set with the filter's range once the rows are written; the workbook part is written at commit.
  let filterRange: string | null = null;
  defineFilterDatabase(wb, () => (filterRange ? { sheetIndex: 0, sheetName: def.sheetName, range: filterRange } : null));
  wb.creator = 'Dinsos Desk';
  wb.created = new Date();

  const titleCount = def.titleRows.length;
  const headerTop = titleCount > 0 ? titleCount + 2 : 1;
  const headerBottom = headerTop + (grouped ? 1 : 0);
  const lastHeader = headerBottom + (def.numberRow ? 1 : 0);

  const ws: Worksheet = wb.addWorksheet(def.sheetName, {
    views: [{ state: 'frozen', ySplit: lastHeader, xSplit: 0, activeCell: `A${lastHeader + 1}` }],
    pageSetup: {
      // Excel's paper code 14 is Folio 8½ × 13 in (F4); exceljs's enum lists only some codes.
      paperSize: (input.paper === 'F4' ? 14 : 9) as ExcelJS.PaperSize,
      orientation: def.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerTop}:${lastHeader}`,
    },
    headerFooter: { oddFooter: '&L&8Dinsos Desk&R&8Halaman &P dari &N', firstFooter: '', oddHeader: '', evenHeader: '', evenFooter: '', firstHeader: '' },
  });
  ws.columns = cols.map((c) => {
    const numFmt = columnNumFmt(c.kind);
    return { width: c.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });

  // Title rows, each across the whole table.
  def.titleRows.forEach((_, i) => {
    const row = ws.getRow(i + 1);
    const cell = row.getCell(1);
    putCell(cell, textCell(input.titles[i] ?? ''));
    cell.font = { bold: true, size: i === 0 ? 14 : 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    row.height = i === 0 ? 21 : 18;
    if (n > 1) ws.mergeCells(i + 1, 1, i + 1, n);
    row.commit();
  });
  if (titleCount > 0) ws.getRow(titleCount + 1).commit();

  const look = headerLook(def.headerStyle);
  const styleHeader = (cell: ExcelJS.Cell) => {
    cell.font = look.font;
    cell.fill = look.fill;
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  if (grouped) {
    const top = ws.getRow(headerTop);
    const bottom = ws.getRow(headerBottom);
    cols.forEach((c, i) => {
      putCell(top.getCell(i + 1), textCell(c.group ?? c.header));
      putCell(bottom.getCell(i + 1), textCell(c.group ? c.header : null));
      styleHeader(top.getCell(i + 1));
      styleHeader(bottom.getCell(i + 1));
    });
    // Merge runs of the same group across, and plain columns down through both header rows.
    for (let i = 0; i < n; ) {
      const g = cols[i]!.group;
      let j = i;
      while (g !== null && j + 1 < n && cols[j + 1]!.group === g) j++;
      if (g === null) ws.mergeCells(headerTop, i + 1, headerBottom, i + 1);
      else if (j > i) ws.mergeCells(headerTop, i + 1, headerTop, j + 1);
      i = j + 1;
    }
    top.height = 30;
    bottom.height = headerHeight(cols);
    top.commit();
    bottom.commit();
  } else {
    const row = ws.getRow(headerTop);
    cols.forEach((c, i) => {
      putCell(row.getCell(i + 1), textCell(c.header));
      styleHeader(row.getCell(i + 1));
    });
    row.height = headerHeight(cols);
    row.commit();
  }
  if (def.numberRow) {
    const row = ws.getRow(headerBottom + 1);
    cols.forEach((_, i) => {
      const cell = row.getCell(i + 1);
      cell.value = i + 1;
      cell.numFmt = '0';
      cell.font = { italic: true, size: 9 };
      cell.alignment = { horizontal: 'center' };
      cell.border = THIN;
    });
    row.commit();
  }

  const sums = new Array<number>(n).fill(0);
  let written = 0;
  let rowNo = lastHeader;
  try {
    written = await writeData();
  } catch (error) {
    // Close the file (Windows cannot delete an open one); the caller removes the partial workbook.
    try {
      ws.commit();
      await wb.commit();
    } catch {
      // already failing: the first error is the one to report
    }
    throw error;
  }

  async function writeData(): Promise<number> {
    let count = 0;
    const colFmts = cols.map((c) => columnNumFmt(c.kind));
    // One style object per column, shared by all its cells: exceljs remembers the style id of a style object it
    // has seen, but gives every new cell a fresh copy of its column's style and so works the id out again for
    // each cell (measured: a fifth of the writer's time on 100,000 rows). A cell with its own format gets its own.
    const colStyles: Partial<ExcelJS.Style>[] = colFmts.map((numFmt) => ({ ...(numFmt ? { numFmt } : {}), ...(input.borders ? { border: THIN } : {}) }));
    // Empty cells stay absent (undefined): no cell element, the column's format still applies.
    const values: (string | number | Date | undefined)[] = new Array<string | number | Date | undefined>(n);
    const ownFmt: (string | undefined)[] = new Array<string | undefined>(n);
    for await (const page of input.pages) {
      input.throwIfCancelled?.();
      for (const rec of page) {
        for (let i = 0; i < n; i++) {
          const col = cols[i]!;
          const raw = col.value(rec);
          const safe = columnCell(col.kind, raw);
          values[i] = safe.value ?? undefined;
          // Only a cell whose format differs from its column's (formula-like text in a text column) gets its own.
          ownFmt[i] = safe.numFmt && safe.numFmt !== colFmts[i] ? safe.numFmt : undefined;
          if (col.numeric && typeof raw === 'number') sums[i]! += raw;
        }
        const row = ws.getRow(++rowNo);
        row.values = values;
        for (let i = 0; i < n; i++) {
          // Bordered lists draw the grid on empty cells too.
          if (values[i] === undefined && !input.borders) continue;
          row.getCell(i + 1).style = ownFmt[i] ? { ...colStyles[i], numFmt: ownFmt[i] } : colStyles[i]!;
        }
        row.commit();
      }
      count += page.length;
      input.onProgress?.(count);
      // Wait until the compressor has taken what the rows made, then give the rest of the process a turn
      // (progress polls, other calls).
      await sheetDrained(ws);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return count;
  }

  if (def.totalsRow) {
    rowNo++;
    const row = ws.getRow(rowNo);
    const labelAt = Math.max(0, cols.findIndex((c) => !c.numeric && c.field !== 'no'));
    const own = input.totals?.() ?? {};
    for (let i = 0; i < n; i++) {
      const cell = row.getCell(i + 1);
      const col = cols[i]!;
      if (i === labelAt) putCell(cell, textCell('JUMLAH'));
      else if (col.group === null && col.field in own) putCell(cell, columnCell(col.kind, own[col.field]));
      else if (col.numeric) putCell(cell, toCell(col.kind, sums[i]));
      cell.font = { bold: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
    row.commit();
  }

  // The filter's buttons sit on the row right above the data and its range ends with the data: a column-number
  // row is never filtered away or sorted into the list, nor is the JUMLAH row.
  const filter = { from: { row: lastHeader, column: 1 }, to: { row: Math.max(lastHeader, rowNo - (def.totalsRow ? 1 : 0)), column: n } };
  ws.autoFilter = filter;
  filterRange = `$A$${filter.from.row}:$${ws.getColumn(n).letter}$${filter.to.row}`;
  ws.commit();
  await wb.commit();
  return { rows: written };
}

/** The sheet a filter database is defined for: its position in the workbook, its name and its range ($A$5:$K$90). */
export interface FilterDatabase {
  sheetIndex: number;
  sheetName: string;
  range: string;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The workbook part with the hidden, sheet-local name `_xlnm._FilterDatabase` over the filter's range, as Excel
 * writes it beside a sheet's autoFilter. LibreOffice Calc builds a sheet's filter (its database range) from this
 * name and drops the autoFilter without it (issue 14).
 */
export function withFilterDatabase(workbookXml: string, db: FilterDatabase): string {
  const name = `<definedName name="_xlnm._FilterDatabase" localSheetId="${db.sheetIndex}" hidden="1">${xmlText(`'${db.sheetName.replace(/'/g, "''")}'!${db.range}`)}</definedName>`;
  if (workbookXml.includes('<definedNames>')) return workbookXml.replace('<definedNames>', `<definedNames>${name}`);
  if (workbookXml.includes('<definedNames/>')) return workbookXml.replace('<definedNames/>', `<definedNames>${name}</definedNames>`);
  return workbookXml.replace('</sheets>', `</sheets><definedNames>${name}</definedNames>`);
}

/**
 * exceljs's streaming writer renders defined names without their `hidden` flag and has no filter database; its
 * workbook part is added to the zip as one string at commit, so the name is put in there.
 */
function defineFilterDatabase(wb: ExcelJS.stream.xlsx.WorkbookWriter, at: () => FilterDatabase | null): void {
  const zip = (wb as unknown as { zip: { append(source: unknown, data: { name: string }): unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => {
    const db = data.name === '/xl/workbook.xml' && typeof source === 'string' ? at() : null;
    return append(db ? withFilterDatabase(source as string, db) : source, data);
  };
}
