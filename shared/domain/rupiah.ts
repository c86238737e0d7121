/**
 * Indonesian number formatting: '.' groups thousands, ',' separates decimals.
 * Implemented by hand (not Intl) so the output is identical in Node and every Chromium locale build
 * and never contains non-breaking spaces.
 */

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Formats |n| with up to `maxDecimals` decimals; `fixed` keeps trailing zeros. */
function formatAbs(n: number, maxDecimals: number, fixed: boolean): string {
  const s = Math.abs(n).toFixed(maxDecimals);
  const [intPart = '0', rawDec = ''] = s.split('.');
  const dec = fixed ? rawDec : rawDec.replace(/0+$/, '');
  return dec && /[1-9]/.test(dec) ? `${group(intPart)},${dec}` : group(intPart);
}

function sign(n: number, body: string): string {
  return n < 0 && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * 3250000 → 'Rp 3.250.000'; 1500.5 → 'Rp 1.500,50' (two decimals only when the amount is not whole);
 * -5000 → '-Rp 5.000'. Non-finite → ''.
 */
export function formatRupiah(n: number): string {
  if (!Number.isFinite(n)) return '';
  return sign(n, `Rp ${formatAbs(n, Number.isInteger(n) ? 0 : 2, true)}`);
}

/** 1500 → '1.500'; 1234.5 → '1.234,5' (at most two decimals, trailing zeros dropped). Non-finite → ''. */
export function formatAngka(n: number): string {
  if (!Number.isFinite(n)) return '';
  return sign(n, formatAbs(n, Number.isInteger(n) ? 0 : 2, false));
}
