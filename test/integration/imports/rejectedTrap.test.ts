/**
 * Issue 15: the rejected-rows file must not launder a NIK that Excel had already turned into a number.
 * Excel keeps 15 significant digits, so a 16-digit NIK typed as a number loses its last digit; writing that
 * number back as a plausible 16-digit text made the re-import accept a NIK of nobody (or of someone else).
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import { writeRejectedFile } from '../../../electron/core/imports/rejectedFile';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { makeNik } from '../../helpers/registryFixtures';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { importOptions } from './importOptions';
import { BAAMANG, HEADERS, kk } from './messySheet';

let core: Core;
let dir: string;

beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
  await setUpOffice(core);
  dir = await tempDir('dinsos-trap-');
});
afterEach(async () => {
  await core.close();
});

function options(path: string, extra: Partial<ImportOptions> = {}): Promise<ImportOptions> {
  return importOptions(core, path, extra);
}

async function memberCount(): Promise<number> {
  const a = await core.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(a.n);
}

/** Imports `path`, writes its rejected rows to `out` and returns the row's reasons and the NIK cell written. */
async function importAndReject(path: string, out: string, commit: boolean) {
  const result = await runImport(await options(path, { commit }));
  expect(result.counts).toMatchObject({ dataRows: 1, rejected: 1, imported: 0 });
  const reasons = result.rows.find((r) => r.outcome === 'rejected')!.reasons;
  await writeRejectedFile(out, result.columns, result.rejected.rows(), result.rejected.width);
  result.rejected.dispose();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  expect(ws.rowCount).toBe(2);
  return { reasons, nikCell: ws.getRow(2).getCell(header.indexOf('NIK') + 1), keterangan: String(ws.getRow(2).getCell(header.length).value) };
}

const UNRECOVERABLE = /NIK: tersimpan sebagai angka oleh Excel; digit terakhir hilang — ketik ulang dari KK/;

describe('a NIK Excel stored as a number, through the rejected-rows file and back', () => {
  it('keeps the number as Excel showed it, says the NIK cannot be recovered, and the re-import refuses it again', async () => {
    const trueNik = makeNik(BAAMANG, '1990-07-07', 'L', 13);
    // What Excel keeps of it: 15 significant digits, the 16th becomes 0 — itself a plausible, valid NIK.
    const asExcelKeptIt = Number(`${trueNik.slice(0, 15)}0`);
    const laundered = asExcelKeptIt.toFixed(0);
    expect(laundered).toMatch(/^\d{16}$/);
    expect(laundered).not.toBe(trueNik);

    const path = await writeXlsx(join(dir, 'usulan.xlsx'), [
      {
        name: 'DATA',
        rows: [
          HEADERS,
          [1, asExcelKeptIt, kk.dua, 'Joko Susilo', 'Sampit', '07/07/1990', 'L', 'Sri', 'Kepala Keluarga', 'Jl. Kenanga', '1', '2', 'Baamang', 'Tanah Mas', ''],
        ],
      },
    ]);
    const first = await importAndReject(path, join(dir, 'ditolak-1.xlsx'), false);
    expect(first.reasons.map((p) => p.code)).toContain('STORED_AS_NUMBER');
    expect(first.reasons.map((p) => p.message).join('; ')).toMatch(UNRECOVERABLE);
    expect(first.keterangan).toMatch(UNRECOVERABLE);
    // The cell as read: Excel's scientific form, never a 16-digit text that passes for a NIK.
    expect(first.nikCell.type).toBe(ExcelJS.ValueType.String);
    const written = String(first.nikCell.value);
    expect(written).not.toMatch(/^\d{16}$/);
    expect(written).toMatch(/^\d\.\d+E\+15$/);
    expect(Number(written)).toBe(asExcelKeptIt);

    // The operator sends the rejected file back unchanged: the same row is refused for the same reason.
    const second = await importAndReject(join(dir, 'ditolak-1.xlsx'), join(dir, 'ditolak-2.xlsx'), true);
    expect(second.reasons.map((p) => p.code)).toContain('STORED_AS_NUMBER');
    expect(second.reasons.map((p) => p.message).join('; ')).toMatch(UNRECOVERABLE);
    expect(String(second.nikCell.value)).toBe(written);
    expect(await memberCount()).toBe(0);
    const laund = await core.db.selectFrom('anggota').select('id').where('nik', 'in', [laundered, trueNik]).execute();
    expect(laund).toEqual([]);
  });
});
