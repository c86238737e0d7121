/**
 * The xlsx's zip read by random access through its central directory (`unzipper`'s Open, already a dependency
 * of exceljs; nothing is loaded whole): the sheets in tab order with their visibility (xl/workbook.xml and its
 * rels, parsed here), the date system, any entry as a stream, and per sheet a pre-scan of its XML for
 * <dimension> and the <mergeCells> that follow <sheetData> (one extra inflate of that sheet, no XML parsing of
 * the rows). Entry data is read directly — its byte range of the file into node's zlib inflateRaw — rather
 * than through unzipper's per-entry stream (a JS PullStream buffering every chunk).
 *
 * Why not exceljs's one forward pass (WorkbookReader over the whole file): (1) it sets `state` on each
 * WorksheetReader only as that sheet is reached in archive order, and only if workbook.xml and its rels came
 * before it, but the sheet list and visibility are needed before choosing; (2) it ignores <mergeCells>;
 * (3) it reads the zip with unzipper's Parse, which emits 'end' when its input is consumed rather than when its
 * entries are, so the last entries (workbook.xml, sharedStrings.xml, styles.xml) are sometimes dropped — seen
 * here as "Cannot read properties of undefined (reading 'sheets')" about once in 200 reads of a small file, and
 * a silent loss of shared strings or date styles when it hits those instead (unzipper PR #346).
 */
import fs from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { Open, type CentralDirectory, type ZipEntryFile } from 'unzipper';
import { decodeCellRef } from './cells';
import { readErrors } from './errors';
import { elements } from './xmlScan';
import type { MergeRange } from './types';

export interface XlsxSheetEntry {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  hidden: boolean;
  /** Archive path of the sheet XML, e.g. 'xl/worksheets/sheet1.xml'. */
  path: string;
  /** The relationship target exactly as written in workbook.xml.rels. */
  relTarget: string;
}

export interface SheetScan {
  merges: MergeRange[];
  /** Last row from <dimension ref="A1:X100">, or null. */
  lastRow: number | null;
}

export interface XlsxIndex {
  sheets: XlsxSheetEntry[];
  date1904: boolean;
  /** An archive entry by path ('xl/styles.xml'), or undefined. */
  entry(path: string): ZipEntryFile | undefined;
  /** An entry's uncompressed data as a stream, or null when there is no such entry. */
  openEntry(path: string): Promise<Readable | null>;
  scanSheet(sheet: XlsxSheetEntry): Promise<SheetScan>;
}

function resolveTarget(target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = (t.startsWith('/') ? t.slice(1) : `xl/${t}`).split('/');
  const stack: string[] = [];
  for (const p of parts) {
    if (p === '..') stack.pop();
    else if (p !== '.' && p !== '') stack.push(p);
  }
  return stack.join('/');
}

export function parseRange(ref: string): MergeRange | null {
  const [a, b] = ref.split(':');
  const from = a ? decodeCellRef(a) : null;
  const to = b ? decodeCellRef(b) : from;
  if (!from || !to) return null;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}

const SHEETDATA_END = Buffer.from('</sheetData>');
const SHEETDATA_EMPTY = Buffer.from('<sheetData/>');

function markerAt(buf: Buffer): number {
  const end = buf.indexOf(SHEETDATA_END);
  return end >= 0 ? end : buf.indexOf(SHEETDATA_EMPTY);
}

/** Reads a sheet's XML once: <dimension> from the head, <mergeCell>s from after </sheetData>. */
export async function scanSheetXml(chunks: AsyncIterable<Buffer>): Promise<SheetScan> {
  let head = '';
  let tail: Buffer[] | null = null;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (tail) {
      tail.push(chunk);
      continue;
    }
    if (head.length < 4096) head += chunk.subarray(0, 4096).toString('latin1');
    // Search the chunk, and across its start with the last bytes of the previous chunk.
    let found: Buffer[] | null = null;
    if (carry.length > 0) {
      const joined = Buffer.concat([carry, chunk.subarray(0, SHEETDATA_END.length)]);
      const j = markerAt(joined);
      if (j >= 0 && j < carry.length) found = [joined.subarray(j), chunk.subarray(SHEETDATA_END.length)];
    }
    if (!found) {
      const i = markerAt(chunk);
      if (i >= 0) found = [chunk.subarray(i)];
    }
    if (found) tail = found;
    else {
      const keep = SHEETDATA_END.length - 1;
      carry = chunk.length >= keep ? chunk.subarray(chunk.length - keep) : Buffer.concat([carry, chunk]).subarray(-keep);
    }
  }
  const dim = elements(head, 'dimension')[0]?.ref;
  const dimRange = dim ? parseRange(dim) : null;
  const merges: MergeRange[] = [];
  if (tail) {
    for (const m of elements(Buffer.concat(tail).toString('utf8'), 'mergeCell')) {
      const r = m.ref ? parseRange(m.ref) : null;
      if (r) merges.push(r);
    }
  }
  return { merges, lastRow: dimRange ? dimRange.bottom : null };
}

const LOCAL_HEADER = 0x04034b50;
/** File reads of 1 MB; inflated output in 64 KB pieces (progress stays fine-grained). */
const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 64 * 1024;
/** Inflated data buffered ahead of the parser, so inflating (thread pool) and parsing (main thread) overlap. */
const INFLATE_AHEAD = 4 << 20;

type ZipSource = { path: string } | { bytes: Buffer };

async function readRange(source: ZipSource, start: number, length: number): Promise<Buffer> {
  if ('bytes' in source) return source.bytes.subarray(start, start + length);
  const fh = await fs.promises.open(source.path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** An entry's data: its byte range after the local header, inflated unless stored. */
async function entryData(source: ZipSource, file: ZipEntryFile): Promise<Readable> {
  const local = await readRange(source, file.offsetToLocalFileHeader, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) throw new Error(`bad local header: ${file.path}`);
  if (file.flags & 0x01) throw new Error(`encrypted zip entry: ${file.path}`);
  const start = file.offsetToLocalFileHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const end = start + file.compressedSize;
  const raw =
    'bytes' in source
      ? Readable.from([source.bytes.subarray(start, end)], { objectMode: false })
      : file.compressedSize === 0
        ? Readable.from([], { objectMode: false })
        : fs.createReadStream(source.path, { start, end: end - 1, highWaterMark: READ_CHUNK });
  if (file.compressionMethod === 0) return raw;
  if (file.compressionMethod !== 8) throw new Error(`unsupported compression ${file.compressionMethod}: ${file.path}`);
  // zlib streams take the Transform options too; @types/node's ZlibOptions does not list them.
  const options: zlib.ZlibOptions & { readableHighWaterMark: number } = {
    chunkSize: INFLATE_CHUNK,
    readableHighWaterMark: INFLATE_AHEAD,
  };
  const inflate = zlib.createInflateRaw(options);
  return pipeline(raw, inflate, () => {
    /* an error is emitted on the inflate stream returned, and surfaces where it is read */
  });
}

export async function openXlsxIndex(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
): Promise<XlsxIndex> {
  let dir: CentralDirectory;
  try {
    dir =
      'path' in input
        ? await Open.file(input.path)
        : await Open.buffer(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength));
  } catch (e) {
    throw readErrors.notXlsx(fileName, e);
  }
  const source: ZipSource =
    'path' in input
      ? { path: input.path }
      : { bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) };
  const files = new Map(dir.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const openEntry = async (path: string): Promise<Readable | null> => {
    const f = files.get(path);
    return f ? entryData(source, f) : null;
  };
  const readText = async (path: string): Promise<string | null> => {
    const stream = await openEntry(path);
    if (!stream) return null;
    const parts: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer>) parts.push(c);
    return Buffer.concat(parts).toString('utf8');
  };
  const workbookFile = files.get('xl/workbook.xml');
  if (!workbookFile) throw readErrors.notXlsx(fileName);
  let workbookXml: string;
  let relsXml: string;
  try {
    workbookXml = (await readText('xl/workbook.xml')) ?? '';
    relsXml = (await readText('xl/_rels/workbook.xml.rels')) ?? '';
  } catch (e) {
    throw readErrors.corrupt(fileName, e);
  }

  const rels = new Map<string, string>();
  for (const r of elements(relsXml, 'Relationship')) {
    if (r.Id && r.Target) rels.set(r.Id, r.Target);
  }
  const sheets: XlsxSheetEntry[] = [];
  for (const s of elements(workbookXml, 'sheet')) {
    const rid = s.id; // r:id, whatever the relationships namespace is called
    const target = rid ? rels.get(rid) : undefined;
    if (!s.name || !target) continue;
    const path = resolveTarget(target);
    if (!files.has(path)) continue; // chart sheets and dangling references
    const state = s.state === 'hidden' || s.state === 'veryHidden' ? s.state : 'visible';
    sheets.push({ name: s.name, state, hidden: state !== 'visible', path, relTarget: target });
  }
  const pr = elements(workbookXml, 'workbookPr')[0];
  const date1904 = pr?.date1904 === '1' || pr?.date1904 === 'true';

  return {
    sheets,
    date1904,
    entry: (path) => files.get(path),
    openEntry,
    async scanSheet(sheet) {
      try {
        const stream = await openEntry(sheet.path);
        if (!stream) return { merges: [], lastRow: null };
        return await scanSheetXml(stream as AsyncIterable<Buffer>);
      } catch (e) {
        throw readErrors.corrupt(fileName, e);
      }
    },
  };
}
