/**
 * Issue 15: .xls (Excel 97–2003) and .ods (LibreOffice) read into the same rows as .xlsx.
 * test/fixtures/usulan/ holds the messy operator sheet of the import tests as exceljs writes it (.xlsx) and as
 * LibreOffice Calc 7.4 saves it (.xls, .ods, .csv), plus password-protected copies (how each was made:
 * scripts/usulan/make.ts). Hostile inputs are built here: a legacy file over the in-memory cap, an .ods whose
 * repeated rows ask for billions of cells, and a big .xls written by SheetJS to cancel in the middle of.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSource, type ImportReadError, type SourceInput, type SourceRow } from '../../../electron/core/imports/read';
import { nik } from '../../integration/imports/messySheet';
import { bigXls, cancelAtRow, odsBomb, oversizedLegacy, refusal, USULAN_DIR as DIR } from '../../helpers/readerLimits';
import { tempDir, utcDate } from '../../helpers/xlsx';

async function readAll(input: SourceInput, opts?: Parameters<typeof openSource>[1]) {
  const src = await openSource(input, opts);
  try {
    const rows: SourceRow[] = [];
    for await (const r of src.rows()) rows.push(r);
    return { src, rows };
  } finally {
    await src.close();
  }
}

async function failure(input: SourceInput): Promise<ImportReadError> {
  return (await refusal(input)).error;
}

describe('.xls and .ods read like .xlsx', () => {
  it.each(['usulan.xls', 'usulan.ods'])('%s: same sheet, header, rows and cell values as the .xlsx', async (file) => {
    const xlsx = await readAll({ path: path.join(DIR, 'usulan.xlsx') });
    const legacy = await readAll({ path: path.join(DIR, file) });
    // The hidden Referensi sheet is passed over in both.
    expect(legacy.src.sheets).toEqual([{ name: 'Referensi', hidden: true }, { name: 'DATA', hidden: false }]);
    expect(legacy.src.sheet).toBe('DATA');
    expect(legacy.src.headerRow).toBe(4);
    expect(legacy.src.columns.map((c) => c.field)).toEqual(xlsx.src.columns.map((c) => c.field));
    expect(legacy.rows.map((r) => r.row)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17]);
    // SheetJS drops a text's trailing space in an .ods (LibreOffice writes "Kec. Baamang " with a plain last
    // space); the import trims every value anyway, so only that is let through.
    const asRead = (rows: SourceRow[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r.values).map(([k, v]) => [k, file.endsWith('.ods') && typeof v === 'string' ? v.trimEnd() : v]),
        ),
      );
    expect(asRead(legacy.rows)).toEqual(asRead(xlsx.rows));

    const byRow = new Map(legacy.rows.map((r) => [r.row, r.values]));
    // A real date cell is a date; a date typed as text stays the text the operator typed.
    expect(byRow.get(6)!.tanggalLahir).toEqual(utcDate(1980, 3, 12));
    expect(byRow.get(7)!.tanggalLahir).toBe('31-01-1984');
    // NIK as text stays text (leading apostrophe kept as typed); NIK stored as a number stays a number, so the
    // import flags it exactly as from .xlsx.
    expect(byRow.get(6)!.nik).toBe(nik.kepala);
    expect(byRow.get(7)!.nik).toBe(`'${nik.istri}`);
    expect(byRow.get(9)!.nik).toBe(Number(nik.angka));
    expect(typeof byRow.get(17)!.noKk).toBe('number');
    // The signature block under the data is left out as in .xlsx.
    expect(legacy.src.skipped().filter((s) => s.reason === 'footer').map((s) => s.row)).toEqual(
      xlsx.src.skipped().filter((s) => s.reason === 'footer').map((s) => s.row),
    );
  });

  it.each(['usulan-sandi.xls', 'usulan-sandi.ods'])('%s: a password-protected file is named as such, in Indonesian', async (file) => {
    const e = await failure({ path: path.join(DIR, file) });
    expect(e.code).toBe('FILE_ENCRYPTED');
    expect(e.message).toContain(`Berkas "${file}" dilindungi kata sandi`);
    expect(e.message).toContain('hapus kata sandinya');
    // Named .xlsx by mistake it is still recognised from its bytes.
    const renamed = await failure({ bytes: await fs.readFile(path.join(DIR, file)), fileName: 'data.xlsx' });
    expect(renamed.code).toBe('FILE_ENCRYPTED');
  });
});

describe('hostile legacy files are refused before SheetJS reads them whole', () => {
  // How soon each is refused, and how soon a cancel stops a read: `npm run bench limits`.
  it('an .xls or .ods over the in-memory cap: refused from its size, saying why and what to do', async () => {
    for (const { name, file } of await oversizedLegacy(await tempDir())) {
      const e = await failure({ path: file });
      expect(e.code, name).toBe('FILE_TOO_LARGE');
      expect(e.message).toContain(`Berkas .${name.slice(-3)} lebih dari 30 MB`);
      expect(e.message).toContain('dibaca utuh di memori');
      expect(e.message).toContain('simpan sebagai .xlsx');
    }
  });

  it('an .ods of a few KB whose repeated rows ask for billions of cells is refused before parsing', async () => {
    const bytes = await odsBomb();
    expect(bytes.byteLength).toBeLessThan(4096);
    const e = await failure({ bytes, fileName: 'bom.ods' });
    expect(e.code).toBe('FILE_TOO_EXPANDED');
    expect(e.message).toContain('1.500.000 sel');
  });
});

describe('cancelling a legacy read', () => {
  it('the hook stops the row stream within a batch; its error comes out unchanged', async () => {
    class Cancelled extends Error {}
    const cancelled = new Cancelled('dibatalkan');
    const { thrown, rows } = await cancelAtRow({ bytes: bigXls(3000), fileName: 'besar.xls' }, 500, cancelled);
    expect(thrown).toBe(cancelled);
    expect(rows).toBeLessThan(500 + 2 * 256);
  });

  it('a cancel before the parse means SheetJS never runs', async () => {
    class Cancelled extends Error {}
    const err = await openSource({ bytes: bigXls(10), fileName: 'kecil.xls' }, {
      throwIfCancelled: () => {
        throw new Cancelled('dibatalkan');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cancelled);
  });
});
