/**
 * Dates as the app keeps them (ISO 'YYYY-MM-DD' strings) and as Indonesian documents print them.
 * Pure: no time zone is involved except in isoToday() (local date) and parseTanggal() for Date values.
 */
import { terbilang } from './terbilang';

export const NAMA_BULAN: readonly string[] = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** Index = JS Date#getDay() (0 = Sunday). */
export const NAMA_HARI: readonly string[] = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

export interface Ymd {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year/month/day is a real calendar date (years 1000..9999). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function ymdToIso({ year, month, day }: Ymd): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * Reads an ISO date ('2024-05-03'; a trailing time part such as 'T10:00:00Z' or ' 10:00:00',
 * as SQLite timestamps have, is ignored). Null when it is not a real calendar date.
 */
export function parseIso(iso: string | null | undefined): Ymd | null {
  if (typeof iso !== 'string') return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s*$)/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

function requireIso(iso: string): Ymd {
  const ymd = parseIso(iso);
  if (!ymd) throw new RangeError(`Tanggal tidak valid: "${String(iso)}" (format yang diharapkan YYYY-MM-DD).`);
  return ymd;
}

/** Day of week, 0 = Sunday, computed in UTC so that the machine's time zone never shifts it. */
function dayOfWeek({ year, month, day }: Ymd): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * '2024-05-03' → '03/05/2024' (dd/mm/yyyy, as on screen and in exports).
 * '' for null/undefined/empty; a string that is not an ISO date is returned unchanged
 * (so a bad value stays visible instead of disappearing).
 */
export function formatTanggal(iso: string | null | undefined): string {
  if (iso == null || iso.trim() === '') return '';
  const ymd = parseIso(iso);
  if (!ymd) return iso;
  return `${pad2(ymd.day)}/${pad2(ymd.month)}/${ymd.year}`;
}

/** '2024-05-03' → '3 Mei 2024' (as in documents). Same fallbacks as formatTanggal. */
export function formatTanggalPanjang(iso: string): string {
  if (iso == null || iso.trim() === '') return '';
  const ymd = parseIso(iso);
  if (!ymd) return iso;
  return `${ymd.day} ${NAMA_BULAN[ymd.month - 1] ?? ''} ${ymd.year}`;
}

/** '2024-05-03' → 'Jumat'. Throws RangeError on an invalid date (documents must not print a wrong day). */
export function namaHari(iso: string): string {
  return NAMA_HARI[dayOfWeek(requireIso(iso))] ?? '';
}

/**
 * The date in words for the opening of a Berita Acara:
 * '2024-05-03' → { hari: 'Jumat', tanggal: 'tiga', bulan: 'Mei', tahun: 'dua ribu dua puluh empat', angka: '03-05-2024' }
 * ("Pada hari ini Jumat tanggal tiga bulan Mei tahun dua ribu dua puluh empat (03-05-2024)").
 * Number words are lower case; use toTitleCase() for the Title Case style. Throws RangeError on an invalid date.
 */
export function tanggalDalamKata(iso: string): {
  hari: string;
  tanggal: string;
  bulan: string;
  tahun: string;
  angka: string;
} {
  const ymd = requireIso(iso);
  return {
    hari: NAMA_HARI[dayOfWeek(ymd)] ?? '',
    tanggal: terbilang(ymd.day),
    bulan: NAMA_BULAN[ymd.month - 1] ?? '',
    tahun: terbilang(ymd.year),
    angka: `${pad2(ymd.day)}-${pad2(ymd.month)}-${ymd.year}`,
  };
}

/** Today's date in local time as ISO (the office PC's calendar day). */
export function isoToday(d: Date = new Date()): string {
  return ymdToIso({ year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });
}

// ---------------------------------------------------------------------------------------------
// parseTanggal: dates as they come out of operators' Excel sheets
// ---------------------------------------------------------------------------------------------

/** Month names and abbreviations, Indonesian (incl. old spellings Pebruari/Nopember) and English. */
const MONTH_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ...(['jan', 'januari', 'january'].map((w) => [w, 1]) as Array<[string, number]>),
  ...(['feb', 'peb', 'februari', 'pebruari', 'february'].map((w) => [w, 2]) as Array<[string, number]>),
  ...(['mar', 'maret', 'march'].map((w) => [w, 3]) as Array<[string, number]>),
  ...(['apr', 'april'].map((w) => [w, 4]) as Array<[string, number]>),
  ...(['mei', 'may'].map((w) => [w, 5]) as Array<[string, number]>),
  ...(['jun', 'juni', 'june'].map((w) => [w, 6]) as Array<[string, number]>),
  ...(['jul', 'juli', 'july'].map((w) => [w, 7]) as Array<[string, number]>),
  ...(['agu', 'agt', 'agst', 'agus', 'agustus', 'aug', 'august'].map((w) => [w, 8]) as Array<[string, number]>),
  ...(['sep', 'sept', 'september'].map((w) => [w, 9]) as Array<[string, number]>),
  ...(['okt', 'oktober', 'oct', 'october'].map((w) => [w, 10]) as Array<[string, number]>),
  ...(['nov', 'nop', 'november', 'nopember'].map((w) => [w, 11]) as Array<[string, number]>),
  ...(['des', 'desember', 'dec', 'december'].map((w) => [w, 12]) as Array<[string, number]>),
]);

/** Day names that may precede a date ("Jumat, 3 Mei 2024"); checked against the date. */
const DAY_WORDS: ReadonlyMap<string, number> = new Map<string, number>([
  ['minggu', 0],
  ['ahad', 0],
  ['senin', 1],
  ['selasa', 2],
  ['rabu', 3],
  ['kamis', 4],
  ['jumat', 5],
  ['sabtu', 6],
]);

/** Largest serial Excel accepts (9999-12-31). */
const EXCEL_MAX_SERIAL = 2958465;

/**
 * Excel 1900 date system: serial 1 = 1900-01-01; serial 60 is Excel's non-existent 1900-02-29 (→ null);
 * from 61 on, serial n = 1899-12-30 + n days. A time fraction is ignored.
 */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= EXCEL_MAX_SERIAL + 1) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null;
  const offset = whole < 60 ? whole + 1 : whole; // days after 1899-12-30
  const d = new Date(Date.UTC(1899, 11, 30) + offset * 86_400_000);
  return ymdToIso({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function fromDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // exceljs returns dates as UTC midnight, so the UTC parts are the cell's date. A Date built at local
  // midnight (e.g. by a date picker) is recognised and read with local parts instead, so that in WIB (UTC+7)
  // it does not fall back to the previous day.
  const utcMidnight =
    d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  const useLocal = !utcMidnight && localMidnight;
  const year = useLocal ? d.getFullYear() : d.getUTCFullYear();
  const month = (useLocal ? d.getMonth() : d.getUTCMonth()) + 1;
  const day = useLocal ? d.getDate() : d.getUTCDate();
  return isValidYmd(year, month, day) ? ymdToIso({ year, month, day }) : null;
}

function checked(year: number, month: number, day: number, weekday: number | null): string | null {
  if (!isValidYmd(year, month, day)) return null;
  if (weekday !== null && dayOfWeek({ year, month, day }) !== weekday) return null;
  return ymdToIso({ year, month, day });
}

/** Printable ASCII without spaces ('31-01-2000', '2000-01-31'): NFKC, trimming and spacing change nothing. */
const COMPACT_ASCII = /^[\x21-\x7e]*$/;

function fromString(raw: string): string | null {
  // The common cell (an import reads one per row) skips the Unicode and whitespace passes; the same text results.
  let s = COMPACT_ASCII.test(raw)
    ? raw.replace(/`/g, "'").toLowerCase()
    : raw
        .normalize('NFKC')
        .replace(/[\u200b\ufeff]/g, '')
        .replace(/[\u2018\u2019`]/g, "'")
        .trim()
        .toLowerCase()
        .replace(/\s+/g, ' ');
  if (s === '') return null;

  // Optional leading day name: "Jumat, 3 Mei 2024", "jum'at 3 mei 2024".
  let weekday: number | null = null;
  const dayName = /^([a-z']+),?\s+(?=\d)/.exec(s);
  if (dayName) {
    const w = DAY_WORDS.get((dayName[1] ?? '').replace(/'/g, ''));
    if (w === undefined) return null;
    weekday = w;
    s = s.slice(dayName[0].length);
  }

  // Year first: 2000-01-31, 2000/01/31, 2000.01.31 (optionally followed by a time part).
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return checked(Number(m[1]), Number(m[3]), Number(m[4]), weekday);

  // Day first, numeric: 31/01/2000, 31-01-2000, 31.01.2000, 1/2/2000 (always day-first; 4-digit year only).
  m = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(s);
  if (m) return checked(Number(m[4]), Number(m[3]), Number(m[1]), weekday);

  // Day first, month in words: 31 Januari 2000, 31 Jan 2000, 31-Jan-2000, 31 jan. 2000, 31/Mei/2000.
  m = /^(\d{1,2})\s*[-/. ]\s*([a-z]+)\.?\s*[-/. ]?\s*(\d{4})$/.exec(s);
  if (m) {
    const month = MONTH_WORDS.get(m[2] ?? '');
    if (month === undefined) return null;
    return checked(Number(m[3]), month, Number(m[1]), weekday);
  }
  return null;
}

/**
 * Reads a date from an Excel cell value and returns ISO 'YYYY-MM-DD', or null when the value is empty,
 * not recognised, or not a real calendar date (31/02/2000, 29/02/2001). Never guesses:
 * - Date: exceljs gives UTC-midnight Dates → UTC parts (see fromDate for local-midnight Dates).
 * - number: Excel 1900-system serial (36556 → '2000-01-31'); outside 1..2958465 → null.
 * - string: '2000-01-31', '31/01/2000', '31-01-2000', '31.01.2000', '31 Januari 2000', '31 Jan 2000',
 *   '31-Jan-2000', Indonesian and English month names/abbreviations, any case, extra spaces, an optional
 *   leading day name (must match the date). Numeric dates are always read day-first; two-digit years are
 *   rejected (the century would be a guess).
 */
export function parseTanggal(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'number') return fromExcelSerial(value);
  if (typeof value === 'string') return fromString(value);
  return null;
}
