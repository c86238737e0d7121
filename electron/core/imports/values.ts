/**
 * Reading the non-identity cells of an operator sheet: free text, yes/no flags, desil, padan status,
 * SHDK and programme columns. Identity numbers, dates and sex use the shared domain helpers.
 */
import { compactKey } from '../../../shared/domain/text';
import type { CellValue } from './read/types';

/** Text of a cell, trimmed and with inner whitespace collapsed; null when empty or only a dash. */
// NUL (a CSV may carry one) is whitespace here: PostgreSQL cannot store it in text, and it separates words.
const NEEDS_CLEANING = /^\s|\s$|\s\s|[\t\n\r\0]/;
const ONLY_DASHES = /^[-–—.]+$/;

/**
 * NEEDS_CLEANING's answer, found by looking at each character of printable ASCII text (a row's ~20 text cells
 * made that regular expression the largest single cost of checking a row); other text is left to it.
 */
function needsCleaning(v: string): boolean {
  let afterSpace = true; // a space first is leading whitespace
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 32 && c < 127) afterSpace = false;
    else if (c === 32) {
      if (afterSpace) return true;
      afterSpace = true;
    } else return NEEDS_CLEANING.test(v);
  }
  return afterSpace && v.length > 0;
}

/** ONLY_DASHES's answer, asked only of text that starts like it. */
function onlyDashes(v: string): boolean {
  const c = v.charCodeAt(0);
  return (c === 45 || c === 46 || c === 0x2013 || c === 0x2014) && ONLY_DASHES.test(v);
}

export function text(v: CellValue | undefined, max = 200): string | null {
  if (v === null || v === undefined) return null;
  // Most cells are already clean: test once instead of replacing and trimming every time.
  if (typeof v === 'string' && !needsCleaning(v)) {
    if (v === '' || onlyDashes(v)) return null;
    return v.length > max ? v.slice(0, max) : v;
  }
  let s: string;
  if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else s = String(v);
  s = s.replace(/[\s\0]+/g, ' ').trim();
  if (s === '' || /^[-–—.]+$/.test(s)) return null;
  return s.length > max ? s.slice(0, max) : s;
}

/** Texts a remembering reader keeps at most, each at most MEMO_TEXT long (a column's few repeated values). */
const MEMO_SIZE = 512;
const MEMO_TEXT = 64;

/**
 * `read` remembered by the cell's text, for columns that repeat a few values on every row (SHDK, sex, padan,
 * yes/no flags): the same answer without the regular expressions and Unicode normalising each time. Only for
 * pure readers whose answer the callers do not change; numbers, dates and long texts are read each time.
 */
export function rememberByText<T>(read: (v: CellValue | undefined) => T): (v: CellValue | undefined) => T {
  const known = new Map<string, T>();
  return (v) => {
    if (typeof v !== 'string' || v.length > MEMO_TEXT) return read(v);
    const hit = known.get(v);
    if (hit !== undefined || known.has(v)) return hit as T;
    const answer = read(v);
    // Full (a column of free text, e.g. amounts in a programme flag): start again, so a later import's few
    // repeated values are remembered rather than the first 512 texts this worker ever saw.
    if (known.size >= MEMO_SIZE) known.clear();
    known.set(v, answer);
    return answer;
  };
}

/** RT/RW as digits without leading zeros ("003" → "3", 3 → "3"); other text kept as written. */
export function rtRw(v: CellValue | undefined): string | null {
  const s = text(v, 10);
  if (s === null) return null;
  if (/^\d+$/.test(s)) return String(Number(s));
  return s;
}

const YES = new Set(['ya', 'y', 'yes', '1', 'v', 'x', 'ada', 'penerima', 'aktif', 'true', 'benar', 'sudah', 'iya', '✓', '√']);
const NO = new Set(['tidak', 't', 'tdk', 'no', 'n', '0', 'bukan', 'belum', 'false', 'salah', 'tidakada', 'bukanpenerima', 'nonaktif']);

/** A yes/no cell: true, false, or null when empty. Unknown text → 'unknown' so the caller can warn. */
export const yesNo = rememberByText(readYesNo);

function readYesNo(v: CellValue | undefined): boolean | null | 'unknown' {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 0 ? false : v === 1 ? true : 'unknown';
  const raw = String(v).trim();
  if (raw === '' || /^[-–—]+$/.test(raw)) return null;
  const lower = raw.toLowerCase();
  if (YES.has(lower)) return true;
  if (NO.has(lower)) return false;
  const key = compactKey(raw);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return 'unknown';
}

/** A programme column counts as "received" when it says yes or names the programme/an amount. */
export function programFlag(v: CellValue | undefined, programKeys: readonly string[]): boolean | null | 'unknown' {
  const yn = yesNo(v);
  if (yn !== 'unknown') return yn;
  const key = compactKey(String(v));
  if (programKeys.some((p) => key.includes(p))) return true;
  if (typeof v === 'number' && v > 0) return true;
  return 'unknown';
}

export const padan = rememberByText(readPadan);

function readPadan(v: CellValue | undefined): 'padan' | 'tidak_padan' | 'belum' | 'unknown' {
  if (v === null || v === undefined) return 'belum';
  const key = compactKey(String(v));
  if (key === '') return 'belum';
  if (/^(tidak|tdk|belum|gagal|non)padan/.test(key) || key === 'tidak' || key === 'tidakditemukan' || key === 'n' || key === '0') {
    return key.startsWith('belum') ? 'belum' : 'tidak_padan';
  }
  if (key.includes('padan') || key === 'ya' || key === 'sudah' || key === '1' || key === 'y' || key === 'valid') return 'padan';
  if (key === 'belum' || key === 'belumdipadankan' || key === 'proses') return 'belum';
  return 'unknown';
}

export function desil(v: CellValue | undefined): number | null | 'invalid' {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'number' ? String(v) : String(v).trim().replace(/^desil\s*/i, '');
  if (s === '' || /^[-–—]+$/.test(s)) return null;
  if (!/^\d{1,2}$/.test(s)) return 'invalid';
  const n = Number(s);
  return n >= 1 && n <= 10 ? n : 'invalid';
}

const SHDK: ReadonlyArray<[RegExp, string]> = [
  [/^(1|kepalakeluarga|kepalarumahtangga|kk|krt|kepala)$/, 'Kepala Keluarga'],
  [/^(2|istri|isteri|suami|istrisuami|suamiistri|pasangan)$/, 'Istri/Suami'],
  [/^(3|anak|anakkandung|anakangkat|anaktiri)$/, 'Anak'],
  [/^(4|menantu)$/, 'Menantu'],
  [/^(5|cucu)$/, 'Cucu'],
  [/^(6|orangtua|ortu|ayah|ibu|orangtuamertua)$/, 'Orang Tua'],
  [/^(7|mertua)$/, 'Mertua'],
  [/^(8|famililain|saudara|familii)$/, 'Famili Lain'],
  [/^(9|pembantu|pembanturumahtangga)$/, 'Pembantu'],
  [/^(10|lainnya|lain|lainlain)$/, 'Lainnya'],
];

/** SHDK in the registry's words; P3KE writes "Kepala Keluarga / …" (the part before the slash counts). */
export function hubungan(v: CellValue | undefined): string | null {
  const s = text(v, 60);
  if (s === null) return null;
  const head = s.split('/')[0] ?? s;
  const key = compactKey(head);
  for (const [re, label] of SHDK) if (re.test(key)) return label;
  if (/^(istri|suami)/.test(key)) return 'Istri/Suami';
  return s;
}

/**
 * P3KE writes the relation with the member's place in the family: "Kepala Keluarga / 1", "Anak / 3" (some
 * downloads the other way round, "3 / Anak"). The relation as hubungan() reads it, and the place when given.
 */
export const hubunganUrutan = rememberByText(readHubunganUrutan);

function readHubunganUrutan(v: CellValue | undefined): Readonly<{ hubungan: string | null; urutan: number | null }> {
  const s = text(v, 60);
  // Frozen: a remembered answer is shared by every row with the same text.
  if (s === null || !s.includes('/')) return Object.freeze({ hubungan: hubungan(v), urutan: null });
  const [a = '', b = ''] = s.split('/').map((x) => x.trim());
  if (/^\d{1,2}$/.test(b) && !/^\d+$/.test(a)) return Object.freeze({ hubungan: hubungan(a), urutan: Number(b) });
  if (/^\d{1,2}$/.test(a) && b !== '' && !/^\d+$/.test(b)) return Object.freeze({ hubungan: hubungan(b), urutan: Number(a) });
  return Object.freeze({ hubungan: hubungan(v), urutan: null });
}

export function isKepalaKeluarga(h: string | null): boolean {
  return h === 'Kepala Keluarga';
}

/** Programme names as stored in anggota_program, from a "PROGRAM BANSOS" cell ("PKH, BPNT"). */
export function programList(v: CellValue | undefined): string[] {
  const s = text(v, 200);
  if (s === null) return [];
  const out = new Set<string>();
  for (const part of s.split(/[,;/+&]| dan /i)) {
    const key = compactKey(part);
    if (key === '' || key === 'nonbansos' || key === 'tidakada') continue;
    if (key.includes('pkh')) out.add('PKH');
    else if (key.includes('bpnt') || key.includes('sembako') || key === 'bsp') out.add('BPNT');
    else if (key.includes('pbi') || key.includes('kis') || key.includes('jkn')) out.add('PBI-JK');
    else if (key.includes('pip') || key.includes('kip')) out.add('PIP');
    else if (key.includes('bst')) out.add('BST');
    else if (key.includes('bpum')) out.add('BPUM');
    else out.add(part.trim().toUpperCase().slice(0, 40));
  }
  return [...out];
}
