import { html, type HtmlValue, type SafeHtml } from './html';
import { metaTable, type MetaRow } from './meta';

/** Centred document title ("BERITA ACARA SERAH TERIMA BANTUAN") with lines under it ("NOMOR : …"). */
export function docTitle(title: string, lines: readonly HtmlValue[] = [], opts: { underline?: boolean } = {}): SafeHtml {
  return html`<div class="doc-title">
<h1${opts.underline ? html` class="u"` : ''}>${title}</h1>
${lines.map((l) => html`<div>${l}</div>`)}
</div>`;
}

/**
 * Starts a new page (unless told not to) with the attachment header in the right half:
 * "Lampiran Berita Acara Serah Terima Bantuan / Nomor : … / Tanggal : …".
 */
export function lampiranHeader(judul: HtmlValue, rows: readonly MetaRow[], opts: { pageBreak?: boolean } = {}): SafeHtml {
  return html`${opts.pageBreak === false ? '' : html`<div class="page-break"></div>`}
<div class="lampiran-head">
<div>${judul}</div>
${metaTable(rows, { labelWidth: '16mm' })}
</div>`;
}
