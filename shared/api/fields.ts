/**
 * Field rules, declared once and used by every schema of the contract (`shared/api/*.ts`): dates, NIK,
 * No KK, phone numbers, Rupiah, RT/RW and region codes, each with the Indonesian message a clerk sees.
 * The NIK and No KK rules themselves live in `shared/domain/nik.ts` (the import applies the same ones).
 */
import { z } from 'zod';
import { normalizeIdNumber, validateNik, validateNoKk } from '../domain/nik';
import { isValidYmd } from '../domain/tanggal';

// ─── Dates ──────────────────────────────────────────────────────────────────────────────────────

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' naming a day that exists in the calendar ('2024-02-30' and '2024-13-45' do not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A date as the forms send it ('YYYY-MM-DD', shown to the clerk as dd/mm/yyyy), strict: only real calendar
 * dates, nothing before or after. `label` names the field in the messages ('Tanggal lahir wajib diisi.').
 */
export function dateField(label = 'Tanggal') {
  return z
    .string({ message: `${label} wajib diisi.` })
    .trim()
    .regex(ISO_DATE, `${label} tidak valid (format tanggal dd/mm/yyyy).`)
    .refine(isIsoDate, `${label} bukan tanggal yang ada.`);
}

/** The plain 'Tanggal' field. */
export const isoDate = dateField();

// ─── NIK and No KK ──────────────────────────────────────────────────────────────────────────────

/** An import rule for a 16-digit number as a form field: its errors block, the digits are kept. */
function idNumberField(validate: (v: string) => { errors: { message: string }[] }) {
  return z
    .string()
    .trim()
    .max(40)
    .superRefine((v, ctx) => {
      for (const e of validate(v).errors) ctx.addIssue({ code: 'custom', message: e.message });
    })
    .transform((v) => normalizeIdNumber(v).digits ?? v);
}

/** The NIK rules of the import, as a form field. */
export const nikField = idNumberField(validateNik);

/** A NIK that may be left empty (null); when given, the same rules as `nikField`. */
export const nikOptionalField = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((s) => (s ? s.replace(/[\s.-]/g, '') : null))
  .superRefine((s, ctx) => {
    if (!s) return;
    const first = validateNik(s).errors[0];
    if (first) ctx.addIssue({ code: 'custom', message: first.message });
  });

/**
 * A NIK typed to find a person already in the registry (16 digits; whether the person exists is the
 * handler's answer, so the structural rules of a new NIK are not repeated here).
 */
export const nikLookupField = z.string().trim().regex(/^\d{16}$/, 'NIK harus 16 angka.');

/** The No KK rules of the import, as a form field. */
export const noKkField = idNumberField(validateNoKk);

/** A No KK that may be left empty (null: "No KK belum diketahui"); when given, the same rules as `noKkField`. */
export const noKkOptionalField = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(noKkField.nullable());

// ─── Phone ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A phone number as operators write it ('0812-3456-7890', '+62 812 3456 7890', '62812…') → '081234567890'.
 * Returns null when what remains is not an Indonesian number.
 */
export function normalizeNoHp(raw: string): string | null {
  let s = raw.trim().replace(/[\s().\-/]/g, '');
  if (s === '') return null;
  if (s.startsWith('+62')) s = `0${s.slice(3)}`;
  else if (s.startsWith('62')) s = `0${s.slice(2)}`;
  else if (s.startsWith('8')) s = `0${s}`;
  return /^0\d{8,13}$/.test(s) ? s : null;
}

/** An optional Indonesian phone number, stored in its normal form ('081234567890') or null. */
export const noHpField = z
  .string()
  .trim()
  .max(40)
  .nullish()
  .transform((s, ctx) => {
    if (!s) return null;
    const n = normalizeNoHp(s);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'Nomor HP tidak dikenali. Tulis 08… atau +62…' });
      return z.NEVER;
    }
    return n;
  });

// ─── Money ──────────────────────────────────────────────────────────────────────────────────────

/** An amount in whole Rupiah (no sen), never negative, at most `max`. */
export function rupiahField(label = 'Nilai', max = 100_000_000_000) {
  return z
    .number({ message: `${label} harus angka.` })
    .int(`${label} dalam Rupiah tanpa sen.`)
    .min(0, `${label} tidak boleh negatif.`)
    .max(max, `${label} terlalu besar.`);
}

// ─── Address ────────────────────────────────────────────────────────────────────────────────────

/** RT or RW: up to three digits as written on the KK ('004'), or empty. */
export function rtRwField(label: 'RT' | 'RW') {
  return z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, `${label} berupa angka (mis. ${label === 'RT' ? '004' : '002'}).`)
    .default('');
}

/** '6202012001' or '62.02.01.2001' → '62.02.01.2001'; null when it is not a code shape. */
export function normalizeRegionCode(raw: string): string | null {
  const digits = raw.replace(/[.\s]/g, '');
  if (!/^\d+$/.test(digits) || ![2, 4, 6, 10].includes(digits.length)) return null;
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)].filter(Boolean).join('.');
}

/** A dotted Kemendagri code (62, 62.02, 62.02.01, 62.02.01.2001) or its undotted form. */
export const regionCodeField = z
  .string()
  .trim()
  .regex(/^(\d{2})(\.?\d{2}(\.?\d{2}(\.?\d{4})?)?)?$/, 'Kode wilayah tidak dikenali.');

/** A kecamatan (62.02.01) or desa/kelurahan (62.02.01.2001) code, dotted: a work area or a filter. */
export const kecamatanOrDesaField = z
  .string()
  .trim()
  .regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, 'Kode wilayah harus kode kecamatan atau desa.');

/** A province chosen from the list ('62'). */
export const provinsiKodeField = z.string().trim().regex(/^\d{2}$/, 'Pilih provinsi.');

/** A kabupaten/kota chosen from the list ('62.02'). */
export const kabKotaKodeField = z.string().trim().regex(/^\d{2}\.\d{2}$/, 'Pilih kabupaten/kota.');

/** A desa/kelurahan chosen from the list ('62.02.01.2001'). */
export const desaKodeField = z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Pilih desa/kelurahan.');

/** A kecamatan chosen from the list ('62.02.01'). */
export const kecamatanKodeField = z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Pilih kecamatan.');
