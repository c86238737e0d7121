/**
 * Indonesian number words ("terbilang") for BAST amounts and dates in words.
 * Exact for every integer 0 … 999.999.999.999.999 (below one kuadriliun); uses bigint internally so
 * bigint input needs no conversion and nothing is rounded.
 */

const SATUAN = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/** Scale words for groups of three digits, index = group position from the right. */
const SKALA = ['', 'ribu', 'juta', 'miliar', 'triliun'] as const;

export const TERBILANG_MAX = 999_999_999_999_999n;

/** 1..999 in words ("seratus", "sebelas", "dua ratus lima puluh"). */
function ratusan(n: number): string {
  const words: string[] = [];
  const r = Math.floor(n / 100);
  const rest = n % 100;
  if (r === 1) words.push('seratus');
  else if (r > 1) words.push(`${SATUAN[r]} ratus`);

  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(`${SATUAN[rest - 10]} belas`);
  else if (rest >= 20) {
    words.push(`${SATUAN[Math.floor(rest / 10)]} puluh`);
    if (rest % 10 > 0) words.push(SATUAN[rest % 10] ?? '');
  } else if (rest > 0) words.push(SATUAN[rest] ?? '');
  return words.join(' ');
}

/**
 * 2024 → 'dua ribu dua puluh empat'; 0 → 'nol'; 1000 → 'seribu'; 1_000_000 → 'satu juta'.
 * Lower case. Throws RangeError on negatives, non-integers, NaN and values above 999.999.999.999.999.
 */
export function terbilang(n: number | bigint): string {
  let value: bigint;
  if (typeof n === 'bigint') {
    value = n;
  } else {
    if (!Number.isFinite(n) || !Number.isInteger(n)) {
      throw new RangeError(`Terbilang hanya untuk bilangan bulat, bukan ${String(n)}.`);
    }
    if (n > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`Bilangan ${String(n)} terlalu besar untuk terbilang.`);
    }
    value = BigInt(n);
  }
  if (value < 0n) throw new RangeError(`Terbilang tidak untuk bilangan negatif (${String(n)}).`);
  if (value > TERBILANG_MAX) throw new RangeError(`Bilangan ${String(n)} terlalu besar untuk terbilang.`);
  if (value === 0n) return 'nol';

  const parts: string[] = [];
  let rest = value;
  for (let i = 0; rest > 0n; i++) {
    const group = Number(rest % 1000n);
    rest /= 1000n;
    if (group === 0) continue;
    const scale = SKALA[i] ?? '';
    if (i === 1 && group === 1) parts.unshift('seribu');
    else parts.unshift(scale ? `${ratusan(group)} ${scale}` : ratusan(group));
  }
  return parts.join(' ');
}

/** 3_250_000 → 'tiga juta dua ratus lima puluh ribu rupiah'. Same errors as terbilang (no sen: round first). */
export function terbilangRupiah(n: number): string {
  return `${terbilang(n)} rupiah`;
}

/**
 * 'dua ribu dua puluh empat' → 'Dua Ribu Dua Puluh Empat'. Every whitespace-separated word gets an upper-case
 * first letter and lower-case rest; spacing is normalised to single spaces.
 */
export function toTitleCase(words: string): string {
  return words
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toLocaleUpperCase('id') + w.slice(1).toLocaleLowerCase('id'))
    .join(' ');
}
