import { html, type HtmlValue, type SafeHtml } from './html';

/** One "Label : value" line; rows whose value is null/undefined/'' are left out. */
export type MetaRow = readonly [label: HtmlValue, value: HtmlValue];

/** A borderless "Label : value" table (meeting data, parties of a BAST, letter header). */
export function metaTable(rows: readonly MetaRow[], opts: { labelWidth?: string; indent?: string } = {}): SafeHtml {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false);
  const style = opts.indent ? html` style="margin-left:${opts.indent};width:calc(100% - ${opts.indent})"` : '';
  return html`<table class="meta"${style}>
${shown.map(
  ([label, value]) =>
    html`<tr><td class="label"${opts.labelWidth ? html` style="width:${opts.labelWidth}"` : ''}>${label}</td><td class="colon">:</td><td>${value}</td></tr>`,
)}
</table>`;
}
