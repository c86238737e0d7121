/**
 * Rows of one .xlsx sheet, streamed by exceljs's streaming reader.
 *
 * We construct exceljs's `stream.xlsx.WorkbookReader` with the streaming options and let it parse the
 * workbook parts exactly as its own forward pass does (workbook.xml, shared strings, styles — needed to know
 * which numbers are dates — then the worksheet row by row with its WorksheetReader), but we hand it each part
 * from the zip's central directory (xlsxIndex.ts) instead of letting it pipe the whole file through unzipper's
 * Parse: that pass can drop the last entries of the archive (see xlsxIndex.ts), visits sheets in archive
 * order, and spools every sheet to a temporary file when sharedStrings.xml comes after them (Excel's order).
 * This relies on five methods of WorkbookReader that are not in its typings (`_parseWorkbook`, `_parseRels`,
 * `_parseSharedStrings`, `_parseStyles`, `_parseWorksheet`; exceljs 4.4); `bookInternals()` checks they exist
 * and the tests exercise them.
 *
 * Cells are carried as the sheet holds them (types.ts CellValue): numbers stay numbers, date-formatted numbers
 * are Dates (exceljs, using the cached styles), a formula gives its cached result (a Date when the cell has a
 * date format), rich text is concatenated, an error value becomes its text ("#N/A").
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { excelSerialToDate, isDateFormat } from './cells';
import { ImportReadError, readErrors } from './errors';
import type { CellValue, RawRow } from './types';
import type { XlsxIndex, XlsxSheetEntry } from './xlsxIndex';

const PARSE_PIECE = 64 * 1024;

export const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  entries: 'emit',
} as const;

/** exceljs's WorksheetReader, with the members its typings leave out. */
export interface StreamWorksheet extends AsyncIterable<ExcelJS.Row> {
  /** Its parser: per chunk of sheet XML, the events produced ('row' events carry a Row). */
  parse(): AsyncGenerator<{ eventType: string; value: unknown }[]>;
  id: number | string;
  name: string;
  state?: string;
}

/** The WorkbookReader methods used to feed it parts from the central directory. */
interface BookInternals {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseRels(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const INTERNAL_METHODS = ['_parseWorkbook', '_parseRels', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const;

function bookInternals(reader: ExcelJS.stream.xlsx.WorkbookReader): BookInternals {
  const r = reader as unknown as Record<string, unknown>;
  for (const m of INTERNAL_METHODS) {
    if (typeof r[m] !== 'function') throw new Error(`exceljs WorkbookReader.${m} is missing (exceljs version changed?)`);
  }
  return reader as unknown as BookInternals;
}

/** The rows of one sheet, in batches (one per chunk of sheet XML), plus the resources behind them. */
export interface RowPass {
  rows: AsyncIterator<RawRow[]>;
  /** Bytes of the sheet read so far (xlsx: uncompressed sheet XML; CSV: the file). */
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

function wrap(e: unknown, fileName: string): ImportReadError {
  return e instanceof ImportReadError ? e : readErrors.corrupt(fileName, e);
}

/** The workbook-level parts parsed once; sheets are then opened by their archive path, any number of times. */
export class XlsxBook {
  private constructor(
    private readonly index: XlsxIndex,
    private readonly reader: BookInternals,
    private readonly fileName: string,
  ) {}

  static async open(index: XlsxIndex, fileName: string): Promise<XlsxBook> {
    // The input is never read: parts are handed over from the central directory below.
    const wb = new ExcelJS.stream.xlsx.WorkbookReader(fileName, READER_OPTIONS);
    const reader = bookInternals(wb);
    const part = (path: string): Promise<Readable | null> => index.openEntry(path);
    try {
      const workbook = await part('xl/workbook.xml');
      if (!workbook) throw readErrors.notXlsx(fileName);
      await reader._parseWorkbook(workbook);
      const rels = await part('xl/_rels/workbook.xml.rels');
      if (rels) await reader._parseRels(rels);
      const shared = await part('xl/sharedStrings.xml');
      if (shared) {
        for await (const _ of reader._parseSharedStrings(shared)) void _;
      }
      const styles = await part('xl/styles.xml');
      if (styles) await reader._parseStyles(styles);
    } catch (e) {
      throw wrap(e, fileName);
    }
    return new XlsxBook(index, reader, fileName);
  }

  /**
   * The rows of a sheet from the top, as RawRows in batches: exceljs's WorksheetReader.parse() yields the rows
   * of each chunk of XML together, and taking them so saves an await per row.
   */
  async openSheet(entry: XlsxSheetEntry): Promise<RowPass> {
    let stream: Readable | null;
    try {
      stream = await this.index.openEntry(entry.path);
    } catch (e) {
      throw wrap(e, this.fileName);
    }
    if (!stream) throw readErrors.corrupt(this.fileName);
    const source = stream;
    stream.on('error', () => {
      /* surfaced through the iteration below */
    });
    let read = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      // The stream hands out everything buffered ahead (up to 4 MB); exceljs's XML parser is fastest on
      // pieces of about 64 KB, which also keeps progress fine-grained.
      for await (const chunk of source as AsyncIterable<Buffer>) {
        for (let i = 0; i < chunk.length; i += PARSE_PIECE) {
          const piece = chunk.subarray(i, i + PARSE_PIECE);
          read += piece.length;
          yield piece;
        }
      }
    }
    const sheetNo = /sheet(\d+)\.xml$/.exec(entry.path)?.[1] ?? '1';
    const emitted = this.reader._parseWorksheet(counted(), sheetNo).next();
    if (emitted.done || !emitted.value) throw readErrors.corrupt(this.fileName);
    const ws = emitted.value.value as StreamWorksheet;
    const date1904 = this.index.date1904;
    const fileName = this.fileName;
    async function* batches(): AsyncGenerator<RawRow[]> {
      try {
        for await (const events of ws.parse()) {
          const batch: RawRow[] = [];
          for (const ev of events) {
            if (ev.eventType !== 'row') continue;
            const row = ev.value as ExcelJS.Row;
            const cells = new Array<CellValue>(row.cellCount).fill(null);
            row.eachCell({ includeEmpty: false }, (cell, col) => {
              cells[col - 1] = toCellValue(cell, date1904);
            });
            batch.push({ row: row.number, cells });
          }
          if (batch.length > 0) yield batch;
        }
      } catch (e) {
        throw wrap(e, fileName);
      }
    }
    const rows = batches();
    let closed = false;
    return {
      rows,
      bytesRead: () => read,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await rows.return(undefined);
        } catch {
          /* already failed */
        }
        source.destroy();
      },
    };
  }

  /** Uncompressed size of a sheet's XML (for progress). */
  sheetSize(entry: XlsxSheetEntry): number {
    return this.index.entry(entry.path)?.uncompressedSize ?? 0;
  }
}
