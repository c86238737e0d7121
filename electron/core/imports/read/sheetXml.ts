/**
 * The workbook parts an import needs, read with the XmlScanner: shared strings, which cell styles show dates,
 * and a sheet's rows as RawRows.
 *
 * Cells become CellValues as the file holds them (types.ts): numbers stay numbers, a number whose style has a
 * date format is a Date, a formula gives its cached result, shared and inline rich text are concatenated
 * (phonetic runs left out), booleans are booleans, an error value is its text ("#N/A").
 */
import { excelSerialToDate, isDateFormat } from './cells';
import { XmlScanner, decodeXml, type XmlHandler } from './xmlScan';
import type { CellValue, RawRow } from './types';

/** Excel's built-in number formats that show a date or time (ids 14–22, 45–47, and the East Asian 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

async function scanPart(chunks: AsyncIterable<Uint8Array>, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  for await (const c of chunks) scanner.write(c);
  scanner.end();
}

/** xl/sharedStrings.xml → the strings by index. */
export async function readSharedStrings(chunks: AsyncIterable<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  let current = '';
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  await scanPart(chunks, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 't') inT = inSi && phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        out.push(current);
        inSi = false;
      }
    },
    text(raw, start, end) {
      if (inT) current += decodeXml(raw.slice(start, end));
    },
    cdata(text) {
      if (inT) current += text;
    },
  });
  return out;
}

/** xl/styles.xml → per cell style (the `s` of a cell), whether it shows a date. */
export async function readDateStyles(chunks: AsyncIterable<Uint8Array>): Promise<boolean[]> {
  const customFormats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(chunks, {
    open(name, _selfClosing, tag) {
      if (name === 'numFmt') customFormats.set(Number(tag.attr('numFmtId')), tag.attr('formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(tag.attr('numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
    cdata() {},
  });
  return xfFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id);
  });
}

export interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/** 'AB12' → 28 (1-based column of a cell reference); 0 when it has no letters. */
function refColumn(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/**
 * The rows of one sheet's XML, pushed chunk by chunk: write() returns the rows completed by that chunk.
 * Row and cell references are optional in the format (a missing one means "the next"); both are honoured.
 */
export class SheetRowReader {
  private readonly scanner: XmlScanner;
  private out: RawRow[] = [];
  private inData = false;
  private rowNumber = 0;
  private cells: CellValue[] = [];
  private col = 0;
  private type: string | null = null;
  private style = 0;
  /** Collecting the text of <v> or of an inline string's <t>. */
  private collecting = false;
  private value = '';
  private hasValue = false;
  private phonetic = 0;
  private inInline = false;

  constructor(private readonly ctx: SheetContext) {
    this.scanner = new XmlScanner(this);
  }

  write(bytes: Uint8Array): RawRow[] {
    this.scanner.write(bytes);
    const rows = this.out;
    this.out = [];
    return rows;
  }

  end(): RawRow[] {
    this.scanner.end();
    const rows = this.out;
    this.out = [];
    return rows;
  }

  open(name: string, selfClosing: boolean, s: XmlScanner): void {
    switch (name) {
      case 'c': {
        if (!this.inData) return;
        const ref = s.attr('r');
        const col = ref ? refColumn(ref) : 0;
        this.col = col > 0 ? col : this.col + 1;
        this.type = s.attr('t');
        const style = s.attr('s');
        this.style = style ? Number(style) : 0;
        this.value = '';
        this.hasValue = false;
        return;
      }
      case 'v':
        if (this.inData && !this.inInline) {
          this.collecting = true;
          this.hasValue = true;
          this.value = '';
        }
        return;
      case 't':
        if (this.inInline && this.phonetic === 0) {
          this.collecting = true;
          this.hasValue = true;
        }
        return;
      case 'is':
        this.inInline = true;
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 'row': {
        if (!this.inData) return;
        const r = s.attr('r');
        const num = r ? Number(r) : NaN;
        this.rowNumber = Number.isInteger(num) && num > 0 ? num : this.rowNumber + 1;
        this.cells = [];
        this.col = 0;
        return;
      }
      case 'sheetData':
        this.inData = !selfClosing;
        return;
      default:
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'c':
        // A cell without a value (styled, or a formula never calculated) still widens the row, as in Excel.
        if (this.inData) this.setCell(this.hasValue ? this.cellValue() : null);
        this.hasValue = false;
        return;
      case 'row':
        if (this.inData) this.out.push({ row: this.rowNumber, cells: this.cells });
        return;
      case 'sheetData':
        this.inData = false;
        return;
      default:
    }
  }

  text(raw: string, start: number, end: number): void {
    if (this.collecting) this.value += decodeXml(raw.slice(start, end));
  }

  cdata(text: string): void {
    if (this.collecting) this.value += text;
  }

  private setCell(v: CellValue): void {
    const cells = this.cells;
    const i = this.col - 1;
    while (cells.length < i) cells.push(null);
    cells[i] = v;
  }

  private cellValue(): CellValue {
    const v = this.value;
    switch (this.type) {
      case 's': {
        const s = this.ctx.sharedStrings[Number(v)];
        return s === undefined ? null : s;
      }
      case 'inlineStr':
      case 'str':
        return v;
      case 'b':
        return v.trim() === '1' || v.trim() === 'true';
      case 'e':
        return v.trim();
      case 'd': {
        const d = new Date(v.trim());
        return Number.isNaN(d.getTime()) ? v : d;
      }
      default: {
        if (v.trim() === '') return null;
        const num = Number(v);
        if (Number.isNaN(num)) return v;
        return this.ctx.dateStyles[this.style] === true ? excelSerialToDate(num, this.ctx.date1904) : num;
      }
    }
  }
}
