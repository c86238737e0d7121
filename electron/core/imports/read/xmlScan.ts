/**
 * A small incremental XML tokenizer for the parts of an .xlsx the import reads (sheet XML, shared strings,
 * styles). Those parts are machine-written with a tiny vocabulary, and the sheet of a 100,000-row DTKS file is
 * ~90 MB of `<c r="B7" t="s"><v>12</v></c>`; a general streaming parser (exceljs over saxes) spent most of an
 * import tokenizing and allocating per-cell objects, ~10× what this scan costs. It still handles what real
 * files contain: namespace prefixes (`<x:c>` from the OpenXML SDK), entities and character references,
 * CDATA, comments, processing instructions, `>` inside quoted attribute values, and tags or text split across
 * chunks. It is linear in its input and its memory is bounded whatever the input: text, CDATA and comments
 * are handed out or skipped as they arrive (only a tag cut by a chunk's end is carried, up to
 * LIMITS.tagChars). It checks little (the zip's CRC-32 guards the bytes; in strict mode, that end tags match
 * and nothing is left open), so a malformed part fails as a ReadFault or reads as what it says.
 */

export interface AttrVisitor {
  attribute(text: string, localStart: number, nameEnd: number, valueStart: number, valueEnd: number): void;
}

export interface XmlHandler {
  /** A start tag (or an empty-element tag when selfClosing); its attributes are read with `tag.attr()`. */
  open(name: string, selfClosing: boolean, tag: XmlScanner): void;
  close(name: string): void;
  /** Character data as written (entities not yet decoded: see decodeXml); only between tags. */
  text(raw: string, start: number, end: number): void;
  /** The content of a CDATA section (no decoding applies). */
  cdata(text: string): void;
}

import { LIMITS, ReadFault } from './errors';

const GT = 62; // >
const SLASH = 47;
const QUOT = 34;
const APOS = 39;
const COLON = 58;
const EQ = 61;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Throws a ReadFault when `s` holds a character XML 1.0 does not allow in a document (C0 controls but tab,
 * LF and CR; U+FFFE, U+FFFF). A loop rather than a regular expression: it runs on every cell's text, mostly a
 * few characters long, where a RegExp call costs more than the scan.
 */
export function checkXmlChars(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c >= 0xfffe) throw new ReadFault('xml', 'karakter tidak sah');
  }
}

/**
 * The five XML entities and numeric character references decoded. Anything else XML does not allow in text
 * (a bare '&' or an unknown entity, a reference to a disallowed character, a control character) is a
 * ReadFault: a damaged part is refused rather than read as other text.
 */
export function decodeXml(s: string): string {
  checkXmlChars(s);
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(?:(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);)?/g, (_, e: string | undefined) => {
    switch (e) {
      case undefined:
        throw new ReadFault('xml', "'&' tanpa entitas yang sah");
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        const ok = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff);
        // A lone surrogate is not text (and would not survive UTF-8).
        if (!ok || (code >= 0xd800 && code <= 0xdfff)) throw new ReadFault('xml', `referensi karakter &${e.slice(0, 12)}; tidak sah`);
        return String.fromCodePoint(code);
      }
    }
  });
}

/**
 * How many of `b`'s bytes end on a whole UTF-8 character: all of them unless the last character is cut (then
 * up to its lead byte). Invalid bytes count as whole, for the decoder to refuse.
 */
function wholeChars(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    const c = b[n - k] ?? 0;
    if (c < 0x80) return n;
    if (c >= 0xc0) return (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > k ? n - k : n;
  }
  return n;
}

/** Where a tag that starts at `lt` ends (its '>'), skipping '>' inside quoted attribute values; -1 if not yet. */
function tagEnd(s: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOT || c === APOS) quote = c;
    else if (c === GT) return i;
  }
  return -1;
}

/**
 * A tag's local name s[start, end). The names a sheet repeats per cell (c, v, t, r, is, si, row, rPh) are
 * returned as constants: a new string per tag was ~10 million short strings for a 100,000-row sheet, much of
 * the reader's garbage collection, and a constant compares by identity in the handlers' switches.
 */
function localName(s: string, start: number, end: number): string {
  const c0 = s.charCodeAt(start);
  switch (end - start) {
    case 1:
      if (c0 === 99) return 'c';
      if (c0 === 118) return 'v';
      if (c0 === 116) return 't';
      if (c0 === 114) return 'r';
      break;
    case 2:
      if (c0 === 105 && s.charCodeAt(start + 1) === 115) return 'is';
      if (c0 === 115 && s.charCodeAt(start + 1) === 105) return 'si';
      break;
    case 3:
      if (c0 === 114 && s.charCodeAt(start + 1) === 111 && s.charCodeAt(start + 2) === 119) return 'row';
      if (c0 === 114 && s.charCodeAt(start + 1) === 80 && s.charCodeAt(start + 2) === 104) return 'rPh';
      break;
    default:
  }
  return s.slice(start, end);
}

/** What the scan is inside of at a chunk's end. */
const MODE_MARKUP = 0;
const MODE_COMMENT = 1;
const MODE_CDATA = 2;
const MODE_PI = 3;
/** Longest character reference kept whole across chunks ("&#x10FFFF;" with room for leading zeros). */
const ENTITY_MAX = 16;
/** Attributes of one tag read on the way to its end (a cell has 3 at most; `<row>` 5 or so). */
const QUICK_ATTRS = 8;
/** Deepest element nesting accepted (sheet XML nests 5 deep). */
const MAX_DEPTH = 256;

export interface XmlScanOptions {
  /**
   * Check that every end tag closes the element open (local names compared) and, at end(), that none is left
   * open: a truncated or mangled part is an error (ReadFault 'xml') rather than rows silently missing. Off for
   * a part scanned from its middle (a sheet's tail).
   */
  strict?: boolean;
  /**
   * Also check each tag's syntax: element and attribute names, `name="value"` pairs separated by white space,
   * no attribute twice, no '<' in a value (ReadFault 'xml'). For the small workbook-level parts, where a
   * damaged tag would silently change the sheet list or the strings; the sheet's hot path does without.
   */
  thorough?: boolean;
}

/** An XML name as the parts use them (ASCII letters, digits, '_', '-', '.', one optional prefix). */
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;
const ATTRS = /\s*([^\s=]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** Throws a ReadFault when the attributes in s[from, to) are not well-formed name="value" pairs. */
function checkAttributes(s: string, from: number, to: number): void {
  const seen: string[] = [];
  let i = from;
  const fail = () => {
    throw new ReadFault('xml', 'atribut tidak sah');
  };
  while (i < to) {
    if (!isSpace(s.charCodeAt(i))) fail();
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    ATTRS.lastIndex = i;
    const m = ATTRS.exec(s);
    if (!m || ATTRS.lastIndex > to || m[1] === undefined || !NAME.test(m[1]) || seen.includes(m[1])) fail();
    seen.push(m?.[1] ?? '');
    const value = m?.[2] ?? m?.[3] ?? '';
    if (value.indexOf('&') >= 0) decodeXml(value);
    i = ATTRS.lastIndex;
  }
}

export class XmlScanner implements AttrVisitor {
  private carry = '';
  private mode = MODE_MARKUP;
  /** Names of the open elements (strict), stack[0 … depth-1]. */
  private readonly stack: string[] = new Array<string>(MAX_DEPTH).fill('');
  private depth = 0;
  private readonly strict: boolean;
  private readonly thorough: boolean;
  /**
   * Invalid UTF-8 is an error (TypeError, reported as FILE_CORRUPT), not replacement characters. Not a
   * streaming decoder: write() decodes whole characters only, and strips the part's byte order mark itself.
   */
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /**
   * The bytes write() has not scanned yet: those of the chars left in `carry` (a tag cut by the chunk's end)
   * and of a character cut by it. They go before the next chunk's bytes, so that each chunk is scanned as one
   * flat string: `carry + chunk` made a cons string, which every charCodeAt of the scan then paid for.
   */
  private pending: Uint8Array | null = null;
  private started = false;
  /** The current tag, for attr(): its text and the range of its attributes. */
  private tagText = '';
  private attrStart = 0;
  private attrEnd = 0;
  /**
   * The current tag's attributes as readAttrs() found them, 4 offsets each (local name start, name end, value
   * start, value end), quickAttrs of them; -1 when eachAttr() must parse them from the tag's text.
   */
  private readonly attrRanges = new Int32Array(4 * QUICK_ATTRS);
  private quickAttrs = -1;

  /**
   * The end ('>') of a tag whose attributes start at `i`, found while recording them, when they are plain
   * ` name="value"` pairs (as every machine-written part has them): the walk to the tag's end and the one
   * through its attributes made once. -1 for anything else (spaces around '=', a damaged or cut tag, more
   * than QUICK_ATTRS attributes): the caller then finds the end as before and eachAttr() parses them.
   */
  private readAttrs(s: string, i: number, n: number): number {
    const a = this.attrRanges;
    let k = 0;
    for (;;) {
      let c = s.charCodeAt(i);
      if (!isSpace(c)) {
        if (c === GT) break;
        if (c === SLASH && s.charCodeAt(i + 1) === GT) {
          i++;
          break;
        }
        return -1;
      }
      while (isSpace(c)) c = s.charCodeAt(++i);
      if (c === GT) break;
      if (c === SLASH && s.charCodeAt(i + 1) === GT) {
        i++;
        break;
      }
      if (k === 4 * QUICK_ATTRS) return -1;
      const nameStart = i;
      let local = i;
      for (; i < n; i++) {
        c = s.charCodeAt(i);
        if (c === EQ) break;
        if (c === GT || c === SLASH || c === QUOT || c === APOS || c === 60 /* < */ || isSpace(c)) return -1;
        if (c === COLON) local = i + 1;
      }
      if (i >= n || i === nameStart) return -1;
      const q = s.charCodeAt(i + 1);
      if (q !== QUOT && q !== APOS) return -1;
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 2);
      if (close < 0) return -1;
      a[k] = local;
      a[k + 1] = i;
      a[k + 2] = i + 2;
      a[k + 3] = close;
      k += 4;
      i = close + 1;
    }
    this.quickAttrs = k / 4;
    return i;
  }

  constructor(
    private readonly handler: XmlHandler,
    options: XmlScanOptions = {},
  ) {
    this.strict = options.strict === true || options.thorough === true;
    this.thorough = options.thorough === true;
  }

  /** Feeds the next bytes of the part. */
  write(bytes: Uint8Array): void {
    const input = this.pending === null ? bytes : Buffer.concat([this.pending, bytes]);
    this.pending = null;
    const whole = wholeChars(input);
    this.scan(this.decode(input.subarray(0, whole)));
    const keep = (this.carry === '' ? 0 : Buffer.byteLength(this.carry, 'utf8')) + input.length - whole;
    this.carry = '';
    if (keep > 0) this.pending = input.slice(input.length - keep);
  }

  private decode(bytes: Uint8Array): string {
    const text = this.decoder.decode(bytes);
    if (this.started || text === '') return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** Feeds a whole text already decoded (elements()). */
  writeText(text: string): void {
    this.scan(text);
  }

  /**
   * Where the content of the element being reported by open() starts in `tagText`: a handler that recognises
   * its whole content and end tag there (a sheet's `<v>12</v></c>`) reads them itself and calls consume().
   */
  contentStart = 0;
  private consumedTo = -1;

  /** The text being scanned while open() runs (see contentStart). */
  get text(): string {
    return this.tagText;
  }

  /**
   * Called from open(): the element just opened ends (its end tag included) before `to` in `text`, and the
   * handler has taken its content; the scan resumes at `to` and reports neither its content nor its close().
   */
  consume(to: number): void {
    this.consumedTo = to;
  }

  /** Every attribute of the tag being reported by open(), by local name (prefix left out), decoded. */
  attributes(): Record<string, string> {
    const out: Record<string, string> = {};
    this.eachAttr({
      attribute: (s, localStart, nameEnd, valueStart, valueEnd) => {
        out[s.slice(localStart, nameEnd)] = decodeXml(s.slice(valueStart, valueEnd));
      },
    });
    return out;
  }

  /** The part is over (strict: a tag, comment or element left open is an error). */
  end(): void {
    // Scanning the carried chars again hands out nothing twice: they are what the scan stopped short of.
    const rest = this.pending;
    this.pending = null;
    if (rest !== null) this.scan(this.decode(rest));
    const left = this.carry;
    this.carry = '';
    if (this.strict && (this.mode !== MODE_MARKUP || left.indexOf('<') >= 0 || this.depth > 0)) {
      throw new ReadFault('xml', 'bagian XML terpotong');
    }
  }

  /** An attribute of the tag being reported by open() (local name, prefix ignored), decoded; null if absent. */
  attr(name: string): string | null {
    this.wanted = name;
    this.found = null;
    this.eachAttr(this);
    return this.found === null ? null : decodeXml(this.found);
  }

  private wanted = '';
  private found: string | null = null;

  /** attr()'s own visit. */
  attribute(s: string, localStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if (this.found === null && nameEnd - localStart === this.wanted.length && s.startsWith(this.wanted, localStart)) {
      this.found = s.slice(valueStart, valueEnd);
    }
  }

  /**
   * Visits each attribute of the tag being reported by open(), as ranges of `text` (the local name, prefix
   * left out, and the raw value between its quotes): no strings are made, which matters on millions of cells.
   */
  eachAttr(visitor: AttrVisitor): void {
    const s = this.tagText;
    if (this.quickAttrs >= 0) {
      const a = this.attrRanges;
      for (let k = 0; k < 4 * this.quickAttrs; k += 4) visitor.attribute(s, a[k] ?? 0, a[k + 1] ?? 0, a[k + 2] ?? 0, a[k + 3] ?? 0);
      return;
    }
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return;
      const nameStart = i;
      let local = i;
      while (i < end) {
        const c = s.charCodeAt(i);
        if (c === EQ || isSpace(c)) break;
        if (c === COLON) local = i + 1;
        i++;
      }
      const nameEnd = i;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== EQ || nameEnd === nameStart) return this.badAttributes();
      i++;
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      if (q !== QUOT && q !== APOS) return this.badAttributes();
      const close = s.indexOf(q === QUOT ? '"' : "'", i + 1);
      if (close < 0 || close >= end) return this.badAttributes();
      visitor.attribute(s, local, nameEnd, i + 1, close);
      i = close + 1;
      if (i < end && !isSpace(s.charCodeAt(i))) return this.badAttributes();
    }
  }

  /** Attributes that are not name="value" pairs: a ReadFault when strict, else the rest is left unread. */
  private badAttributes(): void {
    if (this.strict) throw new ReadFault('xml', 'atribut tidak sah');
  }

  private scan(chunk: string): void {
    const s = this.carry === '' ? chunk : this.carry + chunk;
    const h = this.handler;
    let pos = 0;
    const n = s.length;
    // Inside a comment, CDATA section or processing instruction begun in an earlier chunk.
    if (this.mode !== MODE_MARKUP) {
      pos = this.skipOpen(s, 0);
      if (pos < 0) return;
    }
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        // Text without its closing tag yet: handed out now (a cell's text may be long), except a character
        // reference that may be cut by the chunk's end.
        const amp = s.lastIndexOf('&');
        const cut = amp >= pos && n - amp < ENTITY_MAX && s.indexOf(';', amp) < 0 ? amp : n;
        if (cut > pos) h.text(s, pos, cut);
        pos = cut;
        break;
      }
      if (lt > pos) h.text(s, pos, lt);
      pos = lt;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */) {
        if (n - lt < 9 && ('<![CDATA['.startsWith(s.slice(lt)) || '<!--'.startsWith(s.slice(lt)))) break;
        if (s.startsWith('<!--', lt)) {
          this.mode = MODE_COMMENT;
          pos = this.skipOpen(s, lt + 4);
        } else if (s.startsWith('<![CDATA[', lt)) {
          this.mode = MODE_CDATA;
          pos = this.skipOpen(s, lt + 9);
        } else {
          const e = tagEnd(s, lt);
          if (e < 0) break;
          pos = e + 1; // <!DOCTYPE …>
        }
        if (pos < 0) return;
        continue;
      }
      if (c1 === 63 /* ? */) {
        this.mode = MODE_PI;
        pos = this.skipOpen(s, lt + 2);
        if (pos < 0) return;
        continue;
      }
      const closing = c1 === SLASH;
      const nameStart = closing ? lt + 2 : lt + 1;
      // The name first: most tags (<v>, </v>, </c>) end right after it, and need no search for their end.
      let i = nameStart;
      let local = i;
      let c = 0;
      for (; i < n; i++) {
        c = s.charCodeAt(i);
        if (c === GT || c === SLASH || c === QUOT || c === APOS || isSpace(c)) break;
        if (c === COLON) local = i + 1;
      }
      let gt = i;
      this.quickAttrs = 0;
      if (i >= n || c !== GT) {
        // Its end past attributes (read on the way when they are plain name="value" pairs); a quote in the name
        // (a damaged tag): the name as far as the tag's end allows.
        const quoted = i < n && (c === QUOT || c === APOS);
        gt = quoted ? -1 : this.readAttrs(s, i, n);
        if (gt < 0) {
          this.quickAttrs = -1;
          gt = tagEnd(s, quoted ? lt : i - 1);
        }
        if (gt < 0) break;
        if (quoted) {
          for (; i < gt; i++) {
            c = s.charCodeAt(i);
            if (isSpace(c) || c === SLASH) break;
            if (c === COLON) local = i + 1;
          }
        }
      }
      const name = localName(s, local, i);
      if (this.thorough) {
        const qualified = s.slice(nameStart, i);
        const selfClosing = s.charCodeAt(gt - 1) === SLASH;
        if (!NAME.test(qualified)) throw new ReadFault('xml', 'nama tag tidak sah');
        if (!closing) checkAttributes(s, i, selfClosing ? gt - 1 : gt);
        else if (s.slice(i, gt).trim() !== '') throw new ReadFault('xml', 'tag penutup tidak sah');
      }
      if (closing) {
        if (this.strict) this.pop(name);
        h.close(name);
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === SLASH;
        this.tagText = s;
        this.attrStart = i;
        this.attrEnd = selfClosing ? gt - 1 : gt;
        this.contentStart = gt + 1;
        this.consumedTo = -1;
        h.open(name, selfClosing, this);
        if (this.consumedTo >= 0) {
          // The handler read the element's content and end tag itself (consume()): it was never left open.
          pos = this.consumedTo;
          continue;
        }
        if (this.strict && !selfClosing) this.push(name);
        if (selfClosing) h.close(name);
      }
      pos = gt + 1;
    }
    this.carry = pos < n ? s.slice(pos) : '';
    if (this.carry.length > LIMITS.tagChars) throw new ReadFault('xml', 'tag terlalu panjang');
    this.tagText = '';
  }

  /**
   * Skips (or, for CDATA, hands out) the inside of the comment, CDATA section or processing instruction that
   * starts at `from`, up to its terminator: the position after it, or -1 when the chunk ends first (the last
   * characters, which may begin the terminator, are carried; the rest is done with).
   */
  private skipOpen(s: string, from: number): number {
    const term = this.mode === MODE_COMMENT ? '-->' : this.mode === MODE_CDATA ? ']]>' : '?>';
    const e = s.indexOf(term, from);
    if (e >= 0) {
      if (this.mode === MODE_CDATA) this.handler.cdata(s.slice(from, e));
      this.mode = MODE_MARKUP;
      return e + term.length;
    }
    const keep = Math.max(from, s.length - (term.length - 1));
    if (this.mode === MODE_CDATA && keep > from) this.handler.cdata(s.slice(from, keep));
    this.carry = s.slice(keep);
    this.tagText = '';
    return -1;
  }

  private push(name: string): void {
    if (this.depth >= MAX_DEPTH) throw new ReadFault('xml', 'elemen bersarang terlalu dalam');
    this.stack[this.depth++] = name;
  }

  private pop(name: string): void {
    if (this.depth === 0 || this.stack[--this.depth] !== name) {
      throw new ReadFault('xml', `tag penutup </${name.slice(0, 40)}> tidak cocok`);
    }
  }
}

/** The attributes of every <name …> element of a small XML text (workbook.xml, its rels, a sheet's tail). */
export function elements(xml: string, name: string, options: XmlScanOptions = {}): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const scanner = new XmlScanner(
    {
      open(n, _selfClosing, tag) {
        if (n === name) out.push(tag.attributes());
      },
      close() {},
      text() {},
      cdata() {},
    },
    options,
  );
  scanner.writeText(xml);
  scanner.end();
  return out;
}
