/**
 * The one way the app puts a value into an exported Excel cell. Shared by every feature that writes .xlsx
 * (exports, meeting recaps, the rejected-rows file of an import).
 *
 * Guarantees:
 * - a value is only ever a string, number or Date — never an object — so nothing from user data can become
 *   a formula, hyperlink or rich text;
 * - text that starts like a formula (= + - @, tab, CR) is stored as a string in a cell formatted as Text
 *   ("@"), so Excel neither evaluates it on open nor turns it into a formula when the user edits the cell;
 * - NIK and No KK are always text cells (Excel keeps only 15 digits of a number);
 * - characters XML 1.0 cannot hold are dropped (they would make the file unreadable), and text is cut at
 *   Excel's 32,767-character cell limit.
 */
import type { Cell } from 'exceljs';
import { formatTanggal, parseIso } from '../../../shared/domain/tanggal';

export interface SafeCell {
  value: string | number | Date | null;
  /** Excel number format; absent = the column's (or General). */
  numFmt?: string;
}

export const NUMFMT = {
  text: '@',
  integer: '#,##0',
  kode: '0',
  decimal: '#,##0.00',
  rupiah: '"Rp "#,##0',
  percent: '0.00%',
  date: 'dd/mm/yyyy',
} as const;

const EXCEL_MAX_TEXT = 32_767;
// XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates without a partner and U+FFFE/FFFF.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** True when Excel (or LibreOffice) would read the text as a formula if it were typed into a cell. */
export function isFormulaLike(text: string): boolean {
  const c = text.charCodeAt(0);
  // = + - @ tab CR
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

export function cleanText(text: string): string {
  // The cheap test first: almost no text has anything to remove (this runs for every cell of an export).
  const clean = MAYBE_INVALID.test(text) ? text.replace(XML_INVALID, '') : text;
  return clean.length > EXCEL_MAX_TEXT ? clean.slice(0, EXCEL_MAX_TEXT) : clean;
}

const EMPTY: SafeCell = { value: null };

/** Free text from user data. Empty string → empty cell. */
export function textCell(raw: unknown): SafeCell {
  if (raw == null) return EMPTY;
  const text = cleanText(typeof raw === 'string' ? raw : String(raw));
  if (text === '') return EMPTY;
  return isFormulaLike(text) ? { value: text, numFmt: NUMFMT.text } : { value: text };
}

/**
 * NIK, No KK, ID DTKS, kode wilayah: always a text cell in a Text-formatted column, whatever the input type.
 * A number is written with all its digits (never in exponent form).
 */
export function idCell(raw: unknown): SafeCell {
  if (raw == null) return EMPTY;
  let text: string;
  if (typeof raw === 'number') text = Number.isFinite(raw) ? raw.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 }) : '';
  else if (typeof raw === 'bigint') text = raw.toString();
  else text = cleanText(String(raw)).trim();
  return text === '' ? EMPTY : { value: text, numFmt: NUMFMT.text };
}

/** A number cell; non-numbers (null, '', NaN, text) become an empty cell rather than a wrong zero. */
export function numberCell(raw: unknown, numFmt: string = NUMFMT.integer): SafeCell {
  const n = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && raw.trim() !== '' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isFinite(n) ? { value: n, numFmt } : EMPTY;
}

/** An ISO date as a real Excel date shown dd/mm/yyyy; a stored value that is not a date stays visible as text. */
export function dateCell(iso: unknown): SafeCell {
  if (iso == null || iso === '') return EMPTY;
  if (iso instanceof Date) return Number.isNaN(iso.getTime()) ? EMPTY : { value: iso, numFmt: NUMFMT.date };
  const ymd = parseIso(String(iso));
  if (!ymd) return textCell(iso);
  return { value: new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day)), numFmt: NUMFMT.date };
}

/** An ISO date written as the text 'dd/mm/yyyy' (what upload templates such as SIKS-NG expect). */
export function dateTextCell(iso: unknown): SafeCell {
  if (iso == null || iso === '') return EMPTY;
  if (iso instanceof Date) {
    return Number.isNaN(iso.getTime()) ? EMPTY : { value: formatTanggal(iso.toISOString().slice(0, 10)), numFmt: NUMFMT.text };
  }
  const text = cleanText(formatTanggal(String(iso)));
  return text === '' ? EMPTY : { value: text, numFmt: NUMFMT.text };
}

/**
 * A code the receiving template keeps as a number (RT, RW, SIKS-NG's kode jenis disabilitas): "003" → 3. A value
 * that is not a whole number stays visible as text instead of being dropped.
 */
export function kodeCell(raw: unknown): SafeCell {
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (typeof text === 'string' && /^\d{1,15}$/.test(text)) return { value: Number(text), numFmt: NUMFMT.kode };
  if (typeof text === 'number' && Number.isInteger(text)) return { value: text, numFmt: NUMFMT.kode };
  return textCell(text);
}

export type CellKind = 'text' | 'id' | 'kode' | 'integer' | 'decimal' | 'rupiah' | 'percent' | 'date' | 'dateText';

/** The cell for a value of a column of the given kind. */
export function toCell(kind: CellKind, raw: unknown): SafeCell {
  switch (kind) {
    case 'text':
      return textCell(raw);
    case 'id':
      return idCell(raw);
    case 'kode':
      return kodeCell(raw);
    case 'integer':
      return numberCell(raw, NUMFMT.integer);
    case 'decimal': {
      // Quantities: 3 karung print as 3, never 3,00; only a fraction (2,5 kg) shows its decimals.
      const cell = numberCell(raw, NUMFMT.decimal);
      return typeof cell.value === 'number' && Number.isInteger(cell.value) ? { ...cell, numFmt: NUMFMT.integer } : cell;
    }
    case 'rupiah':
      return numberCell(raw, NUMFMT.rupiah);
    case 'percent':
      return numberCell(raw, NUMFMT.percent);
    case 'date':
      return dateCell(raw);
    case 'dateText':
      return dateTextCell(raw);
  }
}

/** The number format a whole column of this kind gets (cells that differ carry their own). */
export function columnNumFmt(kind: CellKind): string | undefined {
  switch (kind) {
    case 'id':
    case 'dateText':
      return NUMFMT.text;
    case 'integer':
    case 'decimal':
      // Whole quantities are the common case; a fraction carries its own format.
      return NUMFMT.integer;
    case 'rupiah':
      return NUMFMT.rupiah;
    case 'percent':
      return NUMFMT.percent;
    case 'date':
      return NUMFMT.date;
    case 'kode':
      return NUMFMT.kode;
    case 'text':
      return undefined;
  }
}

const NUMERIC_KINDS: ReadonlySet<CellKind> = new Set(['integer', 'decimal', 'rupiah', 'percent']);

/**
 * The cell of an exported column. Like toCell, except that text a source gives for a number column on purpose
 * (a quantity in several units: "1 karung, 2 botol") is written as text rather than dropped.
 */
export function columnCell(kind: CellKind, raw: unknown): SafeCell {
  const cell = toCell(kind, raw);
  return cell.value === null && typeof raw === 'string' && NUMERIC_KINDS.has(kind) ? textCell(raw) : cell;
}

/** Writes a SafeCell into an exceljs cell (regular or streaming workbook). */
export function putCell(cell: Cell, safe: SafeCell): void {
  cell.value = safe.value;
  if (safe.numFmt && cell.numFmt !== safe.numFmt) cell.numFmt = safe.numFmt;
}
