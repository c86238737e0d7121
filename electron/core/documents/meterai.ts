import { formatRupiah } from '../../../shared/domain/rupiah';
import { html, type SafeHtml } from './html';

/**
 * Bea meterai: UU No. 10 Tahun 2020 tentang Bea Meterai, Pasal 3 ayat (2) huruf b and Pasal 5 — a document
 * stating the receipt of money of more than Rp 5.000.000 bears one meterai of Rp 10.000. The threshold is an
 * office setting (`BastData.meteraiBatas`); this is its default.
 */
export const METERAI = {
  batasDefault: 5_000_000,
  tarif: 10_000,
  dasar: 'UU No. 10 Tahun 2020 tentang Bea Meterai',
} as const;

export const METERAI_CSS = `
.meterai { display: inline-block; width: 22mm; height: 12mm; border: 0.75pt dashed #555; font-size: 7pt; line-height: 1.2;
  color: #333; padding-top: 2.5mm; text-align: center; vertical-align: middle; }
.meterai-note { font-size: 8pt; margin-top: 4pt; }
`;

/**
 * Whether a receipt of this much money needs a meterai for the recipient: more than the threshold, as the law says
 * ("nilai nominal lebih dari Rp5.000.000,00"); a receipt of exactly Rp 5.000.000 bears none.
 */
export function perluMeterai(nilai: number, batas: number = METERAI.batasDefault): boolean {
  return nilai > batas;
}

/** The dashed box the recipient sticks the meterai into and signs across. */
export function meteraiBox(): SafeHtml {
  return html`<span class="meterai">Meterai<br>${formatRupiah(METERAI.tarif)}</span>`;
}

/** The note under the signatures citing the law. */
export function meteraiNote(batas: number): SafeHtml {
  return html`<div class="meterai-note">Tanda terima uang dengan nilai lebih dari ${formatRupiah(batas)} dibubuhi meterai ${formatRupiah(METERAI.tarif)} sesuai ${METERAI.dasar}.</div>`;
}
