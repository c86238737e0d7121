/**
 * NIK and No KK: normalising what operators type or Excel produces, and structural validation
 * (see formats.md §2). NIK = PP KK CC DDMMYY NNNN: province, kab/kota, kecamatan of first registration,
 * birth date (women: day + 40), serial. A NIK is for life, so a different region or a date that does not
 * match the person's papers is only a warning; structural impossibilities are errors.
 */
import type { Problem } from './problem';
import { labelJenisKelamin } from './jenisKelamin';
import { isValidYmd, parseIso, ymdToIso } from './tanggal';

export interface NikInfo {
  /** '62' */
  provinsi: string;
  /** '62.02' (dotted) */
  kabKota: string;
  /** '62.02.01' (dotted) */
  kecamatan: string;
  /** ISO birth date from digits 7–12; the century is chosen so that the date is not in the future. */
  birthDate: string | null;
  sex: 'L' | 'P';
  /** digits 13–16, e.g. '0001' */
  serial: string;
}

/** Kemendagri province codes (all 38 provinces, Papua split of 2022 included). */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76',
  '81', '82', '91', '92', '93', '94', '95', '96',
]);

const ONLY_DIGITS = /^\d+$/;

const STORED_AS_NUMBER_MESSAGE =
  'Nomor tersimpan sebagai angka oleh Excel (hanya 15 digit yang disimpan, digit terakhir bisa hilang). ' +
  'Format kolom sebagai Teks lalu ketik ulang.';

/**
 * Cleans a NIK/No KK as typed: surrounding whitespace, spaces inside, dots, dashes, a leading apostrophe
 * ('6202…, Excel's text marker) and surrounding quotes are removed.
 * Result:
 * - `{ digits: '6202…', problem: null }` — only digits remain (length is NOT checked here);
 * - `{ digits: null, problem: null }` — empty;
 * - `{ digits: null, problem }` — code STORED_AS_NUMBER for JS numbers and scientific-notation strings
 *   ("6.20201E+15", "6,20201E+15"): Excel kept only 15 digits, lost digits are never guessed;
 *   code ID_CHARS when something other than digits and separators is present.
 */
export function normalizeIdNumber(raw: unknown): { digits: string | null; problem: Problem | null } {
  if (raw == null) return { digits: null, problem: null };
  if (typeof raw === 'number') {
    return { digits: null, problem: { code: 'STORED_AS_NUMBER', message: STORED_AS_NUMBER_MESSAGE } };
  }
  if (typeof raw === 'bigint') {
    // Exact by construction (never produced by Excel); treat like the text it represents.
    return raw < 0n
      ? { digits: null, problem: charsProblem(String(raw)) }
      : { digits: String(raw), problem: null };
  }
  if (typeof raw !== 'string') {
    return {
      digits: null,
      problem: { code: 'ID_CHARS', message: 'Nilai tidak dapat dibaca sebagai nomor (bukan teks atau angka).' },
    };
  }
  // The common case, as Excel's text cells hold it: digits only.
  if (ONLY_DIGITS.test(raw)) return { digits: raw, problem: null };
  let s = raw.normalize('NFKC').replace(/[\u200b\ufeff]/g, '').trim();
  s = s.replace(/^["\u201c\u201d](.*)["\u201c\u201d]$/s, '$1').trim();
  s = s.replace(/^['\u2018\u2019`]+/, '').trim();
  if (s === '') return { digits: null, problem: null };
  if (/^\d+(?:[.,]\d+)?\s*e\s*\+?\s*\d+$/i.test(s)) {
    return { digits: null, problem: { code: 'STORED_AS_NUMBER', message: STORED_AS_NUMBER_MESSAGE } };
  }
  const cleaned = s.replace(/[\s.\-\u2010-\u2015]/g, '');
  if (!/^\d+$/.test(cleaned)) return { digits: null, problem: charsProblem(cleaned) };
  return { digits: cleaned, problem: null };
}

function charsProblem(cleaned: string): Problem {
  const bad = [...new Set(cleaned.replace(/\d/g, ''))].slice(0, 5).join(' ');
  const hint = /[oOlI]/.test(bad) ? ' Periksa huruf O/I/l yang mungkin maksudnya angka 0/1.' : '';
  return { code: 'ID_CHARS', message: `Nomor hanya boleh berisi angka; ditemukan: ${bad}.${hint}` };
}

/** All digits the same, or a period-2 pattern such as 1212…; or a run like 1234567890123456 / 9876543210…. `d` is digits only. */
function isPatternFake(d: string): boolean {
  if (/^(\d\d)\1+$/.test(d)) return true; // also covers "all the same digit"
  let asc = true;
  let desc = true;
  for (let i = 1; i < d.length; i++) {
    const prev = d.charCodeAt(i - 1) - 48;
    const cur = d.charCodeAt(i) - 48;
    if (cur !== (prev + 1) % 10) asc = false;
    if (cur !== (prev + 9) % 10) desc = false;
  }
  return asc || desc;
}

function regionProblems(digits: string, prefix: 'NIK' | 'KK', label: string): Problem[] {
  const prov = digits.slice(0, 2);
  const kab = digits.slice(2, 4);
  if (prov === '00' || kab === '00') {
    return [{ code: `${prefix}_REGION`, message: `Kode wilayah ${label} tidak valid: kode provinsi atau kabupaten/kota 00.` }];
  }
  if (!PROVINCE_CODES.has(prov)) {
    return [{ code: `${prefix}_REGION`, message: `Kode provinsi ${prov} pada ${label} tidak dikenal.` }];
  }
  return [];
}

function lengthOrCharProblems(
  raw: unknown,
  prefix: 'NIK' | 'KK',
  label: string,
): { digits: string | null; errors: Problem[] } {
  const { digits, problem } = normalizeIdNumber(raw);
  if (problem) {
    if (problem.code === 'ID_CHARS') return { digits: null, errors: [{ code: `${prefix}_CHARS`, message: `${label}: ${problem.message}` }] };
    return { digits: null, errors: [problem] };
  }
  if (digits === null) return { digits: null, errors: [{ code: `${prefix}_EMPTY`, message: `${label} kosong.` }] };
  if (digits.length !== 16) {
    return {
      digits: null,
      errors: [{ code: `${prefix}_LENGTH`, message: `${label} harus 16 digit (tertulis ${digits.length} digit).` }],
    };
  }
  return { digits, errors: [] };
}

/** The last code asked and its answer: an import asks about its office's code on every row. */
let lastKabKota: { code: string; dotted: string } | null = null;

function dottedKabKota(code: string): string {
  if (lastKabKota?.code === code) return lastKabKota.dotted;
  const d = code.replace(/\D/g, '');
  const dotted = d.length >= 4 ? `${d.slice(0, 2)}.${d.slice(2, 4)}` : code.trim();
  lastKabKota = { code, dotted };
  return dotted;
}

function compareYmd(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Validates a NIK. `value` and `info` are set only when there are no errors.
 * Errors: NIK_EMPTY, NIK_LENGTH, NIK_CHARS, STORED_AS_NUMBER, NIK_REGION (province or kab/kota 00, unknown
 * province), NIK_DATE (day 1–31 / 41–71, month 1–12, real calendar date), NIK_FAKE (same digit, ascending or
 * descending runs, period-2 patterns, serial 0000).
 * Warnings: NIK_OTHER_REGION (opts.officeKabKota, dotted '62.02' or '6202'), NIK_SEX_MISMATCH,
 * NIK_BIRTHDATE_MISMATCH (compares day, month and two-digit year; when they match, info.birthDate takes
 * the century from opts.birthDate).
 * Two-digit year: the later century whose date is not after `today` (default: now).
 */
export function validateNik(
  raw: unknown,
  opts: { officeKabKota?: string; sex?: 'L' | 'P' | null; birthDate?: string | null; today?: Date } = {},
): { value: string | null; info: NikInfo | null; errors: Problem[]; warnings: Problem[] } {
  const warnings: Problem[] = [];
  const { digits, errors } = lengthOrCharProblems(raw, 'NIK', 'NIK');
  if (digits === null) return { value: null, info: null, errors, warnings };

  errors.push(...regionProblems(digits, 'NIK', 'NIK'));

  const dd = Number(digits.slice(6, 8));
  const mm = Number(digits.slice(8, 10));
  const yy = Number(digits.slice(10, 12));
  const sex: 'L' | 'P' = dd > 40 ? 'P' : 'L';
  const day = dd > 40 ? dd - 40 : dd;
  let birthDate: string | null = null;
  // The birth date the row gives, read once (it picks the century and is compared below).
  const given = parseIso(opts.birthDate ?? null);

  if (!((dd >= 1 && dd <= 31) || (dd >= 41 && dd <= 71)) || mm < 1 || mm > 12) {
    errors.push({
      code: 'NIK_DATE',
      message: `Bagian tanggal lahir NIK (${digits.slice(6, 12)}) tidak valid: tanggal harus 01–31 (perempuan 41–71) dan bulan 01–12.`,
    });
  } else {
    const today = opts.today ?? new Date();
    const t: [number, number, number] = [today.getFullYear(), today.getMonth() + 1, today.getDate()];
    let year: number;
    if (given && given.day === day && given.month === mm && given.year % 100 === yy) {
      year = given.year;
    } else {
      year = Math.floor(t[0] / 100) * 100 + yy;
      if (compareYmd([year, mm, day], t) > 0) year -= 100;
    }
    if (!isValidYmd(year, mm, day)) {
      errors.push({
        code: 'NIK_DATE',
        message: `Bagian tanggal lahir NIK (${digits.slice(6, 12)}) bukan tanggal yang ada di kalender.`,
      });
    } else {
      birthDate = ymdToIso({ year, month: mm, day });
    }
  }

  if (isPatternFake(digits) || digits.slice(12) === '0000') {
    errors.push({ code: 'NIK_FAKE', message: 'NIK tampak seperti nomor contoh/palsu (pola angka berulang, berurutan, atau nomor urut 0000).' });
  }

  if (errors.length > 0) return { value: null, info: null, errors, warnings };

  const info: NikInfo = {
    provinsi: digits.slice(0, 2),
    kabKota: `${digits.slice(0, 2)}.${digits.slice(2, 4)}`,
    kecamatan: `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}`,
    birthDate,
    sex,
    serial: digits.slice(12),
  };

  if (opts.officeKabKota && opts.officeKabKota.trim() !== '' && dottedKabKota(opts.officeKabKota) !== info.kabKota) {
    warnings.push({
      code: 'NIK_OTHER_REGION',
      message: `NIK terdaftar pertama di wilayah lain (${digits.slice(0, 4)}); ini hanya peringatan.`,
    });
  }
  if (opts.sex && opts.sex !== sex) {
    warnings.push({
      code: 'NIK_SEX_MISMATCH',
      message: `Jenis kelamin menurut NIK (${labelJenisKelamin(sex)}) berbeda dengan data (${labelJenisKelamin(opts.sex)}).`,
    });
  }
  if (given && birthDate !== null && (given.day !== day || given.month !== mm || given.year % 100 !== yy)) {
    const pad = (n: number) => String(n).padStart(2, '0');
    warnings.push({
      code: 'NIK_BIRTHDATE_MISMATCH',
      message:
        `Tanggal lahir menurut NIK (${pad(day)}-${pad(mm)}-${pad(yy)}) berbeda dengan tanggal lahir ` +
        `${pad(given.day)}/${pad(given.month)}/${given.year}; NIK tidak berubah, periksa data.`,
    });
  }

  return { value: digits, info, errors, warnings };
}

/**
 * Validates a No KK (16 digits; first 6 = kode wilayah of issuance). `value` is set only without errors.
 * Errors: KK_EMPTY, KK_LENGTH, KK_CHARS, STORED_AS_NUMBER, KK_REGION, KK_FAKE (same digit, runs, period-2
 * patterns, or the 10 digits after the region all zero). The date/serial split of the last 10 digits is not
 * documented reliably, so it is not checked further. No warnings are produced yet (kept for callers).
 */
export function validateNoKk(raw: unknown): { value: string | null; errors: Problem[]; warnings: Problem[] } {
  const warnings: Problem[] = [];
  const { digits, errors } = lengthOrCharProblems(raw, 'KK', 'No KK');
  if (digits === null) return { value: null, errors, warnings };
  errors.push(...regionProblems(digits, 'KK', 'No KK'));
  if (isPatternFake(digits) || /^0{10}$/.test(digits.slice(6))) {
    errors.push({ code: 'KK_FAKE', message: 'No KK tampak seperti nomor contoh/palsu (pola angka berulang, berurutan, atau diisi nol).' });
  }
  return errors.length > 0 ? { value: null, errors, warnings } : { value: digits, errors, warnings };
}
