import { formatNip } from '../../../shared/domain/nip';
import { html, join, type HtmlValue, type SafeHtml } from './html';
import { meteraiBox } from './meterai';

/** One signature: heading lines, room to sign, name (bold, underlined), pangkat, NIP. */
export interface SignatureSpec {
  /** Lines above the signing space, e.g. ['PIHAK KEDUA', 'Penerima Manfaat']. */
  heading: HtmlValue[];
  /** Empty or missing → a dotted line to be filled in by hand. */
  nama?: string | null;
  nip?: string | null;
  pangkat?: string | null;
  /** Print "NIP. ……" when the NIP is unknown but the signer is a civil servant (default false). */
  nipPlaceholder?: boolean;
  /** A meterai place in the signing space (receipts of money above the bea meterai threshold). */
  meterai?: boolean;
}

export const SIGNATURE_CSS = `
table.sig { width: 100%; table-layout: fixed; margin-top: 6pt; line-height: 1.25; }
table.sig td { padding: 0; text-align: center; vertical-align: top; }
table.sig tr.sig-heading td { vertical-align: bottom; }
table.sig tr.sig-space td { height: 14mm; vertical-align: middle; }
table.sig .sig-name { font-weight: bold; text-decoration: underline; text-underline-offset: 1.5pt; }
table.sig td.sig-gap { width: 10%; }
table.sig.single { width: 80%; margin-left: auto; margin-right: auto; }
.sig-caption { text-align: center; margin-top: 12pt; }
`;

const DOTS = '(..............................................)';

interface SigParts {
  heading: SafeHtml;
  space: SafeHtml;
  name: SafeHtml;
  pangkat: SafeHtml;
  nip: SafeHtml;
}

function parts(spec: SignatureSpec | null): SigParts {
  const empty = html``;
  if (!spec) return { heading: empty, space: empty, name: empty, pangkat: empty, nip: empty };
  const nama = spec.nama?.trim();
  const nip = spec.nip?.trim();
  return {
    heading: join(spec.heading, '<br>'),
    space: spec.meterai ? meteraiBox() : empty,
    name: nama ? html`<span class="sig-name">${nama}</span>` : html`${DOTS}`,
    pangkat: spec.pangkat ? html`${spec.pangkat}` : empty,
    nip: nip ? html`NIP. ${formatNip(nip)}` : spec.nipPlaceholder ? html`NIP. ................................` : empty,
  };
}

/**
 * Signatures side by side, laid out as rows (headings bottom-aligned, then the signing space,
 * names, pangkat, NIP) so that names line up even when one heading is longer. Kept on one page.
 */
function signatureTable(specs: readonly (SignatureSpec | null)[], single: boolean): SafeHtml {
  const p = specs.map(parts);
  const row = (cls: string, pick: (x: SigParts) => SafeHtml): SafeHtml =>
    html`<tr class="${cls}">${p.map((x, i) => html`${i > 0 ? html`<td class="sig-gap"></td>` : ''}<td>${pick(x)}</td>`)}</tr>`;
  const hasPangkat = p.some((x) => x.pangkat.value !== '');
  const hasNip = p.some((x) => x.nip.value !== '');
  return html`<table class="sig keep keep-with-previous${single ? ' single' : ''}">
${row('sig-heading', (x) => x.heading)}
${row('sig-space', (x) => x.space)}
${row('sig-name-row', (x) => x.name)}
${hasPangkat ? row('sig-pangkat', (x) => x.pangkat) : ''}
${hasNip ? row('sig-nip', (x) => x.nip) : ''}
</table>`;
}

/** Two signatures side by side (left 45 % | gap 10 % | right 45 %); either side may be empty. */
export function signatureRow(left: SignatureSpec | null, right: SignatureSpec | null): SafeHtml {
  return signatureTable([left, right], false);
}

/** A single centred signature (e.g. "Mengetahui, Kepala Dinas Sosial"). */
export function signatureCentered(spec: SignatureSpec): SafeHtml {
  return signatureTable([spec], true);
}

/** A single signature in the right half of the page (letters: the Kepala Dinas). */
export function signatureRight(spec: SignatureSpec): SafeHtml {
  return signatureRow(null, spec);
}

/** Any number of signatures two per row (saksi-saksi); an odd last one is centred. */
export function signatureGrid(specs: readonly SignatureSpec[]): SafeHtml {
  const rows: SafeHtml[] = [];
  for (let i = 0; i < specs.length; i += 2) {
    const left = specs[i];
    const right = specs[i + 1];
    if (left && right) rows.push(signatureRow(left, right));
    else if (left) rows.push(signatureCentered(left));
  }
  return html`${rows}`;
}
