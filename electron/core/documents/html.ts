/**
 * HTML building blocks for printed documents.
 *
 * Every value interpolated into the `html` tagged template is escaped unless it
 * is already a `SafeHtml` (the result of another `html` call or of `raw`).
 * Arrays are flattened, `null`/`undefined`/`false` print nothing.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A string that is already valid, escaped HTML. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  return escapeHtml(value as string | number);
}

/** Tagged template: literal parts are trusted, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (only for strings built by this module, never user text). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with a trusted separator (e.g. '<br>'). */
export function join(parts: readonly HtmlValue[], separator: string): SafeHtml {
  return new SafeHtml(parts.map((p) => render(p)).filter((s) => s !== '').join(separator));
}

/** Escapes text and turns line breaks into <br>, for multi-line user text such as addresses or minutes. */
export function multiline(text: string | null | undefined): SafeHtml {
  if (!text) return new SafeHtml('');
  return join(text.split(/\r?\n/), '<br>');
}

/**
 * Only `data:image/...;base64,` URLs are accepted as the logo: documents must never
 * reference files or the network. Anything else is dropped.
 */
export function safeImageDataUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^data:image\/(png|jpe?g|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/i.test(trimmed) ? trimmed : null;
}

/** Escapes text and allows line breaks after '/', so long letter numbers do not stretch justified lines. */
export function breakable(text: string): SafeHtml {
  return join(text.split('/'), '/<wbr>');
}
