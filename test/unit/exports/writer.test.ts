/**
 * The export writer's data rows, read back from the file: every cell has the value and number format its column
 * kind gives it (cells.ts), a formula-like text keeps its own Text format, empty cells stay empty, and bordered
 * lists draw the grid on every data cell, empty ones too. The writer shares one style object per column and
 * waits for the compressor between pages (issue 20); what a user opens in Excel must not change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TemplateDef } from '../../../shared/api/exports';
import { columnCell, columnNumFmt, type CellKind } from '../../../electron/core/exports/cells';
import type { SourceRecord } from '../../../electron/core/exports/sources/types';
import { writeWorkbook } from '../../../electron/core/exports/writer';

const dir = mkdtempSync(join(tmpdir(), 'writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS: { field: string; kind: CellKind }[] = [
  { field: 'nik', kind: 'id' },
  { field: 'nama', kind: 'text' },
  { field: 'lahir', kind: 'date' },
  { field: 'lahirTeks', kind: 'dateText' },
  { field: 'rt', kind: 'kode' },
  { field: 'jumlah', kind: 'integer' },
  { field: 'nilai', kind: 'rupiah' },
];

const def: TemplateDef = {
  source: 'anggota',
  sheetName: 'DATA',
  titleRows: ['Daftar uji'],
  columns: COLUMNS.map((c) => ({ header: c.field.toUpperCase(), field: c.field, width: 12, kind: c.kind })),
  numberRow: false,
  totalsRow: false,
  headerStyle: 'biru',
  paper: 'A4',
  landscape: false,
  fileName: 'uji',
};

/** Row n of the test data: every kind, with formula-like text, empty values and non-numbers mixed in. */
function record(n: number): SourceRecord {
  return {
    nik: `62020101${String(n).padStart(8, '0')}`,
    nama: n % 7 === 0 ? `=HYPERLINK("x","${n}")` : n % 5 === 0 ? null : `Warga ${n}`,
    lahir: n % 4 === 0 ? null : `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
    lahirTeks: n % 6 === 0 ? '' : `2001-02-${String(1 + (n % 28)).padStart(2, '0')}`,
    rt: n % 3 === 0 ? '00A' : String(n % 20).padStart(3, '0'),
    jumlah: n % 8 === 0 ? 'bukan angka' : n,
    nilai: n % 9 === 0 ? null : n * 1000,
  };
}

async function* pages(total: number, size: number): AsyncGenerator<SourceRecord[]> {
  for (let i = 0; i < total; i += size) yield Array.from({ length: Math.min(size, total - i) }, (_, k) => record(i + k));
}

async function writeAndRead(borders: boolean, total: number, size: number): Promise<{ ws: ExcelJS.Worksheet; first: number }> {
  const path = join(dir, `x-${borders}-${size}.xlsx`);
  const out = await writeWorkbook({ path, def, titles: ['Daftar uji'], groups: [], paper: 'A4', borders, pages: pages(total, size) });
  expect(out.rows).toBe(total);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  // One title row, a blank row, then the header.
  return { ws: wb.getWorksheet('DATA')!, first: 4 };
}

describe('export writer data cells', () => {
  for (const borders of [false, true]) {
    it(`writes each cell with its value and format${borders ? ', with the grid on every cell' : ''}`, async () => {
      const total = 1_234;
      const { ws, first } = await writeAndRead(borders, total, 100);
      expect(ws.getRow(first - 1).getCell(1).value).toBe('NIK');
      for (let n = 0; n < total; n++) {
        const row = ws.getRow(first + n);
        const rec = record(n);
        COLUMNS.forEach((c, i) => {
          const cell = row.getCell(i + 1);
          const want = columnCell(c.kind, rec[c.field]);
          const where = `row ${n} ${c.field}`;
          if (want.value === null) expect(cell.value ?? null, where).toBeNull();
          else expect(cell.value, where).toEqual(want.value);
          // A cell's format is its own where it differs, else its column's (absent for plain text).
          expect(cell.numFmt, where).toBe(want.value === null ? columnNumFmt(c.kind) : (want.numFmt ?? columnNumFmt(c.kind)));
          if (borders) expect(cell.border?.top?.style, where).toBe('thin');
          else expect(cell.border?.top, where).toBeUndefined();
        });
      }
      // The header keeps its own look: the data's shared styles do not leak into it.
      expect(ws.getRow(first - 1).getCell(1).font?.bold).toBe(true);
    });
  }

  it('gives the same sheet whatever the page size', async () => {
    const a = await writeAndRead(false, 700, 1);
    const b = await writeAndRead(false, 700, 700);
    for (let r = 1; r <= 700 + a.first; r++) {
      for (let c = 1; c <= COLUMNS.length; c++) {
        expect(b.ws.getCell(r, c).value).toEqual(a.ws.getCell(r, c).value);
        expect(b.ws.getCell(r, c).numFmt).toEqual(a.ws.getCell(r, c).numFmt);
      }
    }
  });
});
