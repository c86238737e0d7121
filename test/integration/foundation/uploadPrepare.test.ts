import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped } from '../../helpers/core';

/**
 * A call that parses a picked file reads it before dispatch opens its transaction (the call's declared
 * `prepare` step): while a big upload is being read, another user's save goes through instead of waiting for
 * the whole import on the one database connection.
 */
let core: Core;
let admin: Awaited<ReturnType<typeof setUpOfficeTyped>>;
let hasil: Uint8Array<ArrayBuffer>;
const ROWS = 5_000;

beforeAll(async () => {
  core = await openTestCore();
  admin = await setUpOfficeTyped(core);
  // A SIKS-NG result file of people the registry does not hold: reading it is the whole cost of the call.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hasil');
  ws.addRow(['NAMA_KEC', 'NAMA_DESA', 'NIK_USULAN', 'PROGRAM_BANSOS', 'HASIL', 'PADAN', 'NAMA_LGKP', 'KET_VALI']);
  for (let i = 0; i < ROWS; i++) {
    ws.addRow(['KOTA BESI', 'PALANGAN', String(6202010101900000 + i), 'PKH', 'DITERIMA', 'PADAN', `PENERIMA ${i}`, 'Lolos verifikasi']);
  }
  hasil = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}, 120_000);
afterAll(async () => core?.close());

const programme = (nama: string) => ({ nama, jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: 2026, kategori: 'bansos', keterangan: null }) as const;

describe('uploads are read before the transaction', () => {
  it('a save made while a big result file is being read is stored before that import ends', async () => {
    const started = performance.now();
    let importEnded = 0;
    const importing = admin.call('exports.importHasil', { file: { fileName: 'hasil-besar.xlsx', bytes: hasil } }).then((r) => {
      importEnded = performance.now() - started;
      return r;
    });
    // Another clerk saves a programme a moment later.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const saveStarted = performance.now();
    const saved = await admin.call('programs.create', programme('Bantuan Sembako Lebaran'));
    const saveTook = performance.now() - saveStarted;
    const saveEnded = performance.now() - started;
    const imported = await importing;

    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    expect(imported.ok && imported.value.notFound.length).toBe(ROWS);
    const stored = await core.db.selectFrom('program').select('nama').where('nama', '=', 'Bantuan Sembako Lebaran').execute();
    expect(stored).toHaveLength(1);
    console.info(`[prepare] importHasil ${ROWS} rows: ${importEnded.toFixed(0)} ms; programs.create during it: ${saveTook.toFixed(0)} ms (ended at ${saveEnded.toFixed(0)} ms)`);
    // The save did not wait for the import: it ended while the file was still being read.
    expect(saveEnded).toBeLessThan(importEnded);
  }, 120_000);
});
