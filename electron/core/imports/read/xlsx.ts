/**
 * One forward pass over an .xlsx with exceljs's streaming WorkbookReader: worksheets come in archive order,
 * rows one at a time, so a 100,000-row sheet is never held whole. (exceljs spools sheets to temporary files
 * when xl/sharedStrings.xml comes after them in the zip, as Excel writes it; that is its own behaviour.)
 *
 * Cells are carried as the sheet holds them (types.ts CellValue): numbers stay numbers, date-formatted numbers
 * are Dates (exceljs, using the cached styles), a formula gives its cached result (a Date when the cell has a
 * date format), rich text is concatenated, an error value becomes its text ("#N/A").
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { excelSerialToDate, isDateFormat } from './cells';
import { ImportReadError, readErrors } from './errors';
import type { CellValue, RawRow } from './types';
import type { XlsxSheetEntry } from './xlsxIndex';

export const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  entries: 'emit',
} as const;

/** The fields of exceljs's WorksheetReader that its typings leave out. */
export interface StreamWorksheet extends AsyncIterable<ExcelJS.Row> {
  id: number | string;
  name: string;
  state?: string;
  /** The sheet XML source: an fs.ReadStream when exceljs spooled it to a temporary file. */
  iterator?: unknown;
}

/** The sequence of rows of one sheet plus the resources behind it. */
export interface RowPass {
  rows: AsyncIterator<RawRow>;
  bytesRead(): number;
  close(): Promise<void>;
}

function richTextToString(parts: readonly { text?: unknown }[]): string {
  let s = '';
  for (const p of parts) if (typeof p.text === 'string') s += p.text;
  return s;
}

function resultValue(result: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
  if (result === null || result === undefined) return null;
  if (typeof result === 'number') {
    if (Number.isNaN(result)) return null;
    return isDateFormat(numFmt) ? excelSerialToDate(result, date1904) : result;
  }
  if (typeof result === 'string' || typeof result === 'boolean' || result instanceof Date) return result;
  if (typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
  return null;
}

/** An exceljs cell → CellValue (see the file comment). */
export function toCellValue(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  const v: unknown = cell.value;
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return v;
    case 'object':
      break;
    default:
      return null;
  }
  if (v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) return resultValue(o.result, cell.numFmt, date1904);
  if (Array.isArray(o.richText)) return richTextToString(o.richText as { text?: unknown }[]);
  if ('error' in o) return String(o.error);
  if ('text' in o) {
    const t = o.text;
    if (typeof t === 'string') return t;
    if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
      return richTextToString((t as { richText: { text?: unknown }[] }).richText);
    }
  }
  return null;
}

async function* chunksOf(bytes: Uint8Array, count: (n: number) => void): AsyncGenerator<Buffer> {
  const size = 1 << 20;
  for (let i = 0; i < bytes.byteLength; i += size) {
    const part = bytes.subarray(i, Math.min(bytes.byteLength, i + size));
    count(part.byteLength);
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

/** The file as a byte stream that counts what it has handed out. */
export function openByteStream(input: { path: string } | { bytes: Uint8Array }): {
  stream: Readable;
  bytesRead(): number;
} {
  if ('path' in input) {
    const s = fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
    return { stream: s, bytesRead: () => s.bytesRead };
  }
  let n = 0;
  const s = Readable.from(
    chunksOf(input.bytes, (k) => (n += k)),
    { objectMode: false },
  );
  return { stream: s, bytesRead: () => n };
}

function wrap(e: unknown, fileName: string): ImportReadError {
  return e instanceof ImportReadError ? e : readErrors.corrupt(fileName, e);
}

/** Does this worksheet emitted by exceljs correspond to that sheet of the index? */
export function isSheet(ws: StreamWorksheet, entry: XlsxSheetEntry, all: readonly XlsxSheetEntry[]): boolean {
  // exceljs names a worksheet from workbook.xml only when the relationship target reads
  // "worksheets/sheetN.xml"; otherwise it keeps id = N and the name "SheetN".
  const named = all.find((s) => s.name === ws.name && /^worksheets\/sheet\d+\.xml$/.test(s.relTarget));
  if (named) return named === entry;
  return entry.path === `xl/worksheets/sheet${String(ws.id)}.xml`;
}

export class XlsxPass {
  private readonly source: { stream: Readable; bytesRead(): number };
  private readonly sheets: AsyncIterator<StreamWorksheet>;
  private currentRows: AsyncGenerator<RawRow> | null = null;
  private closed = false;

  constructor(
    input: { path: string } | { bytes: Uint8Array },
    private readonly fileName: string,
    private readonly date1904: boolean,
  ) {
    this.source = openByteStream(input);
    this.source.stream.on('error', () => {
      /* surfaced through the reader */
    });
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(this.source.stream, READER_OPTIONS);
    this.sheets = (reader as unknown as AsyncIterable<StreamWorksheet>)[Symbol.asyncIterator]();
  }

  bytesRead(): number {
    return this.source.bytesRead();
  }

  /** The next worksheet in archive order, or null. Any sheet taken before and not read is drained. */
  async nextSheet(): Promise<StreamWorksheet | null> {
    await this.releaseRows();
    try {
      const r = await this.sheets.next();
      return r.done ? null : r.value;
    } catch (e) {
      throw wrap(e, this.fileName);
    }
  }

  /** A sheet that will not be read: close its temporary-file stream if exceljs spooled it. */
  discard(ws: StreamWorksheet): void {
    const src = ws.iterator as { destroy?: () => void } | undefined;
    if (src && typeof src.destroy === 'function' && src instanceof fs.ReadStream) src.destroy();
  }

  /** The rows of `ws` as RawRows. Only one sheet's rows are open at a time. */
  rowsOf(ws: StreamWorksheet): AsyncGenerator<RawRow> {
    const date1904 = this.date1904;
    const fileName = this.fileName;
    async function* gen(): AsyncGenerator<RawRow> {
      try {
        for await (const row of ws) {
          const cells: CellValue[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            cells[col - 1] = toCellValue(cell, date1904);
          });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          yield { row: row.number, cells };
        }
      } catch (e) {
        throw wrap(e, fileName);
      }
    }
    this.currentRows = gen();
    return this.currentRows;
  }

  private async releaseRows(): Promise<void> {
    const rows = this.currentRows;
    this.currentRows = null;
    if (rows) {
      try {
        await rows.return(undefined);
      } catch {
        /* already failed */
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.releaseRows();
    try {
      await this.sheets.return?.();
    } catch {
      /* closing */
    }
    this.source.stream.destroy();
  }
}

/** A fresh pass positioned on `entry`'s rows from the top; null when the sheet is not in the archive. */
export async function openSheetPass(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  date1904: boolean,
  entry: XlsxSheetEntry,
  all: readonly XlsxSheetEntry[],
): Promise<RowPass | null> {
  const pass = new XlsxPass(input, fileName, date1904);
  try {
    for (;;) {
      const ws = await pass.nextSheet();
      if (!ws) {
        await pass.close();
        return null;
      }
      if (isSheet(ws, entry, all)) {
        const rows = pass.rowsOf(ws);
        return { rows, bytesRead: () => pass.bytesRead(), close: () => pass.close() };
      }
      pass.discard(ws);
    }
  } catch (e) {
    await pass.close();
    throw e;
  }
}
