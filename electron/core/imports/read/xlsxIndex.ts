/**
 * The xlsx's zip read by random access through its central directory (zipDirectory.ts; nothing is loaded whole): the sheets in tab order with their visibility (xl/workbook.xml and its
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
import { decodeCellRef } from './cells';
import { ImportReadError, LIMITS, ReadFault, asReadError, readErrors } from './errors';
import { XmlScanner, elements } from './xmlScan';
import { readZipDirectory, type ZipEntry } from './zipDirectory';
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
  entry(path: string): ZipEntry | undefined;
  /**
   * An entry's uncompressed data, checked as it is read (guarded()), or null when there is no such entry.
   * `crc32: false` skips the CRC-32 for a pass that stops early anyway (the rows stop at </sheetData>; the
   * sheet's pre-scan, scanSheet(), reads it whole and checks it).
   */
  openEntry(path: string, opts?: { crc32?: boolean }): Promise<EntryStream | null>;
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

const SHEETDATA = Buffer.from('sheetData');
/** Bytes kept from a chunk's end so that a marker cut by it is seen whole with the next chunk. */
const MARKER_CARRY = 128;

function isNameByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

function isSpaceByte(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Where the rows of a sheet's XML end: the '<' of `</sheetData>` or of an empty `<sheetData/>`, with or
 * without a namespace prefix (`</x:sheetData>`); -1 when buf has none (a marker cut by buf's end is not seen).
 */
export function sheetDataEnd(buf: Buffer): number {
  for (let i = buf.indexOf(SHEETDATA); i >= 0; i = buf.indexOf(SHEETDATA, i + 1)) {
    let j = i - 1;
    if (buf[j] === 58 /* : */) {
      j--;
      while (j >= 0 && i - j < 64 && isNameByte(buf[j] ?? 0)) j--;
    }
    let k = i + SHEETDATA.length;
    while (k < buf.length && isSpaceByte(buf[k] ?? 0)) k++;
    if (buf[j] === 47 /* / */ && buf[j - 1] === 60 /* < */ && buf[k] === 62 /* > */) return j - 1;
    if (buf[j] === 60 && buf[k] === 47 && buf[k + 1] === 62) return j;
  }
  return -1;
}

/**
 * Reads a sheet's XML once: <dimension> from the head, <mergeCell>s from after the rows. The rows themselves
 * are only searched for their end (a byte search, no XML parsing); what follows is scanned as it comes,
 * nothing buffered, at most LIMITS.merges merged regions.
 */
export async function scanSheetXml(chunks: AsyncIterable<Buffer>, check: () => void = () => {}): Promise<SheetScan> {
  let head = '';
  let carry: Buffer = Buffer.alloc(0);
  const merges: MergeRange[] = [];
  let tail: XmlScanner | null = null;
  for await (const chunk of chunks) {
    check();
    if (tail) {
      tail.write(chunk);
      continue;
    }
    if (head.length < 4096) head += chunk.subarray(0, 4096).toString('latin1');
    // The marker in the chunk, or across its start: the last bytes of the previous chunk and its first ones.
    let found: Buffer[] | null = null;
    if (carry.length > 0) {
      const joined = Buffer.concat([carry, chunk.subarray(0, MARKER_CARRY)]);
      const j = sheetDataEnd(joined);
      if (j >= 0 && j < carry.length) found = [joined.subarray(j), chunk.subarray(MARKER_CARRY)];
    }
    if (!found) {
      const i = sheetDataEnd(chunk);
      if (i >= 0) found = [chunk.subarray(i)];
    }
    if (found) {
      tail = new XmlScanner({
        open(name, _selfClosing, tag) {
          if (name !== 'mergeCell') return;
          const ref = tag.attr('ref');
          const r = ref ? parseRange(ref) : null;
          if (!r) return;
          if (merges.length >= LIMITS.merges) throw new ReadFault('expanded', 'daftar sel gabungan');
          merges.push(r);
        },
        close() {},
        text() {},
        cdata() {},
      });
      for (const part of found) tail.write(part);
    } else {
      carry = chunk.length >= MARKER_CARRY ? chunk.subarray(chunk.length - MARKER_CARRY) : Buffer.concat([carry, chunk]).subarray(-MARKER_CARRY);
    }
  }
  tail?.end();
  const dim = elements(head, 'dimension')[0]?.ref;
  const dimRange = dim ? parseRange(dim) : null;
  return { merges, lastRow: dimRange ? dimRange.bottom : null };
}

const LOCAL_HEADER = 0x04034b50;
/**
 * File reads of 1 MB; inflated output in 256 KB pieces: each piece is a call back from the thread pool, and with
 * 64 KB those calls cost the reader ~0.3 s on a 100,000-row sheet. The rows are still scanned 64 KB at a time
 * (xlsx.ts), so progress stays fine-grained.
 */
const READ_CHUNK = 1 << 20;
const INFLATE_CHUNK = 256 * 1024;
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
async function entryData(source: ZipSource, file: ZipEntry): Promise<Readable> {
  // Nothing is inflated that could not be an honest part of an xlsx: the stated size is bounded, absolutely and
  // against the compressed size (a zip bomb states its size, or its data overruns the size stated: see guarded()).
  if (
    file.uncompressedSize > LIMITS.entryBytes ||
    file.uncompressedSize > Math.max(LIMITS.ratioFloorBytes, file.compressedSize * LIMITS.ratio)
  ) {
    throw new ReadFault('expanded', file.path);
  }
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

/**
 * An entry's data as it inflates, checked: the caller's cancel hook between chunks; never more bytes than the
 * central directory states, and at the end exactly that many with its CRC-32 (unless `crc32` is false), else
 * ReadFault 'checksum'.
 * Stopping early (break, return()) destroys the stream.
 */
async function* guarded(stream: Readable, file: ZipEntry, check: () => void, crc32: boolean): AsyncGenerator<Buffer> {
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      check();
      size += chunk.length;
      if (size > file.uncompressedSize) throw new ReadFault('checksum', file.path);
      if (crc32) crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
    if (size !== file.uncompressedSize || (crc32 && crc >>> 0 !== file.crc32 >>> 0)) throw new ReadFault('checksum', file.path);
  } finally {
    stream.destroy();
  }
}

/** An entry's data being read: its chunks (see guarded()), and destroy() to release it if never iterated. */
export interface EntryStream {
  chunks: AsyncGenerator<Buffer>;
  destroy(): void;
}

/** A zip read through its central directory, each entry inflated under the limits of entryData()/guarded(). */
export interface ZipArchive {
  entry(path: string): ZipEntry | undefined;
  openEntry(path: string, opts?: { crc32?: boolean }): Promise<EntryStream | null>;
  /** A small part (at most LIMITS.smallPartBytes) as UTF-8 text, or null when there is no such entry. */
  readText(path: string): Promise<string | null>;
}

/** Opens the zip (FILE_NOT_XLSX when it is not one); `check` is the caller's cancel hook, run per chunk. */
export async function openZip(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  check: () => void = () => {},
): Promise<ZipArchive> {
  const source: ZipSource =
    'path' in input
      ? { path: input.path }
      : { bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) };
  let size: number;
  try {
    size = 'path' in source ? (await fs.promises.stat(source.path)).size : source.bytes.length;
  } catch (e) {
    throw readErrors.notXlsx(fileName, e);
  }
  let dir: ZipEntry[];
  try {
    dir = await readZipDirectory(size, (start, length) => readRange(source, start, length), fileName);
  } catch (e) {
    throw e instanceof ImportReadError ? e : readErrors.notXlsx(fileName, e);
  }
  const files = new Map(dir.map((f) => [f.path.replace(/^\//, ''), f]));
  const openEntry = async (path: string, opts: { crc32?: boolean } = {}): Promise<EntryStream | null> => {
    const f = files.get(path);
    if (!f) return null;
    const stream = await entryData(source, f);
    stream.on('error', () => {
      /* surfaced where the chunks are read */
    });
    return { chunks: guarded(stream, f, check, opts.crc32 !== false), destroy: () => stream.destroy() };
  };
  const readText = async (path: string): Promise<string | null> => {
    if ((files.get(path)?.uncompressedSize ?? 0) > LIMITS.smallPartBytes) throw new ReadFault('expanded', path);
    const entry = await openEntry(path);
    if (!entry) return null;
    const parts: Buffer[] = [];
    for await (const c of entry.chunks) parts.push(c);
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  };
  return { entry: (path) => files.get(path), openEntry, readText };
}

export async function openXlsxIndex(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  check: () => void = () => {},
): Promise<XlsxIndex> {
  const { entry, openEntry, readText } = await openZip(input, fileName, check);
  const files = { get: entry, has: (path: string) => entry(path) !== undefined };
  const workbookFile = files.get('xl/workbook.xml');
  if (!workbookFile) throw readErrors.notXlsx(fileName);
  const sheets: XlsxSheetEntry[] = [];
  let date1904: boolean;
  try {
    const workbookXml = (await readText('xl/workbook.xml')) ?? '';
    const relsXml = (await readText('xl/_rels/workbook.xml.rels')) ?? '';
    const rels = new Map<string, string>();
    for (const r of elements(relsXml, 'Relationship', { thorough: true })) {
      if (r.Id && r.Target) rels.set(r.Id, r.Target);
    }
    for (const s of elements(workbookXml, 'sheet', { thorough: true })) {
      const rid = s.id; // r:id, whatever the relationships namespace is called
      const target = rid ? rels.get(rid) : undefined;
      // Every sheet has a name and a relationship to its part: without them the workbook is damaged.
      if (!s.name || !target) throw new ReadFault('xml', 'daftar sheet');
      const path = resolveTarget(target);
      // A sheet whose part is missing: the workbook is damaged (Excel refuses it too), not a sheet to leave out.
      if (!files.has(path)) throw new ReadFault('xml', path);
      const state = s.state === 'hidden' || s.state === 'veryHidden' ? s.state : 'visible';
      sheets.push({ name: s.name, state, hidden: state !== 'visible', path, relTarget: target });
    }
    const pr = elements(workbookXml, 'workbookPr', { thorough: true })[0];
    date1904 = pr?.date1904 === '1' || pr?.date1904 === 'true';
  } catch (e) {
    throw asReadError(e, fileName);
  }

  return {
    sheets,
    date1904,
    entry,
    openEntry,
    async scanSheet(sheet) {
      try {
        const entry = await openEntry(sheet.path);
        if (!entry) return { merges: [], lastRow: null };
        return await scanSheetXml(entry.chunks, check);
      } catch (e) {
        throw asReadError(e, fileName);
      }
    },
  };
}
