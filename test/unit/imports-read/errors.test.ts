import fs from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportReadError, openSource, type SourceInput } from '../../../electron/core/imports/read';
import { tempDir, writeXlsx, xlsxBytes } from '../../helpers/xlsx';

async function failure(input: SourceInput, opts?: Parameters<typeof openSource>[1]): Promise<ImportReadError> {
  try {
    const src = await openSource(input, opts);
    await src.close();
  } catch (e) {
    if (e instanceof ImportReadError) return e;
    throw e;
  }
  throw new Error('openSource did not fail');
}

const enc = (s: string) => new TextEncoder().encode(s);

/** An OLE compound file: its magic, then directory entry names in UTF-16LE. */
function compoundFile(streamNames: string[]): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const dir = Buffer.alloc(128 * (streamNames.length + 1));
  Buffer.from('Root Entry', 'utf16le').copy(dir, 0);
  streamNames.forEach((n, i) => Buffer.from(n, 'utf16le').copy(dir, 128 * (i + 1)));
  return new Uint8Array(Buffer.concat([header, Buffer.alloc(1024), dir]));
}

describe('ImportReadError codes', () => {
  it('FILE_NOT_XLSX: a text file or a PDF renamed .xlsx, a zip that is not a workbook', async () => {
    for (const [bytes, name] of [
      [enc('NIK;NAMA\n1;A\n'), 'data.xlsx'],
      [enc('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 'scan.xlsx'],
      [new Uint8Array(0), 'kosong.xlsx'],
    ] as const) {
      const e = await failure({ bytes, fileName: name });
      expect(e.code).toBe('FILE_NOT_XLSX');
      expect(e.message).toContain('Berkas bukan file Excel (.xlsx) yang valid');
    }
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const docx = await zip.generateAsync({ type: 'uint8array' });
    expect((await failure({ bytes: docx, fileName: 'surat.xlsx' })).code).toBe('FILE_NOT_XLSX');
    // a truncated download: zip magic, broken archive
    const good = await xlsxBytes([{ name: 'S', rows: [['NIK', 'NAMA']] }]);
    expect((await failure({ bytes: good.subarray(0, 200), fileName: 'putus.xlsx' })).code).toBe('FILE_NOT_XLSX');
  });

  it('FILE_ENCRYPTED: a password-protected workbook (compound file with EncryptedPackage)', async () => {
    const e = await failure({ bytes: compoundFile(['EncryptionInfo', 'EncryptedPackage']), fileName: 'rahasia.xlsx' });
    expect(e.code).toBe('FILE_ENCRYPTED');
    expect(e.message).toContain('kata sandi');
  });

  it('FILE_XLS_OLD: an HTML table saved as .xls; a damaged Excel 97 .xls is FILE_CORRUPT (real ones are read)', async () => {
    // Issue 15: Excel 97 files are read (legacy.test.ts); a compound file SheetJS cannot make sense of is damaged,
    // not password-protected (SheetJS says "Unsupported ZIP encryption" of it).
    const e = await failure({ bytes: compoundFile(['Workbook', 'SummaryInformation']), fileName: 'lama.xls' });
    expect(e.code).toBe('FILE_CORRUPT');
    expect(e.message).toContain('rusak atau tidak dapat dibaca');
    const html = await failure({ bytes: enc('<html><table><tr><td>NIK</td></tr></table></html>'), fileName: 'siks.xls' });
    expect(html.code).toBe('FILE_XLS_OLD');
  });

  it('FILE_TOO_LARGE is decided from the size before reading', async () => {
    const dir = await tempDir();
    const big = path.join(dir, 'besar.xlsx');
    // A sparse 201 MB file full of zeros: reading it would fail as FILE_NOT_XLSX, so the size check comes first.
    const fh = await fs.open(big, 'w');
    await fh.truncate(201 * 1024 * 1024);
    await fh.close();
    const e = await failure({ path: big });
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toContain('200 MB');
    const small = await xlsxBytes([{ name: 'S', rows: [['NIK', 'NAMA'], ['1', 'A']] }]);
    expect((await failure({ bytes: small, fileName: 'a.xlsx' }, { maxBytes: 1000 })).code).toBe('FILE_TOO_LARGE');
  });

  it('NO_HEADER lists the headers it saw; hidden sheets with a header do not count', async () => {
    const bytes = await xlsxBytes([
      { name: 'Rekap', rows: [['REKAP PER KECAMATAN'], ['Kode', 'Uraian', 'Jumlah'], ['1', 'Baamang', 20]] },
      { name: 'Data', state: 'hidden', rows: [['NIK', 'NAMA'], ['6202014101900001', 'A']] },
    ]);
    const e = await failure({ bytes, fileName: 'rekap.xlsx' });
    expect(e.code).toBe('NO_HEADER');
    // The row that looks most like a header (most text cells), not the title above it: what the user maps by hand.
    expect(e.message).toContain('sheet "Rekap" baris 2: "Kode", "Uraian", "Jumlah"');
    expect(e.headersSeen).toEqual([{ sheet: 'Rekap', row: 2, headers: ['Kode', 'Uraian', 'Jumlah'] }]);
    const csv = await failure({ bytes: enc('Kode;Uraian\n1;A\n'), fileName: 'x.csv' });
    expect(csv.code).toBe('NO_HEADER');
    expect(csv.message).toContain('"Kode", "Uraian"');
  });

  it('EMPTY_SHEET: nothing in the sheet, or an empty CSV', async () => {
    const dir = await tempDir();
    const file = await writeXlsx(path.join(dir, 'kosong.xlsx'), [{ name: 'Sheet1', rows: [] }]);
    const e = await failure({ path: file });
    expect(e.code).toBe('EMPTY_SHEET');
    expect(e.message).toContain('Sheet1');
    const blanks = await xlsxBytes([{ name: 'Data', rows: [[], [null, '  '], []] }]);
    expect((await failure({ bytes: blanks, fileName: 'b.xlsx' })).code).toBe('EMPTY_SHEET');
    expect((await failure({ bytes: new Uint8Array(0), fileName: 'a.csv' })).code).toBe('EMPTY_SHEET');
    expect((await failure({ bytes: enc('\r\n;;\r\n'), fileName: 'a.csv' })).code).toBe('EMPTY_SHEET');
  });

  it('SHEET_NOT_FOUND, FILE_NOT_FOUND, MAPPING_INVALID', async () => {
    const bytes = await xlsxBytes([{ name: 'Data', rows: [['NIK', 'NAMA']] }]);
    const e = await failure({ bytes, fileName: 'a.xlsx' }, { sheet: 'DATA 2024' });
    expect(e.code).toBe('SHEET_NOT_FOUND');
    expect(e.message).toContain('"Data"');
    expect((await failure({ path: '/tmp/tidak-ada/berkas.xlsx' })).code).toBe('FILE_NOT_FOUND');
    const m = await failure({ bytes, fileName: 'a.xlsx' }, { mappingOverride: { NIK: 'nomor' } });
    expect(m.code).toBe('MAPPING_INVALID');
  });
});
