/**
 * .xls (Excel 97–2003, BIFF8 in an OLE compound file) and .ods (OpenDocument) read with SheetJS CE
 * (`@e965/xlsx`, the npm build of SheetJS 0.20.x; not `xlsx` 0.18.5, which has known advisories), giving the same
 * RawRows as the .xlsx reader: numbers stay numbers (a NIK typed as a number is a number, flagged downstream
 * exactly as from .xlsx), a number shown with a date format is a Date at UTC midnight (excelSerialToDate, the
 * workbook's 1904 flag honoured), a formula gives its cached value, an error its text ("#N/A"), text longer
 * than Excel's 32,767 characters is cut and the cell marked overlong, far longer text is CELL_TOO_LARGE.
 *
 * SheetJS parses a whole file in memory and synchronously, so:
 * - the file is capped at LIMITS.legacyBytes (sniff.ts);
 * - an .ods is never handed to SheetJS as it came: its zip is read here under the .xlsx reader's limits
 *   (stated and real sizes, ratio, CRC-32; see xlsxIndex.ts), content.xml is capped at LIMITS.odsXmlBytes and
 *   pre-scanned for the cells its repeated rows and columns would make (LIMITS.legacyCells, grid bounds) and for
 *   hidden tables (SheetJS does not report them), and only content.xml and styles.xml are passed on, re-packed
 *   uncompressed (so no entry SheetJS inflates can be a zip bomb);
 * - the caller's cancel hook runs between chunks of that pre-scan and every ROWS_PER_BATCH rows handed out; the
 *   SheetJS parse itself cannot be interrupted (measured: ~5 s for a 26 MB .xls of 65,000 rows × 15 columns).
 */
import fs from 'node:fs';
import type * as XLSX from '@e965/xlsx';
import { columnLetter, excelSerialToDate, isDateFormat } from './cells';
import { LIMITS, ReadFault, readErrors } from './errors';
import type { CellValue, MergeRange, RawRow } from './types';
import type { RowPass } from './xlsx';
import { XmlScanner } from './xmlScan';
import { openZip } from './xlsxIndex';

const ROWS_PER_BATCH = 256;

/** One sheet of a parsed .xls/.ods. */
export interface LegacySheet {
  name: string;
  hidden: boolean;
  merges: MergeRange[];
  /** Last row holding a cell (1-based), or 0 when the sheet is empty. */
  lastRow: number;
  /** Rows handed out from the top; `check` runs between batches. */
  open(check: () => void): RowPass;
}

export interface LegacyBook {
  sheets: LegacySheet[];
}

/** BIFF error codes as Excel shows them. */
const ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const READ_OPTS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellFormula: false,
  cellHTML: false,
  cellText: false,
  cellNF: true,
  cellDates: false,
  cellStyles: false,
  sheetStubs: false,
  bookVBA: false,
};

interface SheetCell {
  t?: string;
  v?: unknown;
  z?: unknown;
}

// --------------------------------------------------------------------------------------------- ODS

const MINIMAL_MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
  '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>';

function count(value: string | null): number {
  const n = value === null ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/**
 * Reads content.xml as it inflates: keeps its bytes, names the hidden tables, and counts the cells SheetJS would
 * create (a cell with a value or text, times its column and row repeats); refuses more than LIMITS.legacyCells
 * (FILE_TOO_EXPANDED) and a cell with content beyond Excel's grid (CELL_REF_INVALID).
 */
async function scanContent(
  chunks: AsyncIterable<Buffer>,
  fileName: string,
  check: () => void,
): Promise<{ bytes: Buffer; hidden: Set<string> }> {
  const parts: Buffer[] = [];
  const hiddenStyles = new Set<string>();
  const tableStyle = new Map<string, string>();
  let styleName: string | null = null;
  let table = '';
  let row = 0;
  let rowRepeat = 1;
  let col = 0;
  let cells = 0;
  const scanner = new XmlScanner({
    open(name, selfClosing, tag) {
      switch (name) {
        case 'style':
          styleName = tag.attr('family') === 'table' ? tag.attr('name') : null;
          return;
        case 'table-properties':
          if (styleName !== null && tag.attr('display') === 'false') hiddenStyles.add(styleName);
          return;
        case 'table':
          table = tag.attr('name') ?? '';
          tableStyle.set(table, tag.attr('style-name') ?? '');
          row = 0;
          return;
        case 'table-row':
          rowRepeat = count(tag.attr('number-rows-repeated'));
          col = 0;
          if (selfClosing) row += rowRepeat;
          return;
        case 'covered-table-cell':
          col += count(tag.attr('number-columns-repeated'));
          return;
        case 'table-cell': {
          const repeat = count(tag.attr('number-columns-repeated'));
          if (!selfClosing || tag.attr('value-type') !== null) {
            cells += repeat * rowRepeat;
            if (cells > LIMITS.legacyCells) throw readErrors.tooManyCells(fileName, `sheet "${table}"`);
            if (col + repeat > LIMITS.maxColumn || row + rowRepeat > LIMITS.maxRow) {
              throw new ReadFault('ref', `${columnLetter(Math.min(col + repeat, LIMITS.maxColumn + 1) - 1)}${row + rowRepeat}`);
            }
          }
          col += repeat;
          return;
        }
        default:
      }
    },
    close(name) {
      if (name === 'table-row') row += rowRepeat;
      else if (name === 'style') styleName = null;
    },
    text() {},
    cdata() {},
  });
  for await (const c of chunks) {
    check();
    scanner.write(c);
    parts.push(c);
  }
  scanner.end();
  const hidden = new Set<string>();
  for (const [name, style] of tableStyle) if (hiddenStyles.has(style)) hidden.add(name);
  return { bytes: Buffer.concat(parts), hidden };
}

async function odsWorkbook(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  check: () => void,
): Promise<{ wb: XLSX.WorkBook; hidden: Set<string> }> {
  const zip = await openZip(input, fileName, check);
  const manifest = await zip.readText('META-INF/manifest.xml');
  if (manifest !== null && manifest.includes('encryption-data')) throw readErrors.encrypted(fileName);
  const content = zip.entry('content.xml');
  if (!content) throw readErrors.notXlsx(fileName);
  if (content.uncompressedSize > LIMITS.odsXmlBytes) throw new ReadFault('expanded', 'content.xml');
  const stream = await zip.openEntry('content.xml');
  if (!stream) throw readErrors.notXlsx(fileName);
  const { bytes, hidden } = await scanContent(stream.chunks, fileName, check);
  const styles = await zip.readText('styles.xml');
  check();
  const { CFB } = await sheetJs();
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'META-INF/manifest.xml', Buffer.from(MINIMAL_MANIFEST));
  CFB.utils.cfb_add(cfb, 'content.xml', bytes);
  if (styles !== null) CFB.utils.cfb_add(cfb, 'styles.xml', Buffer.from(styles));
  const stored = CFB.write(cfb, { fileType: 'zip', type: 'buffer' }) as Buffer;
  return { wb: await parse(stored), hidden };
}

// ---------------------------------------------------------------------------------------------- both

/**
 * SheetJS, loaded on the first .xls/.ods: it takes ~0.4 s to load, which every import's reader thread
 * (imports/readerThread.ts) would otherwise pay before its first .xlsx row.
 */
let sheetJsLib: Promise<typeof XLSX> | null = null;
function sheetJs(): Promise<typeof XLSX> {
  return (sheetJsLib ??= import('@e965/xlsx'));
}

/**
 * SheetJS's read, with its console complaints about ODS number formats it cannot map (it logs the style's
 * condition, harmless but noisy) kept out of the app's log. The read is synchronous, so nothing else logs meanwhile.
 */
async function parse(bytes: Uint8Array): Promise<XLSX.WorkBook> {
  const { read } = await sheetJs();
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('ODS number format may be incorrect')) return;
    error(...args);
  };
  try {
    return read(bytes, READ_OPTS);
  } catch (e) {
    // SheetJS's own words for a protected workbook (BIFF FilePass, an encrypted ODS manifest, OLE encryption
    // streams); not "Unsupported ZIP encryption", which it says of any compound file it cannot make sense of.
    if (e instanceof Error && /password-protected|Password is incorrect|Encryption scheme unsupported|ODS Encryption/.test(e.message)) {
      throw new EncryptedLegacy();
    }
    throw e;
  } finally {
    console.error = error;
  }
}

class EncryptedLegacy extends Error {}

function cellValue(cell: SheetCell | null | undefined, date1904: boolean): CellValue {
  if (!cell) return null;
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : null;
    case 'n':
      if (typeof v !== 'number' || Number.isNaN(v)) return null;
      return typeof cell.z === 'string' && isDateFormat(cell.z) ? excelSerialToDate(v, date1904) : v;
    case 'b':
      return v === true;
    case 'e':
      return typeof v === 'number' ? (ERRORS[v] ?? '#ERROR') : null;
    case 'd':
      return v instanceof Date ? v : null;
    default:
      return null;
  }
}

function sheetOf(ws: XLSX.WorkSheet, name: string, hidden: boolean, date1904: boolean): LegacySheet {
  const data = ((ws as { '!data'?: (SheetCell[] | undefined)[] })['!data'] ?? []);
  const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({
    top: m.s.r + 1,
    left: m.s.c + 1,
    bottom: m.e.r + 1,
    right: m.e.c + 1,
  }));
  let lastRow = 0;
  for (let r = data.length - 1; r >= 0; r--) {
    if (data[r]) {
      lastRow = r + 1;
      break;
    }
  }
  function toRaw(r: number, cellsIn: SheetCell[]): RawRow {
    const cells: CellValue[] = [];
    let overlong: number[] | undefined;
    let chars = 0;
    for (let c = 0; c < cellsIn.length; c++) {
      let v = cellValue(cellsIn[c], date1904);
      if (typeof v === 'string') {
        if (v.length > LIMITS.cellHardChars) throw new ReadFault('cell', `sel ${columnLetter(c)}${r + 1}`);
        if (v.length > LIMITS.cellChars) {
          v = v.slice(0, LIMITS.cellChars);
          (overlong ??= []).push(c);
        }
        chars += v.length;
        if (chars > LIMITS.rowChars) throw new ReadFault('cell', `baris ${r + 1}`);
      }
      cells.push(v);
    }
    // Trailing empty cells are not part of the row, as in the .xlsx reader (which sees no <c> for them).
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    const raw: RawRow = { row: r + 1, cells };
    if (overlong) raw.overlong = overlong;
    return raw;
  }
  return {
    name,
    hidden,
    merges,
    lastRow,
    open(check) {
      let next = 0;
      let done = false;
      async function* batches(): AsyncGenerator<RawRow[]> {
        while (next < lastRow && !done) {
          check();
          const out: RawRow[] = [];
          const end = Math.min(lastRow, next + ROWS_PER_BATCH);
          for (; next < end; next++) {
            const cellsIn = data[next];
            if (cellsIn) out.push(toRaw(next, cellsIn));
          }
          if (out.length > 0) yield out;
        }
      }
      const rows = batches();
      return {
        rows,
        bytesRead: () => next,
        async close() {
          done = true;
          await rows.return(undefined);
        },
      };
    },
  };
}

/**
 * Parses an .xls or .ods (already sniffed and size-checked). Errors: FILE_ENCRYPTED, FILE_NOT_XLSX,
 * FILE_TOO_EXPANDED (ODS repeats, zip bomb), CELL_REF_INVALID, CELL_TOO_LARGE; anything SheetJS throws is left
 * for asReadError() to report as FILE_CORRUPT. Caller's cancel errors pass through.
 */
export async function openLegacyBook(
  input: { path: string } | { bytes: Uint8Array },
  kind: 'xls' | 'ods',
  fileName: string,
  check: () => void,
): Promise<LegacyBook> {
  let wb: XLSX.WorkBook;
  let odsHidden = new Set<string>();
  try {
    if (kind === 'ods') {
      ({ wb, hidden: odsHidden } = await odsWorkbook(input, fileName, check));
    } else {
      const bytes = 'bytes' in input ? input.bytes : await fs.promises.readFile(input.path);
      check();
      wb = await parse(bytes);
    }
  } catch (e) {
    if (e instanceof EncryptedLegacy) throw readErrors.encrypted(fileName);
    throw e;
  }
  check();
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const props = wb.Workbook?.Sheets ?? [];
  const sheets = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const hidden = (props[i]?.Hidden ?? 0) !== 0 || odsHidden.has(name);
    return ws ? sheetOf(ws, name, hidden, date1904) : null;
  });
  return { sheets: sheets.filter((s): s is LegacySheet => s !== null) };
}
