/** Sex as recorded in DTKS/DTSEN: L (laki-laki) or P (perempuan). */
export type JenisKelamin = 'L' | 'P';

const LAKI = new Set(['L', 'LK', 'LAKILAKI', 'LAKI', 'PRIA', 'COWOK', 'MALE', '1']);
const PEREMPUAN = new Set(['P', 'PR', 'PEREMPUAN', 'WANITA', 'W', 'CEWEK', 'FEMALE', '2']);

/**
 * Reads sex as written in operator sheets: L, P, LK, PR, Laki-laki, Laki Laki, Pria, Perempuan, Wanita, W,
 * and the BDT codes 1 (= L) and 2 (= P), as text or number; any case, spaces, dots and dashes.
 * Null when empty or not recognised.
 */
export function parseJenisKelamin(raw: unknown): JenisKelamin | null {
  if (typeof raw === 'number') return raw === 1 ? 'L' : raw === 2 ? 'P' : null;
  if (typeof raw !== 'string') return null;
  const key = raw.normalize('NFKC').toUpperCase().replace(/[\s.\-_/]/g, '');
  if (LAKI.has(key)) return 'L';
  if (PEREMPUAN.has(key)) return 'P';
  return null;
}

/** 'L' → 'Laki-laki', 'P' → 'Perempuan'. */
export function labelJenisKelamin(jk: JenisKelamin): string {
  return jk === 'L' ? 'Laki-laki' : 'Perempuan';
}
