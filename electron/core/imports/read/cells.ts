/** Small helpers on cell values: emptiness, display text, column letters, Excel date serials. */
import type { CellValue } from './types';

export function isEmptyCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A cell as text for header matching and messages: trimmed, whitespace (newlines too) collapsed. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim();
  if (v instanceof Date) {
    return Number.isNaN(v.getTime())
      ? ''
      : `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  return String(v);
}

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 'A' → 1, 'AA' → 27 (1-based, as in cell references). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 'B12' → { row: 12, col: 2 }; null when not a cell reference. */
export function decodeCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Excel serial → Date at UTC midnight (+ time fraction), as Excel shows a date-formatted cell. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** exceljs's own rule for "this number format shows a date": a y, m, d, h, s or b outside quotes/brackets. */
export function isDateFormat(fmt: string | undefined | null): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}
