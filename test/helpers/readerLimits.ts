/**
 * The reader's hostile-input scenarios, shared by the tests (which assert what happens: the text handed out, the
 * memory held, the error, the rows read before a cancel) and `npm run bench limits` (which times them). Each
 * returns its outcome with the milliseconds it took; only the bench looks at those.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { ImportReadError, openSource, type SourceInput } from '../../electron/core/imports/read';
import { LIMITS } from '../../electron/core/imports/read/errors';
import { XmlScanner } from '../../electron/core/imports/read/xmlScan';
import { scanSheetXml } from '../../electron/core/imports/read/xlsxIndex';
import { headerRows, workbookParts, writeZip } from './hostileXlsx';

export const MB = 1024 * 1024;
export const CHUNK = 64 * 1024;
/** The usulan fixtures (the messy operator sheet as Calc saves it in .xls and .ods). */
export const USULAN_DIR = path.join(__dirname, '../fixtures/usulan');

/** Memory the process holds in JS objects and buffers (what a carried or buffered text would grow). */
export function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * `head`, then `count` chunks of `fill`, then `tail`, as fresh 64 KB Buffers (as inflate hands them out: a reader
 * that keeps them grows); records the peak of held() as it goes.
 */
export async function* chunks(head: string, fill: string, count: number, tail: string, peak: { bytes: number }): AsyncGenerator<Buffer> {
  yield Buffer.from(head);
  for (let i = 0; i < count; i++) {
    if (i % 64 === 0) peak.bytes = Math.max(peak.bytes, held());
    yield Buffer.alloc(CHUNK, fill);
  }
  yield Buffer.from(tail);
}

/** 128 MB of text in one element through the XML scanner: the characters handed out and how much memory grew. */
export function scanLongText(): { chars: number; grewBytes: number; ms: number } {
  let chars = 0;
  const scanner = new XmlScanner({ open() {}, close() {}, text: (_s, a, b) => (chars += b - a), cdata() {} }, { strict: true });
  const block = Buffer.alloc(CHUNK, 'A');
  const before = held();
  let peak = before;
  const start = performance.now();
  scanner.write(Buffer.from('<t>'));
  for (let i = 0; i < 2048; i++) {
    scanner.write(block);
    if (i % 256 === 0) peak = Math.max(peak, held());
  }
  scanner.write(Buffer.from('</t>'));
  scanner.end();
  return { chars, grewBytes: peak - before, ms: performance.now() - start };
}

/** A sheet with 256 MB of blanks after </sheetData> and its merges behind them: the merges found, memory grown. */
export async function scanPastSheetData(): Promise<{ merges: Awaited<ReturnType<typeof scanSheetXml>>['merges']; grewBytes: number; ms: number }> {
  const peak = { bytes: 0 };
  const before = held();
  const start = performance.now();
  const scan = await scanSheetXml(chunks('<worksheet><sheetData><row r="1"/></sheetData>', ' ', 4096, '<mergeCells><mergeCell ref="B2:B4"/></mergeCells></worksheet>', peak));
  return { merges: scan.merges, grewBytes: peak.bytes - before, ms: performance.now() - start };
}

/** Cancels (the hook throws `error`) `afterMs` into endless junk after </sheetData>: what came out, and when. */
export async function cancelInEndlessJunk(error: Error, afterMs = 300): Promise<{ thrown: unknown; stopMs: number }> {
  let cancelAt = Infinity;
  setTimeout(() => (cancelAt = performance.now()), afterMs);
  const check = () => {
    if (performance.now() >= cancelAt) throw error;
  };
  async function* endless(): AsyncGenerator<Buffer> {
    yield Buffer.from('<worksheet><sheetData></sheetData>');
    const junk = Buffer.alloc(CHUNK, 'j');
    for (;;) {
      await new Promise((r) => setImmediate(r));
      yield junk;
    }
  }
  const thrown = await scanSheetXml(endless(), check).then(
    () => null,
    (e: unknown) => e,
  );
  return { thrown, stopMs: performance.now() - cancelAt };
}

export const BIG_SHEET_ROWS = 120_000;

/** An .xlsx of BIG_SHEET_ROWS rows (inline strings), whose row 2 has a 40,000-character name. */
export async function writeBigSheet(file: string): Promise<string> {
  const rows: string[] = [];
  for (let i = 3; i <= BIG_SHEET_ROWS; i++) {
    rows.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>62020141${String(i).padStart(8, '0')}</t></is></c><c r="B${i}" t="inlineStr"><is><t>NAMA ${i}</t></is></c></row>`);
  }
  const long = `<row r="2"><c r="A2" t="inlineStr"><is><t>6202014101900002</t></is></c><c r="B2" t="inlineStr"><is><t>${'N'.repeat(40_000)}</t></is></c></row>`;
  await writeZip(file, workbookParts([{ text: `<worksheet><sheetData>${headerRows().replace(/<row r="2">.*$/, '')}${long}` }, { text: rows.join('') }, { text: '</sheetData></worksheet>' }]));
  return file;
}

/** Reads the big sheet and cancels (the hook throws `error`) `afterMs` in: what came out, rows read, and when. */
export async function cancelBigSheet(file: string, error: Error, afterMs = 50): Promise<{ thrown: unknown; rows: number; stopMs: number }> {
  let cancelAt = Infinity;
  const src = await openSource(
    { path: file },
    {
      throwIfCancelled: () => {
        if (performance.now() >= cancelAt) throw error;
      },
    },
  );
  let rows = 0;
  let thrown: unknown = null;
  setTimeout(() => (cancelAt = performance.now()), afterMs);
  try {
    for await (const _ of src.rows()) {
      rows++;
      if (rows % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
  } catch (e) {
    thrown = e;
  }
  return { thrown, rows, stopMs: performance.now() - cancelAt };
}

/** Reads the input whole, expecting the reader to refuse it: its error, and how long the refusal took. */
export async function refusal(input: SourceInput): Promise<{ error: ImportReadError; ms: number }> {
  const start = performance.now();
  try {
    const src = await openSource(input);
    try {
      for await (const _ of src.rows());
    } finally {
      await src.close();
    }
  } catch (e) {
    if (e instanceof ImportReadError) return { error: e, ms: performance.now() - start };
    throw e;
  }
  throw new Error('openSource did not refuse the file');
}

/** usulan.xls / usulan.ods grown (sparse, their real header then zeros) one byte over the in-memory cap. */
export async function oversizedLegacy(dir: string): Promise<{ name: string; file: string }[]> {
  const out: { name: string; file: string }[] = [];
  for (const [name, source] of [['besar.xls', 'usulan.xls'], ['besar.ods', 'usulan.ods']] as const) {
    const file = path.join(dir, name);
    await fs.writeFile(file, await fs.readFile(path.join(USULAN_DIR, source)));
    await fs.truncate(file, LIMITS.legacyBytes + 1);
    out.push({ name, file });
  }
  return out;
}

/** An .ods of a few KB whose repeated rows ask for 16 billion cells. */
export function odsBomb(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file(
    'content.xml',
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
      '<office:body><office:spreadsheet><table:table table:name="DATA">' +
      '<table:table-row><table:table-cell office:value-type="string"><text:p>NIK</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="string"><text:p>NAMA</text:p></table:table-cell></table:table-row>' +
      '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000" ' +
      'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>',
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** An .xls of `rows` data rows written by SheetJS (BIFF8). */
export function bigXls(rows: number): Uint8Array {
  const aoa: (string | number)[][] = [['NIK', 'NAMA', 'ALAMAT', 'DESA', 'KECAMATAN']];
  for (let i = 0; i < rows; i++) aoa.push([`620205120380${String(i).padStart(4, '0')}`, `Nama ${i}`, `Jl. ${i}`, 'Tinduk', 'Baamang']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'DATA');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Uint8Array;
}

/** A ~24 MB CSV of 300,000 rows (semicolons, CRLF), written to `file`. */
export async function writeBigCsv(file: string): Promise<string> {
  const lines = ['NIK;NAMA;ALAMAT;DESA;KECAMATAN'];
  for (let i = 0; i < 300_000; i++) lines.push(`62020512038${String(i).padStart(5, '0')};Nama Warga ${i};Jl. Tidar Gg. Mawar No. ${i};Tinduk;Baamang`);
  await fs.writeFile(file, lines.join('\r\n'));
  return file;
}

/** Reads `input` and cancels (the hook throws `error`) once `atRow` rows are out: what came out, rows read, when. */
export async function cancelAtRow(input: SourceInput, atRow: number, error: Error): Promise<{ thrown: unknown; rows: number; stopMs: number }> {
  let cancelled = false;
  let cancelledAt = 0;
  const src = await openSource(input, {
    throwIfCancelled: () => {
      if (cancelled) throw error;
    },
  });
  let rows = 0;
  let thrown: unknown = null;
  try {
    for await (const _ of src.rows()) {
      rows++;
      if (rows === atRow) {
        cancelled = true;
        cancelledAt = performance.now();
      }
    }
  } catch (e) {
    thrown = e;
  } finally {
    await src.close();
  }
  return { thrown, rows, stopMs: performance.now() - cancelledAt };
}
