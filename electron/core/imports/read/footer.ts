/**
 * Footer (signature block) rule.
 *
 * Operator sheets end with a block like
 *     Sampit, 12 Mei 2024
 *     Mengetahui,                 Operator Desa
 *     Kepala Desa Bapinang Hilir
 *     (empty rows for the signature)
 *     H. ABDUL RAHMAN             SITI
 *     NIP. 19660503 199102 1 001
 * and sometimes a "JUMLAH" line. Such rows must not reach the validator as data, but a data row with its NIK
 * missing must (it comes back to the operator in the rejected-rows file), so the rule is conservative:
 *
 * 1. A row is *footer-like* when it has at most MAX_FOOTER_CELLS non-empty cells (the row-number column not
 *    counted) and no identity value (a NIK/KK/ID DTKS/ID keluarga cell with at least 6 digits) — unless it
 *    carries a signature marker (a "NIP. …" line can sit in the NIK column).
 * 2. Footer-like rows are held back. When the run of held rows ends — at a data row, a repeated header or the
 *    end of the sheet — it is split into segments at empty rows. If no row in the run carries a signature
 *    marker (hasSignatureMarker), every held row is emitted as data. Otherwise the segments before the first
 *    segment with a marker are emitted as data and the rest is dropped as footer (listed in skipped()).
 * So a short incomplete data row right above a signature block (separated by an empty row) is still data,
 * and a lone name under "Kepala Desa" is footer.
 */
import { normalizeKey } from '../../../../shared/domain/text';

export const MAX_FOOTER_CELLS = 3;

const BULAN =
  'januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember|' +
  'jan|feb|peb|mar|apr|jun|jul|agu|agt|ags|sep|okt|nov|nop|des';

const MARKERS: readonly RegExp[] = [
  /^mengetahui\b/,
  /^(menyetujui|disetujui|diketahui|disahkan|dibuat|diperiksa|diverifikasi)( oleh)?\b/,
  /^(kepala|kades|lurah|camat|sekretaris|sekdes|ketua|bendahara|operator|petugas|pendamping|pejabat|bupati|walikota|wali kota)\b/,
  /^(pj|plt|plh|an|a n|ttd|tertanda|tanda tangan)\b/,
  /^nip\b/,
  /^(jumlah|total)\b/,
  // "Sampit, 12 Mei 2024" / "12 Mei 2024" (normalizeKey drops the comma)
  new RegExp(`(^|\\s)\\d{1,2} (${BULAN}) \\d{4}$`),
];

/** True when the text is a typical signature-block or summary line. */
export function isSignatureText(text: string): boolean {
  const k = normalizeKey(text);
  if (k === '') return false;
  return MARKERS.some((re) => re.test(k));
}

export interface HeldRow<T> {
  item: T;
  /** An empty row came between this row and the previous held row (or the data above). */
  gapBefore: boolean;
  marker: boolean;
}

/** Splits a finished run of held rows into those to emit as data and those dropped as footer (rule 2). */
export function resolveHeld<T>(held: readonly HeldRow<T>[]): { data: T[]; footer: T[] } {
  const firstMarker = held.findIndex((h) => h.marker);
  if (firstMarker < 0) return { data: held.map((h) => h.item), footer: [] };
  let segmentStart = 0;
  for (let i = 1; i <= firstMarker; i++) {
    if (held[i]?.gapBefore) segmentStart = i;
  }
  return {
    data: held.slice(0, segmentStart).map((h) => h.item),
    footer: held.slice(segmentStart).map((h) => h.item),
  };
}
