/**
 * What the xlsx's zip says before any row is read: the sheets in tab order with their visibility, the date
 * system, and — per sheet — its merged regions and stated last row.
 *
 * Why not from exceljs: its streaming WorkbookReader does set `state` on each WorksheetReader it emits (from
 * xl/workbook.xml), but only as each sheet is reached in archive order, and only when workbook.xml and its rels
 * come before that sheet in the zip; it also ignores <mergeCells> entirely. The header search needs the list
 * of visible sheets in tab order and the merges of the header area up front, so we open the zip's central
 * directory with `unzipper` (already a dependency of exceljs; random access, nothing loaded whole), read
 * xl/workbook.xml and its rels (small), and pre-scan a sheet's XML for <dimension> and the <mergeCells> that
 * follow <sheetData> (one extra inflate of that sheet, no XML parsing of the rows).
 */
import { Open, type CentralDirectory, type ZipEntryFile } from 'unzipper';
import { decodeCellRef } from './cells';
import { readErrors } from './errors';
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
  scanSheet(sheet: XlsxSheetEntry): Promise<SheetScan>;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
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
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** Attributes of every <tag …> (any namespace prefix) in an XML text. */
function tags(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      if (a[1] !== undefined) attrs[a[1]] = decodeXml(a[3] ?? a[4] ?? '');
    }
    out.push(attrs);
  }
  return out;
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

/** Streams a sheet's XML once: <dimension> from the head, <mergeCell>s from after </sheetData>. */
async function scan(file: ZipEntryFile): Promise<SheetScan> {
  let head = '';
  let tail: Buffer[] | null = null;
  let carry: Buffer = Buffer.alloc(0);
  const stream = file.stream();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (tail) {
      tail.push(chunk);
      continue;
    }
    if (head.length < 4096) head += chunk.subarray(0, 4096).toString('latin1');
    // Search across the chunk boundary: prepend the last bytes of the previous chunk.
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = buf.indexOf(SHEETDATA_END);
    const found = end >= 0 ? end : buf.indexOf(SHEETDATA_EMPTY);
    if (found >= 0) tail = [buf.subarray(found)];
    else carry = buf.subarray(Math.max(0, buf.length - SHEETDATA_END.length));
  }
  const dim = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]+)"/.exec(head);
  const dimRange = dim?.[1] ? parseRange(dim[1]) : null;
  const merges: MergeRange[] = [];
  if (tail) {
    for (const m of tags(Buffer.concat(tail).toString('utf8'), 'mergeCell')) {
      const r = m.ref ? parseRange(m.ref) : null;
      if (r) merges.push(r);
    }
  }
  return { merges, lastRow: dimRange ? dimRange.bottom : null };
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
  const files = new Map(dir.files.map((f) => [f.path.replace(/^\//, ''), f]));
  const workbookFile = files.get('xl/workbook.xml');
  if (!workbookFile) throw readErrors.notXlsx(fileName);
  let workbookXml: string;
  let relsXml: string;
  try {
    workbookXml = (await workbookFile.buffer()).toString('utf8');
    relsXml = (await files.get('xl/_rels/workbook.xml.rels')?.buffer())?.toString('utf8') ?? '';
  } catch (e) {
    throw readErrors.corrupt(fileName, e);
  }

  const rels = new Map<string, string>();
  for (const r of tags(relsXml, 'Relationship')) {
    if (r.Id && r.Target) rels.set(r.Id, r.Target);
  }
  const sheets: XlsxSheetEntry[] = [];
  for (const s of tags(workbookXml, 'sheet')) {
    const rid = s['r:id'] ?? Object.entries(s).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? rels.get(rid) : undefined;
    if (!s.name || !target) continue;
    const path = resolveTarget(target);
    if (!files.has(path)) continue; // chart sheets and dangling references
    const state = s.state === 'hidden' || s.state === 'veryHidden' ? s.state : 'visible';
    sheets.push({ name: s.name, state, hidden: state !== 'visible', path, relTarget: target });
  }
  const pr = tags(workbookXml, 'workbookPr')[0];
  const date1904 = pr?.date1904 === '1' || pr?.date1904 === 'true';

  return {
    sheets,
    date1904,
    async scanSheet(sheet) {
      const f = files.get(sheet.path);
      if (!f) return { merges: [], lastRow: null };
      try {
        return await scan(f);
      } catch (e) {
        throw readErrors.corrupt(fileName, e);
      }
    },
  };
}
