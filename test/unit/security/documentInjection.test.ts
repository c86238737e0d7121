import { describe, expect, it } from 'vitest';
import { renderBast } from '../../../electron/core/documents/bast';
import { BAST_KAKI_PALSU } from '../documents/fixtures';

const HOSTILE = '<script>alert("bast")</script><img src=x onerror="alert(1)">';

/** Every free-text string of the data gets the payload appended (dates, codes and the logo stay valid). */
function poison<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    const structured = /^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('data:') || /^[\d\s./-]*$/.test(value) || ['paper'].includes(key);
    return (structured ? value : `${value}${HOSTILE}`) as T;
  }
  if (Array.isArray(value)) return value.map((v) => poison(v, key)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)])) as T;
  return value;
}

describe('text from users in a printed BAST', () => {
  it('is escaped everywhere: no script, no event handler, every payload shown as text', () => {
    const data = poison(BAST_KAKI_PALSU);
    const { html } = renderBast(data);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img[^>]+onerror/i);
    // The payload is visible as text, as many times as it was typed (once per poisoned field that is printed).
    const shown = html.split('&lt;script&gt;alert(').length - 1;
    expect(shown).toBeGreaterThan(5);
  });
});
