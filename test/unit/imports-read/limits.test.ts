/**
 * The reader's limits, in process: linear scanning of huge text and junk (fed in 64 KB chunks, as inflate hands
 * them out), Excel's 32,767-character cells, references within XFD1048576, merges under a prefixed
 * </x:sheetData>, the zip's CRC-32, and the cancel hook reaching into the scan.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportReadError, openSource } from '../../../electron/core/imports/read';
import { LIMITS, ReadFault } from '../../../electron/core/imports/read/errors';
import { SheetRowReader, readSharedStrings } from '../../../electron/core/imports/read/sheetXml';
import { XmlScanner } from '../../../electron/core/imports/read/xmlScan';
import { scanSheetXml } from '../../../electron/core/imports/read/xlsxIndex';
import { BIG_SHEET_ROWS, cancelBigSheet, cancelInEndlessJunk, CHUNK, MB, scanLongText, scanPastSheetData, writeBigSheet } from '../../helpers/readerLimits';
import { tempDir, xlsxBytes } from '../../helpers/xlsx';

const ctx = { sharedStrings: [], dateStyles: [], date1904: false };

describe('the XML scan is linear and holds nothing of a long text', () => {
  it('hands out 128 MB of text in one element as it arrives, with bounded memory', () => {
    // How fast: `npm run bench limits` (the reader limits bench).
    const { chars, grewBytes } = scanLongText();
    expect(chars).toBe(2048 * CHUNK);
    expect(grewBytes).toBeLessThan(64 * MB);
  });

  it('streams CDATA and skips comments whatever their length, split anywhere', () => {
    let cdata = '';
    const scanner = new XmlScanner({ open() {}, close() {}, text() {}, cdata: (t) => (cdata += t) }, { strict: true });
    const xml = `<a><!-- ${'-x'.repeat(5000)} --><![CDATA[${'ab]'.repeat(3000)}]]]><?pi ${'?'.repeat(999)}?></a>`;
    const bytes = Buffer.from(xml);
    for (let i = 0; i < bytes.length; i += 7) scanner.write(bytes.subarray(i, i + 7));
    scanner.end();
    expect(cdata).toBe(`${'ab]'.repeat(3000)}]`);
  });

  it('refuses a tag longer than LIMITS.tagChars and, strict, a mismatched or unterminated part', () => {
    const handler = { open() {}, close() {}, text() {}, cdata() {} };
    const long = new XmlScanner(handler);
    long.write(Buffer.from('<c r="'));
    expect(() => {
      for (let i = 0; i < 40; i++) long.write(Buffer.alloc(CHUNK, 'A'));
    }).toThrow(ReadFault);
    const crossed = new XmlScanner(handler, { strict: true });
    expect(() => crossed.write(Buffer.from('<row><c></row>'))).toThrow(ReadFault);
    const cut = new XmlScanner(handler, { strict: true });
    cut.write(Buffer.from('<worksheet><sheetData><row><c><v>1</v'));
    expect(() => cut.end()).toThrow(ReadFault);
  });
});

describe('cells within Excel limits', () => {
  it('keeps 32,767 characters of a longer cell and marks its column; far longer text is CELL_TOO_LARGE', () => {
    const long = 'B'.repeat(40_000);
    const reader = new SheetRowReader(ctx);
    const rows = [
      ...reader.write(Buffer.from(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c>`)),
      ...reader.write(Buffer.from(`<c r="C1" t="inlineStr"><is><t>${long}</t></is></c></row></sheetData></worksheet>`)),
      ...reader.end(),
    ];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cells[2]).toBe(long.slice(0, LIMITS.cellChars));
    expect(rows[0]?.overlong).toEqual([2]);

    const huge = new SheetRowReader(ctx);
    huge.write(Buffer.from('<worksheet><sheetData><row r="7"><c r="B7"><v>'));
    let fault: unknown = null;
    try {
      for (let i = 0; i < 64; i++) huge.write(Buffer.alloc(CHUNK, '9'));
    } catch (e) {
      fault = e;
    }
    expect(fault).toBeInstanceOf(ReadFault);
    expect((fault as ReadFault).where).toBe('sel B7');
  });

  it('marks a cell showing a shared string longer than 32,767 characters', async () => {
    const sst = await readSharedStrings(
      (async function* () {
        yield Buffer.from(`<sst><si><t>pendek</t></si><si><t>${'C'.repeat(33_000)}</t></si></sst>`);
      })(),
    );
    expect(sst.strings.map((s) => s.length)).toEqual([6, LIMITS.cellChars]);
    expect([...sst.overlong]).toEqual([1]);
    const reader = new SheetRowReader({ ...ctx, sharedStrings: sst.strings, overlongShared: sst.overlong });
    const rows = [
      ...reader.write(Buffer.from('<worksheet><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row></sheetData></worksheet>')),
      ...reader.end(),
    ];
    expect(rows[0]?.overlong).toEqual([1]);
  });

  it('accepts XFD1048576 and refuses references outside the grid', () => {
    const read = (xml: string) => {
      const reader = new SheetRowReader(ctx);
      return [...reader.write(Buffer.from(`<worksheet><sheetData>${xml}</sheetData></worksheet>`)), ...reader.end()];
    };
    const last = read('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>');
    expect(last[0]?.row).toBe(1_048_576);
    expect(last[0]?.cells.length).toBe(16_384);
    for (const bad of [
      '<row r="1"><c r="XFE1"><v>1</v></c></row>',
      '<row r="1"><c r="AAAAA1"><v>1</v></c></row>',
      '<row r="1"><c r="A1048577"><v>1</v></c></row>',
      '<row r="1048577"><c><v>1</v></c></row>',
      `<row r="1">${'<c/>'.repeat(16_385)}</row>`,
    ]) {
      expect(() => read(bad), bad.slice(0, 40)).toThrow(ReadFault);
    }
  });
});

describe('the sheet pre-scan', () => {
  it('finds merges after </x:sheetData> (namespace prefix), across any chunking', async () => {
    const xml =
      '<x:worksheet xmlns:x="urn:x"><x:dimension ref="A1:C9"/><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData >' +
      '<x:mergeCells count="1"><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>';
    const bytes = Buffer.from(xml);
    for (const size of [1, 3, 13, 64, 4096]) {
      const scan = await scanSheetXml(
        (async function* () {
          for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
        })(),
      );
      expect([size, scan]).toEqual([size, { lastRow: 9, merges: [{ top: 1, left: 1, bottom: 1, right: 3 }] }]);
    }
  });

  it('reads past 256 MB after </sheetData> without holding it, and still finds the merges behind it', async () => {
    const { merges, grewBytes } = await scanPastSheetData();
    expect(merges).toEqual([{ top: 2, left: 2, bottom: 4, right: 2 }]);
    expect(grewBytes).toBeLessThan(64 * MB);
  });

  it('stops on cancel inside endless junk, rethrowing the hook’s own error', async () => {
    // Endless: without the cancel reaching into the scan this never ends (how soon it stops: npm run bench limits).
    const cancelled = new Error('JOB_CANCELLED');
    expect((await cancelInEndlessJunk(cancelled)).thrown).toBe(cancelled);
  });
});

describe('openSource checks the zip', () => {
  it('refuses a sheet whose CRC-32 does not match its data (FILE_CHECKSUM)', async () => {
    const bytes = Buffer.from(await xlsxBytes([{ name: 'Data', rows: [['NIK', 'NAMA'], ['6202014101900001', 'AMINAH']] }]));
    // Central directory record of the sheet: signature PK\1\2, name at 46; its CRC-32 at 16.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let at = -1;
    for (let i = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); i >= 0; i = bytes.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), i + 4)) {
      if (bytes.subarray(i + 46, i + 46 + name.length).equals(name)) at = i;
    }
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt32LE((bytes.readUInt32LE(at + 16) ^ 1) >>> 0, at + 16);
    await expect(openSource({ bytes, fileName: 'crc.xlsx' })).rejects.toMatchObject({ code: 'FILE_CHECKSUM' });
  });

  it('gives each row its overlong cells and stops on cancel while reading a big sheet', async () => {
    const dir = await tempDir();
    const file = await writeBigSheet(path.join(dir, 'big.xlsx'));
    const first = await openSource({ path: file });
    const it = first.rows();
    const row2 = (await it.next()).value;
    expect(row2).toMatchObject({ row: 2, overlong: [1] });
    await first.close();

    const cancelled = new Error('JOB_CANCELLED');
    const { thrown, rows } = await cancelBigSheet(file, cancelled);
    expect(thrown).toBe(cancelled);
    expect(thrown).not.toBeInstanceOf(ImportReadError);
    expect(rows).toBeLessThan(BIG_SHEET_ROWS - 1);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
