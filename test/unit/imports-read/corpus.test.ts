/**
 * Issue 16: the reader on files nobody here wrote by hand. test/fixtures/corpus/ holds one operator sheet (DTKS-like:
 * merged title rows, header, column-number row, 20 rows of Kotawaringin Timur families, a signature block) as
 * LibreOffice Calc, Gnumeric, openpyxl, XlsxWriter, SheetJS and exceljs save it — inline strings, shared
 * formulas, rich text, hidden sheets, 1900 and 1904 date systems, an x:-prefixed file (how each was made:
 * test/fixtures/corpus/README.md). Every file must give the same rows: the table below, built from the
 * generator's own data (scripts/corpus/data.json), never read back from one of the files. Then the differential
 * check of differential.test.ts runs over the corpus: every cell of every sheet (hidden ones, titles and the
 * signature block included) as the fast reader gives it (fastRead.ts) must be the saxes reference reading
 * (referenceReader.ts), and every row openSource() emits must be its sheet row of that reading.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource, type CellValue, type FieldKey, type SourceRow } from '../../../electron/core/imports/read';
import { utcDate } from '../../helpers/xlsx';
import data from '../../../scripts/corpus/data.json';
import { fastRead } from './fastRead';
import { referenceRead } from './referenceReader';

const DIR = path.join(__dirname, '../../fixtures/corpus');

const HIDDEN_REF = [{ name: 'Referensi', hidden: true }, { name: 'DATA', hidden: false }];
const DATA_ONLY = [{ name: 'DATA', hidden: false }];
/** Every file the corpus holds (what each program does differently: the README) and its sheets as written. */
const SHEETS = {
  'libreoffice.xlsx': HIDDEN_REF,
  // Gnumeric drops the hidden state: the reader must pass over a visible first sheet without the header.
  'gnumeric.xlsx': [{ name: 'Referensi', hidden: false }, { name: 'DATA', hidden: false }],
  'libreoffice-ods-1904.xlsx': DATA_ONLY,
  'gnumeric-1904.xlsx': DATA_ONLY,
  'openpyxl.xlsx': HIDDEN_REF,
  'openpyxl-1904.xlsx': DATA_ONLY,
  'xlsxwriter.xlsx': HIDDEN_REF,
  'xlsxwriter-inline-1904.xlsx': DATA_ONLY,
  'sheetjs-1904.xlsx': HIDDEN_REF,
  'exceljs.xlsx': HIDDEN_REF,
  'x-prefix.xlsx': HIDDEN_REF,
  // Issue 15: Excel 97–2003 and OpenDocument, as LibreOffice Calc and Gnumeric write them (read through SheetJS CE).
  'libreoffice.xls': HIDDEN_REF,
  'libreoffice.ods': HIDDEN_REF,
  'libreoffice-1904.xls': DATA_ONLY,
  'libreoffice-1904.ods': DATA_ONLY,
  'gnumeric.xls': HIDDEN_REF,
  'gnumeric.ods': HIDDEN_REF,
};
const FILES = Object.keys(SHEETS) as (keyof typeof SHEETS)[];
/** The saxes reference reads the .xlsx XML only. */
const XLSX_FILES = FILES.filter((f) => f.endsWith('.xlsx'));

type DataRow = (typeof data.rows)[number];

/** The sheet's columns in order, by the field each header maps to. */
const COLUMNS: [FieldKey, keyof DataRow][] = [
  ['no', 'no'], ['nik', 'nik'], ['noKk', 'noKk'], ['nama', 'nama'], ['tempatLahir', 'tempatLahir'],
  ['tanggalLahir', 'tanggalLahir'], ['jenisKelamin', 'jenisKelamin'], ['alamat', 'alamat'], ['rt', 'rt'], ['rw', 'rw'],
  ['desa', 'desa'], ['kecamatan', 'kecamatan'], ['keterangan', 'keterangan'],
];

/** What a user expects each data row to read as: NIK/KK/RT/RW stay text, the birth date a date, No the number. */
function expected(row: DataRow): Partial<Record<FieldKey, CellValue>> {
  const out: Partial<Record<FieldKey, CellValue>> = {};
  for (const [field, key] of COLUMNS) {
    const v = row[key];
    if (key === 'tanggalLahir') {
      const [y, m, d] = String(v).split('-').map(Number);
      out[field] = utcDate(y!, m!, d!);
    } else out[field] = v;
  }
  return out;
}

const FIRST_DATA_ROW = 7;
/** Non-empty rows of the signature block (it starts one empty row under the data). */
const FOOTER_ROWS = data.footer.flatMap((cells, i) => (cells.some((c) => c) ? [FIRST_DATA_ROW + data.rows.length + 1 + i] : []));

describe('corpus: the same sheet saved by six programs, as .xlsx, .xls and .ods, reads as the same rows', () => {
  it('has every file, each a few KB', async () => {
    const names = (await fs.readdir(DIR)).filter((f) => /\.(xlsx|xls|ods)$/.test(f)).sort();
    expect(names).toEqual([...FILES].sort());
    for (const f of FILES) expect((await fs.stat(path.join(DIR, f))).size, f).toBeLessThan(64 * 1024);
  });

  it.each(FILES)('%s: header found, every data row and cell as written, footer left out', async (file) => {
    const src = await openSource({ path: path.join(DIR, file) });
    try {
      expect(src.sheets).toEqual(SHEETS[file]);
      expect(src.sheet).toBe('DATA');
      expect(src.headerRow).toBe(5);
      expect(src.numberRow).toBe(6);
      expect(src.dataStartRow).toBe(FIRST_DATA_ROW);
      expect(src.columns.map((c) => c.header)).toEqual(data.header);
      expect(src.columns.map((c) => c.field)).toEqual(COLUMNS.map(([f]) => f));
      const rows: SourceRow[] = [];
      for await (const r of src.rows()) rows.push(r);
      expect(rows.map((r) => r.row)).toEqual(data.rows.map((_, i) => FIRST_DATA_ROW + i));
      expect(rows.map((r) => r.values)).toEqual(data.rows.map(expected));
      expect(src.skipped().filter((s) => s.reason === 'footer').map((s) => s.row)).toEqual(FOOTER_ROWS);
    } finally {
      await src.close();
    }
  });

  it('the rich-text cell reads as its runs joined', () => {
    // Guards the table above: the rich cell's runs are the plain value every other file writes.
    const row = data.rows.find((r) => r.no === data.richKeterangan.no)!;
    expect(data.richKeterangan.runs.map((r) => r.text).join('')).toBe(row.keterangan);
  });
});

describe('corpus: differential against the saxes reference reading', () => {
  it.each(XLSX_FILES)('%s: the fast reader gives the reference cells of every sheet', async (file) => {
    const bytes = await fs.readFile(path.join(DIR, file));
    const ref = await referenceRead(bytes);
    if ('error' in ref) throw new Error(`${file}: reference failed: ${ref.error}`);
    const ours = await fastRead(bytes);
    if ('error' in ours) throw ours.error;
    expect(ours.sheets.find((s) => s.name === 'DATA')!.rows.length).toBeGreaterThan(data.rows.length);
    expect(ours.sheets).toEqual(ref.sheets);
  });

  it.each(XLSX_FILES)('%s: every data row the reader emits has the reference cells of its sheet row', async (file) => {
    const bytes = await fs.readFile(path.join(DIR, file));
    const ref = await referenceRead(bytes);
    if ('error' in ref) throw new Error(`${file}: reference failed: ${ref.error}`);
    const src = await openSource({ bytes, fileName: file });
    try {
      const sheet = ref.sheets.find((s) => s.name === src.sheet);
      expect(sheet, file).toBeDefined();
      expect(ref.sheets.map((s) => s.name)).toEqual(src.sheets.map((s) => s.name));
      const byRow = new Map(sheet!.rows.map((r) => [r.row, r.cells]));
      let n = 0;
      for await (const r of src.rows()) {
        const cells = byRow.get(r.row) ?? [];
        const width = Math.max(cells.length, r.raw.length);
        const pad = (xs: readonly CellValue[]) => Array.from({ length: width }, (_, i) => xs[i] ?? null);
        expect(pad(r.raw), `${file} row ${r.row}`).toEqual(pad(cells));
        n++;
      }
      expect(n).toBe(data.rows.length);
    } finally {
      await src.close();
    }
  });
});
