/**
 * The workbook parts an import needs, read with the XmlScanner: shared strings, which cell styles show dates,
 * and a sheet's rows as RawRows.
 *
 * Cells become CellValues as the file holds them (types.ts): numbers stay numbers, a number whose style has a
 * date format is a Date, a formula gives its cached result, shared and inline rich text are concatenated
 * (phonetic runs left out), booleans are booleans, an error value is its text ("#N/A").
 */
import { columnLetter, excelSerialToDate, isDateFormat } from './cells';
import { LIMITS, ReadFault } from './errors';
import { XmlScanner, checkXmlChars, decodeXml, type AttrVisitor, type XmlHandler, type XmlScanOptions } from './xmlScan';
import type { CellValue, RawRow } from './types';

// The limits as plain constants: read per cell, and an imported binding may be a getter once compiled.
const { cellChars: CELL_CHARS, cellHardChars: CELL_HARD_CHARS, rowChars: ROW_CHARS, maxColumn: MAX_COLUMN, maxRow: MAX_ROW } = LIMITS;

/** Excel's built-in number formats that show a date or time (ids 14–22, 45–47, and the East Asian 27–36, 50–58). */
export const BUILTIN_DATE_FORMATS: ReadonlySet<number> = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

async function scanPart(
  chunks: AsyncIterable<Uint8Array>,
  handler: XmlHandler,
  check: () => void,
  options: XmlScanOptions,
): Promise<void> {
  const scanner = new XmlScanner(handler, options);
  for await (const c of chunks) {
    check();
    scanner.write(c);
  }
  scanner.end();
}

/**
 * One cell's (or shared string's) text as it arrives in pieces: kept up to Excel's 32,767 characters (beyond,
 * `overlong` is set and the rest dropped); more raw XML than CELL_HARD_CHARS is a ReadFault.
 */
class CellText {
  value = '';
  overlong = false;
  private raw = 0;

  reset(): void {
    this.value = '';
    this.overlong = false;
    this.raw = 0;
  }

  /** Adds raw[start, end) (entities decoded unless `decoded`); false when the hard limit is passed. */
  add(raw: string, start: number, end: number, decoded: boolean): boolean {
    this.raw += end - start;
    if (this.raw > CELL_HARD_CHARS) return false;
    if (this.overlong) return true;
    const piece = decoded ? raw.slice(start, end) : decodeXml(raw.slice(start, end));
    if (decoded) checkXmlChars(piece);
    const room = CELL_CHARS - this.value.length;
    if (piece.length <= room) this.value += piece;
    else {
      this.value += piece.slice(0, room);
      this.overlong = true;
    }
    return true;
  }
}

export interface SharedStrings {
  strings: string[];
  /** Indexes of strings longer than Excel's 32,767 characters (cut there). */
  overlong: Set<number>;
}

/**
 * xl/sharedStrings.xml → the strings by index, bounded: each string as CellText keeps it, at most
 * LIMITS.sharedStrings strings and LIMITS.sharedStringChars characters in all (else ReadFault 'expanded').
 */
export async function readSharedStrings(chunks: AsyncIterable<Uint8Array>, check: () => void = () => {}): Promise<SharedStrings> {
  const strings: string[] = [];
  const overlong = new Set<number>();
  const current = new CellText();
  let total = 0;
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  const where = 'xl/sharedStrings.xml';
  const add = (raw: string, start: number, end: number, decoded: boolean) => {
    if (!current.add(raw, start, end, decoded)) throw new ReadFault('cell', `teks bersama nomor ${strings.length + 1}`);
  };
  await scanPart(
    chunks,
    {
      open(name) {
        if (name === 'si') {
          inSi = true;
          current.reset();
        } else if (name === 't') inT = inSi && phonetic === 0;
        else if (name === 'rPh') phonetic++;
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') {
          if (current.overlong) overlong.add(strings.length);
          total += current.value.length;
          strings.push(current.value);
          if (strings.length > LIMITS.sharedStrings || total > LIMITS.sharedStringChars) {
            throw new ReadFault('expanded', where);
          }
          inSi = false;
        }
      },
      text(raw, start, end) {
        if (inT) add(raw, start, end, false);
      },
      cdata(text) {
        if (inT) add(text, 0, text.length, true);
      },
    },
    check,
    { strict: true },
  );
  return { strings, overlong };
}

/** xl/styles.xml → per cell style (the `s` of a cell), whether it shows a date. */
export async function readDateStyles(chunks: AsyncIterable<Uint8Array>, check: () => void = () => {}): Promise<boolean[]> {
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
  }, check, { thorough: true });
  return xfFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id);
  });
}

export interface SheetContext {
  sharedStrings: readonly string[];
  /** Shared strings cut at Excel's 32,767 characters: a cell showing one is marked overlong. */
  overlongShared?: ReadonlySet<number>;
  dateStyles: readonly boolean[];
  date1904: boolean;
}

/**
 * 'AB12' → 28: the 1-based column of the cell reference in text[start, end); 0 when it has no letters; -1 when
 * its row part (the digits after the letters, which the row's own number makes redundant) is past MAX_ROW.
 * One pass: this runs on every cell.
 */
function refColumn(text: string, start: number, end: number): number {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) & ~32; // upper case
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  let row = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  return row > MAX_ROW ? -1 : n;
}

/** The unsigned integer in text[start, end); NaN when it is not one. */
function uint(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return end > start ? n : NaN;
}

/** Cell types (the `t` attribute, ST_CellType): s, str, inlineStr, b, e, d, n (the default); anything else is a ReadFault. */
const TYPE_SHARED = 1;
const TYPE_STRING = 2;
const TYPE_BOOL = 3;
const TYPE_ERROR = 4;
const TYPE_DATE = 5;
const TYPE_NUMBER = 0;
/** SheetRowReader.digits before a value's text, and once it is not one piece of digits. */
const DIGITS_NONE = -1;
const DIGITS_TEXT = -2;

function cellType(text: string, start: number, end: number): number {
  const len = end - start;
  switch (text.charCodeAt(start)) {
    case 115: // s, str
      if (len === 1) return TYPE_SHARED;
      if (len === 3 && text.startsWith('str', start)) return TYPE_STRING;
      break;
    case 105: // inlineStr
      if (len === 9 && text.startsWith('inlineStr', start)) return TYPE_STRING;
      break;
    case 98: // b
      if (len === 1) return TYPE_BOOL;
      break;
    case 101: // e
      if (len === 1) return TYPE_ERROR;
      break;
    case 100: // d
      if (len === 1) return TYPE_DATE;
      break;
    case 110: // n
      if (len === 1) return TYPE_NUMBER;
      break;
    default:
  }
  throw new ReadFault('xml', `jenis sel "${text.slice(start, Math.min(end, start + 12))}" tidak dikenal`);
}

/**
 * The rows of one sheet's XML, pushed chunk by chunk: write() returns the rows completed by that chunk.
 * Row and cell references are optional in the format (a missing one means "the next"); both are honoured,
 * within Excel's grid (else ReadFault 'ref'). A cell's text is kept up to 32,767 characters and the cell then
 * listed in its row's `overlong`; a row holding more than ROW_CHARS characters is a ReadFault 'cell'.
 * Once </sheetData> is read, `finished` is set and the rest of the part need not be fed.
 */
export class SheetRowReader implements AttrVisitor {
  private readonly scanner: XmlScanner;
  private out: RawRow[] = [];
  private inData = false;
  /** </sheetData> has been read: nothing after it is a row. */
  finished = false;
  private rowNumber = 0;
  private cells: CellValue[] = [];
  private rowChars = 0;
  private overlong: number[] | null = null;
  private col = 0;
  private type = TYPE_NUMBER;
  private style = 0;
  /** What the attributes of the tag being opened gave (row: r; cell: r, s, t). */
  private refCol = 0;
  private refRow = NaN;
  private inRowTag = false;
  /** Collecting the text of <v> or of an inline string's <t>. */
  private collecting = false;
  private readonly value = new CellText();
  private hasValue = false;
  /**
   * The value's text when it is one piece of at most 15 digits (DIGITS_NONE before any text; DIGITS_TEXT once
   * it is not): a shared string's index or an integer, nearly every cell of a sheet, read where the chunk holds
   * it instead of as a string per cell. digitsRaw[digitsStart, digitsEnd) is that text, for a second piece.
   */
  private digits = DIGITS_NONE;
  private digitsRaw = '';
  private digitsStart = 0;
  private digitsEnd = 0;
  private phonetic = 0;
  private inInline = false;

  /** ctx.overlongShared when it has any (looked up per shared-string cell only then). */
  private readonly sharedLong: ReadonlySet<number> | null;

  constructor(private readonly ctx: SheetContext) {
    this.scanner = new XmlScanner(this, { strict: true });
    this.sharedLong = ctx.overlongShared && ctx.overlongShared.size > 0 ? ctx.overlongShared : null;
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
        this.refCol = 0;
        this.type = TYPE_NUMBER;
        this.style = 0;
        s.eachAttr(this);
        this.col = this.refCol > 0 ? this.refCol : this.col + 1;
        if (this.col > MAX_COLUMN) throw new ReadFault('ref', `kolom ke-${this.col} baris ${this.rowNumber}`);
        this.value.reset();
        this.digits = DIGITS_NONE;
        this.hasValue = false;
        // Not where the general path would ignore or join the cell's <v> (a damaged part's cell inside text).
        if (!selfClosing && !this.inInline && !this.collecting && this.type <= TYPE_SHARED) this.digitsCell(s);
        return;
      }
      case 'v':
        if (this.inData && !this.inInline) {
          this.collecting = true;
          this.hasValue = true;
          this.value.reset();
          this.digits = DIGITS_NONE;
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
        this.refRow = NaN;
        this.inRowTag = true;
        s.eachAttr(this);
        this.inRowTag = false;
        this.rowNumber = this.refRow > 0 ? this.refRow : this.rowNumber + 1;
        if (this.rowNumber > MAX_ROW) throw new ReadFault('ref', `baris ${this.rowNumber}`);
        this.cells = [];
        this.rowChars = 0;
        this.overlong = null;
        this.col = 0;
        return;
      }
      case 'sheetData':
        this.inData = !selfClosing;
        if (selfClosing) this.finished = true;
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
        if (this.inData) {
          const row: RawRow = { row: this.rowNumber, cells: this.cells };
          if (this.overlong) row.overlong = this.overlong;
          this.out.push(row);
        }
        return;
      case 'sheetData':
        if (this.inData) this.finished = true;
        this.inData = false;
        return;
      default:
    }
  }

  /** The attributes of <c> and <row>: r (both), s and t (cells). */
  attribute(text: string, localStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if (nameEnd - localStart !== 1) return;
    switch (text.charCodeAt(localStart)) {
      case 114: // r
        if (this.inRowTag) {
          this.refRow = uint(text, valueStart, valueEnd);
          if (this.refRow > MAX_ROW) throw new ReadFault('ref', text.slice(valueStart, valueEnd));
        } else {
          this.refCol = refColumn(text, valueStart, valueEnd);
          if (this.refCol > MAX_COLUMN || this.refCol < 0) {
            throw new ReadFault('ref', text.slice(valueStart, valueEnd));
          }
        }
        return;
      case 115: // s
        this.style = uint(text, valueStart, valueEnd) || 0;
        return;
      case 116: // t
        this.type = cellType(text, valueStart, valueEnd);
        return;
      default:
    }
  }

  text(raw: string, start: number, end: number): void {
    if (!this.collecting) return;
    if (this.digits === DIGITS_NONE && this.type <= TYPE_SHARED && end - start <= 15) {
      const n = uint(raw, start, end);
      if (n === n) {
        this.digits = n;
        this.digitsRaw = raw;
        this.digitsStart = start;
        this.digitsEnd = end;
        return;
      }
    }
    this.digitsAsText();
    if (!this.value.add(raw, start, end, false)) this.tooLarge();
  }

  cdata(text: string): void {
    if (!this.collecting) return;
    this.digitsAsText();
    if (!this.value.add(text, 0, text.length, true)) this.tooLarge();
  }

  /**
   * A cell written `<v>digits</v></c>` right after its start tag (a shared string's index or an integer: nearly
   * every cell of a sheet) read here in one step, instead of as three more tags and a text for the scan to
   * report; any other content (a prefix, spaces, a formula, text cut by the chunk's end) is left to the scan.
   */
  private digitsCell(tag: XmlScanner): void {
    const t = tag.text;
    const p = tag.contentStart;
    if (t.charCodeAt(p) !== 60 || t.charCodeAt(p + 1) !== 118 || t.charCodeAt(p + 2) !== 62) return; // <v>
    let q = p + 3;
    let n = 0;
    for (const end = Math.min(t.length, p + 19); q < end; q++) {
      const d = t.charCodeAt(q) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (q === p + 3 || q - p - 3 > 15 || !t.startsWith('</v></c>', q)) return;
    this.digits = n;
    this.digitsRaw = t;
    this.digitsStart = p + 3;
    this.digitsEnd = q;
    this.setCell(this.cellValue());
    tag.consume(q + 8);
  }

  /** More text follows: the digits held so far become the start of the value's text. */
  private digitsAsText(): void {
    if (this.digits >= 0) this.value.add(this.digitsRaw, this.digitsStart, this.digitsEnd, false);
    this.digits = DIGITS_TEXT;
  }

  private tooLarge(): never {
    throw new ReadFault('cell', `sel ${columnLetter(this.col - 1)}${this.rowNumber}`);
  }

  private setCell(v: CellValue): void {
    const cells = this.cells;
    const i = this.col - 1;
    while (cells.length < i) cells.push(null);
    cells[i] = v;
    if (typeof v === 'string') {
      this.rowChars += v.length;
      if (this.rowChars > ROW_CHARS) throw new ReadFault('cell', `baris ${this.rowNumber}`);
    }
  }

  /** Shared string number i (written as `text`). */
  private sharedString(i: number, text?: string): string {
    const s = this.ctx.sharedStrings[i];
    // An index the table does not have: the file is damaged (the table cut, or missing).
    if (s === undefined) {
      const written = text ?? this.digitsRaw.slice(this.digitsStart, this.digitsEnd);
      throw new ReadFault('xml', `teks bersama nomor ${written.slice(0, 12)}`);
    }
    if (this.sharedLong?.has(i) === true) this.markOverlong();
    return s;
  }

  private markOverlong(): void {
    (this.overlong ??= []).push(this.col - 1);
  }

  private cellValue(): CellValue {
    const n = this.digits;
    if (n >= 0) {
      if (this.type === TYPE_SHARED) return this.sharedString(n);
      return this.ctx.dateStyles[this.style] === true ? excelSerialToDate(n, this.ctx.date1904) : n;
    }
    const v = this.value.value;
    if (this.value.overlong) this.markOverlong();
    switch (this.type) {
      case TYPE_SHARED:
        return this.sharedString(Number(v), v);
      case TYPE_STRING:
        return v;
      case TYPE_BOOL:
        return v.trim() === '1' || v.trim() === 'true';
      case TYPE_ERROR:
        return v.trim();
      case TYPE_DATE: {
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
