/**
 * NIP (Nomor Induk Pegawai) of civil servants, printed under signatures in BAST and daftar hadir.
 * 18 digits: YYYYMMDD (birth date) YYYYMM (CPNS start) G (sex: 1 man, 2 woman) NNN (serial).
 */
import type { Problem } from './problem';

/**
 * '196605031991021001' → '19660503 199102 1 001'. Spaces are stripped first; anything that is not
 * 18 digits is returned with spaces stripped and otherwise unchanged. null/undefined → ''.
 */
export function formatNip(raw: string | null | undefined): string {
  if (raw == null) return '';
  const s = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(s)) return s;
  return `${s.slice(0, 8)} ${s.slice(8, 14)} ${s.slice(14, 15)} ${s.slice(15)}`;
}

/**
 * Loose check: empty is fine (null); otherwise digits only (spaces allowed) and 18 digits.
 * Codes NIP_CHARS, NIP_LENGTH.
 */
export function validateNip(raw: string | null | undefined): Problem | null {
  if (raw == null) return null;
  const s = raw.replace(/\s+/g, '');
  if (s === '') return null;
  if (!/^\d+$/.test(s)) return { code: 'NIP_CHARS', message: 'NIP hanya boleh berisi angka.' };
  if (s.length !== 18) return { code: 'NIP_LENGTH', message: `NIP harus 18 digit (tertulis ${s.length} digit).` };
  return null;
}
