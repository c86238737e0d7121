/**
 * A small streaming CSV reader giving the same RawRows as the xlsx reader (no package needed):
 * - encoding: UTF-8 (BOM or not), UTF-16 LE/BE with BOM (Excel's "Unicode Text"), otherwise Windows-1252
 *   (Excel's "CSV (Comma delimited)" on Windows) when the start of the file is not valid UTF-8;
 * - delimiter: `,` `;` (Indonesian Excel, where the comma is the decimal separator), tab or `|`, chosen from
 *   the first lines as the one whose count per line is most consistent;
 * - RFC 4180 quoting ("" inside quotes, delimiters and line breaks inside quoted fields), CRLF / LF / CR;
 * - Excel's text trick `="0123"` is unwrapped to `0123`.
 * Every value is a string (or null when empty): CSV has no types. Row numbers count records, as Excel shows
 * them when it opens the file (a quoted line break stays inside its row).
 */
import type { CellValue, RawRow } from './types';

const DELIMITERS = [';', ',', '\t', '|'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

const SNIFF_BYTES = 64 * 1024;

export function detectEncoding(head: Uint8Array): { encoding: string; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

/** Counts of each delimiter outside quotes, per line, over the first lines; the most consistent wins. */
export function detectDelimiter(sample: string): CsvDelimiter {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < 50; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) {
      lines.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < 50 && start < sample.length) lines.push(sample.slice(start));
  let best: CsvDelimiter = ',';
  let bestLines = 0;
  let bestMode = 0;
  for (const d of DELIMITERS) {
    const counts: number[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      let n = 0;
      let q = false;
      for (const ch of line) {
        if (ch === '"') q = !q;
        else if (ch === d && !q) n++;
      }
      counts.push(n);
    }
    const freq = new Map<number, number>();
    for (const n of counts) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [n, f] of freq) {
      if (f > modeLines || (f === modeLines && n > mode)) {
        mode = n;
        modeLines = f;
      }
    }
    if (modeLines > bestLines || (modeLines === bestLines && mode > bestMode)) {
      best = d;
      bestLines = modeLines;
      bestMode = mode;
    }
  }
  return best;
}

function toCell(s: string): CellValue {
  if (s === '') return null;
  if (s.length >= 3 && s.charCodeAt(0) === 61 /* = */ && s[1] === '"' && s[s.length - 1] === '"') {
    return s.slice(2, -1).replace(/""/g, '"');
  }
  return s;
}

/** Incremental RFC 4180 parser: feed text pieces, get complete records. */
export class CsvParser {
  private field = '';
  private fields: CellValue[] = [];
  private inQuotes = false;
  /** A quote was seen inside a quoted field at the end of the last piece: escaped "" or the closing quote. */
  private quotePending = false;
  private skipLf = false;
  private record = 0;
  private readonly delim: number;

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
  }

  private endField(): void {
    this.fields.push(toCell(this.field));
    this.field = '';
  }

  private endRecord(out: RawRow[]): void {
    this.endField();
    this.record++;
    out.push({ row: this.record, cells: this.fields });
    this.fields = [];
  }

  feed(text: string): RawRow[] {
    const out: RawRow[] = [];
    const n = text.length;
    const delim = this.delim;
    let i = 0;
    while (i < n) {
      if (this.quotePending) {
        this.quotePending = false;
        if (text.charCodeAt(i) === 34) {
          this.field += '"';
          i++;
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          i = n;
          break;
        }
        this.field += text.slice(i, q);
        i = q + 1;
        if (i >= n) {
          this.quotePending = true;
          break;
        }
        if (text.charCodeAt(i) === 34) {
          this.field += '"';
          i++;
        } else {
          this.inQuotes = false;
        }
        continue;
      }
      const ch = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (ch === 10) {
          i++;
          continue;
        }
      }
      if (ch === 34 && this.field === '') {
        this.inQuotes = true;
        i++;
        continue;
      }
      if (ch === delim) {
        this.endField();
        i++;
        continue;
      }
      if (ch === 10 || ch === 13) {
        this.endRecord(out);
        this.skipLf = ch === 13;
        i++;
        continue;
      }
      // Plain run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delim || c === 10 || c === 13) break;
        j++;
      }
      this.field += text.slice(i, j);
      i = j;
    }
    return out;
  }

  end(): RawRow[] {
    const out: RawRow[] = [];
    this.quotePending = false;
    this.inQuotes = false;
    if (this.field !== '' || this.fields.length > 0) this.endRecord(out);
    return out;
  }
}

/**
 * Parses a CSV byte stream into batches of RawRows (encoding and delimiter detected from the start). `check`, the
 * caller's cancel hook, runs before each chunk of the file (1 MB at most) is parsed.
 */
export async function* parseCsv(
  chunks: AsyncIterable<Uint8Array>,
  check: () => void = () => {},
): AsyncGenerator<RawRow[], void, undefined> {
  const it = chunks[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < SNIFF_BYTES) {
    check();
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    headParts.push(r.value);
    headLength += r.value.byteLength;
  }
  const head = Buffer.concat(headParts);
  const { encoding, bomLength } = detectEncoding(head.subarray(0, SNIFF_BYTES));
  const decoder = new TextDecoder(encoding);
  const firstText = decoder.decode(head.subarray(bomLength), { stream: !done });
  const parser = new CsvParser(detectDelimiter(firstText.slice(0, SNIFF_BYTES)));
  const nonEmpty = (b: RawRow[]) => b.length > 0;
  let batch = parser.feed(firstText);
  if (nonEmpty(batch)) yield batch;
  if (!done) {
    for (;;) {
      check();
      const r = await it.next();
      if (r.done) break;
      batch = parser.feed(decoder.decode(r.value, { stream: true }));
      if (nonEmpty(batch)) yield batch;
    }
    batch = parser.feed(decoder.decode());
    if (nonEmpty(batch)) yield batch;
  }
  batch = parser.end();
  if (nonEmpty(batch)) yield batch;
}
