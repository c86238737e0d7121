import { describe, expect, it } from 'vitest';
import { breakable, escapeHtml, html, join, multiline, raw, safeImageDataUrl } from '../../../electron/core/documents/html';
import { pageSizeCss } from '../../../electron/core/documents/page';

describe('escapeHtml / html``', () => {
  it('escapes the characters that could open markup or attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;',
    );
  });

  it('escapes interpolations but not the template or nested html``', () => {
    const name = '"><img src=x onerror=alert(1)>';
    const out = html`<td title="${name}">${html`<b>${name}</b>`}</td>`.value;
    expect(out).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"><b>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</b></td>',
    );
    expect(out).not.toContain('<img');
  });

  it('flattens arrays and drops null, undefined and false', () => {
    expect(html`${['a<', html`<i>b</i>`, null, undefined, false, 3]}`.value).toBe('a&lt;<i>b</i>3');
  });

  it('join, multiline and breakable escape their parts', () => {
    expect(join(['<a>', null, 'b'], '<br>').value).toBe('&lt;a&gt;<br>b');
    expect(multiline('Jl. <A>\nRT 1').value).toBe('Jl. &lt;A&gt;<br>RT 1');
    expect(breakable('460/<1>/2024').value).toBe('460/<wbr>&lt;1&gt;/<wbr>2024');
    expect(raw('<hr>').value).toBe('<hr>');
  });

  it('accepts only base64 image data URLs as a logo', () => {
    expect(safeImageDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(safeImageDataUrl('https://example.org/logo.png')).toBeNull();
    expect(safeImageDataUrl('file:///C:/logo.png')).toBeNull();
    expect(safeImageDataUrl('data:image/png;base64,AAA" onerror="x')).toBeNull();
    expect(safeImageDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBeNull();
    expect(safeImageDataUrl(null)).toBeNull();
  });
});

describe('page sizes', () => {
  it('maps A4 and F4 to millimetres, swapped for landscape', () => {
    expect(pageSizeCss('A4', false)).toBe('210mm 297mm');
    expect(pageSizeCss('F4', false)).toBe('215mm 330mm');
    expect(pageSizeCss('F4', true)).toBe('330mm 215mm');
  });
});
