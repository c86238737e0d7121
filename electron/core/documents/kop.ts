import { html, join, safeImageDataUrl, type SafeHtml } from './html';
import type { OfficeHeader } from './types';

/** CSS for the kop surat; included once per document by `kopCss`. */
export const KOP_CSS = `
.kop { width: 100%; border-collapse: collapse; margin: 0; }
.kop td { vertical-align: middle; padding: 0; }
.kop td.kop-logo { width: 24mm; }
.kop td.kop-logo img { display: block; max-width: 20mm; max-height: 23mm; margin: 0 auto 0 0; }
.kop td.kop-text { text-align: center; line-height: 1.2; padding-right: 4mm; }
.kop .kop-pemerintah { font-size: 13pt; font-weight: bold; text-transform: uppercase; white-space: nowrap; }
.kop .kop-dinas { font-size: 16pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.5pt; white-space: nowrap; }
.kop .kop-alamat { font-size: 9pt; margin-top: 1pt; }
.kop-rule { border-top: 2.5pt solid #000; border-bottom: 0.75pt solid #000; height: 3.5pt; margin: 3pt 0 6pt 0; }
`;

/**
 * Width of the kop's text column on the narrowest page the kop is printed on (A4 portrait: 160 mm of text
 * width less the emblem's 24 mm and a little air). A line of capitals set wider than this would wrap.
 */
const KOP_TEXT_MM = 128;
/** Average advance of Arial Bold capitals and spaces, in em (measured: 'DINAS SOSIAL KABUPATEN KOTAWARINGIN TIMUR'). */
const CAPS_EM = 0.7;

/** The largest size up to `max` pt at which a line of capitals stays on one line of the kop. */
export function kopFontPt(text: string, max: number): number {
  const mmPerPt = 25.4 / 72;
  const fit = KOP_TEXT_MM / (text.trim().length * CAPS_EM * mmPerPt);
  return Math.max(8, Math.min(max, Math.floor(fit * 2) / 2));
}

/** The kop's contact line, part by part: 'Telepon …', 'Email: …', 'Laman: …'. */
export function kopKontak(office: OfficeHeader): string[] {
  return [
    office.telepon ? `Telepon ${office.telepon}` : null,
    office.email ? `Email: ${office.email}` : null,
    office.website ? `Laman: ${office.website}` : null,
  ].filter((x): x is string => x !== null);
}

/** Kop surat: emblem at the left, centred bold capitals (each on one line), contact line, thick + thin double rule. */
export function renderKop(office: OfficeHeader): SafeHtml {
  const logo = safeImageDataUrl(office.logoDataUrl);
  const contact = join(kopKontak(office), ' &middot; ');
  return html`<table class="kop">
<tr>
<td class="kop-logo">${logo ? html`<img src="${logo}" alt="Logo">` : ''}</td>
<td class="kop-text">
<div class="kop-pemerintah" style="font-size:${kopFontPt(office.pemerintah, 13)}pt">${office.pemerintah}</div>
<div class="kop-dinas" style="font-size:${kopFontPt(office.namaDinas, 16)}pt">${office.namaDinas}</div>
<div class="kop-alamat">${office.alamat}</div>
${contact.value ? html`<div class="kop-alamat">${contact}</div>` : ''}
</td>
</tr>
</table>
<div class="kop-rule"></div>`;
}
