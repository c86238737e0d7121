import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile } from '../helpers/e2e';
import { tempDir, writeXlsx } from '../helpers/xlsx';
import { kk, messySheets, nik } from '../integration/imports/messySheet';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

describe('importing a messy operator sheet in the browser', () => {
  let file: string;
  const { app, page } = browserApp({
    seed: async () => {
      file = await writeXlsx(join(await tempDir('dinsos-e2e-imp-'), 'usulan baamang mei.xlsx'), messySheets().sheets);
    },
    menuLink: /Impor/,
  });

  it('shows the preview: counts, the detected layout and every reason per sheet row', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await pickFile(page.getByTestId('pick-file'), file);
    await page.getByTestId('count-data').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-data').textContent()).toBe('11');
    expect(await page.getByTestId('count-new').textContent()).toBe('6');
    expect(await page.getByTestId('count-rejected').textContent()).toBe('4');
    expect(await page.getByTestId('count-duplicate').textContent()).toBe('1');
    const row11 = page.locator('[data-row="11"]');
    expect(await row11.textContent()).toContain('Baamang Ulu Raya');
    expect(await row11.textContent()).toContain('Mungkin maksudnya');
    const row12 = page.locator('[data-row="12"]');
    expect(await row12.textContent()).toContain('Nama kosong');
    expect(await row12.textContent()).toContain('Bagian tanggal lahir NIK');
    expect(await page.locator('[data-row="10"]').textContent()).toContain('baris 6');
    expect(await page.locator('[data-row="9"]').textContent()).toMatch(/tersimpan sebagai angka/i);
    await page.screenshot({ path: `${SHOTS}/p4-import-preview.png`, fullPage: true });
  });

  it('downloads the rejected rows as Excel with the original columns, text NIKs and the reasons', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejected').click()]);
    expect(download.suggestedFilename()).toBe('usulan baamang mei - baris ditolak.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 4)).toEqual(['No', 'NIK', 'NO KK', 'NAMA']);
    expect(header.at(-1)).toBe('Keterangan Kesalahan');
    const rows = new Map<number, ExcelJS.Row>();
    for (let r = 2; r <= ws.rowCount; r++) rows.set(Number(ws.getRow(r).getCell(header.length - 1).value), ws.getRow(r));
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual([9, 11, 12, 17]);
    expect(rows.get(11)!.getCell(2).value).toBe(nik.salahDesa);
    expect(rows.get(9)!.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(rows.get(17)!.getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(String(rows.get(11)!.getCell(header.length).value)).toContain('Baamang Ulu Raya');
  });

  it('commits after confirmation, and the batch is in the registry and the history', async () => {
    await page.getByTestId('commit').click();
    await page.getByRole('button', { name: 'Simpan ke registri' }).click();
    await page.getByTestId('commit-done').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/p4-import-done.png`, fullPage: true });
    const people = await app.core.db.selectFrom('anggota').select(['nik', 'nama']).orderBy('nik').execute();
    expect(people.map((p) => p.nik).sort()).toEqual([nik.kepala, nik.istri, nik.anak, nik.wanitaDitulisL, nik.luarDaerah, nik.ubar].sort());
    const fam = await app.core.db.selectFrom('keluarga').select(['no_kk', 'desa_kode']).where('no_kk', '=', kk.satu).executeTakeFirstOrThrow();
    expect(fam.desa_kode).toBe('62.02.05.1003');

    await page.getByRole('link', { name: 'Riwayat impor' }).first().click();
    const table = page.getByTestId('import-history');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('usulan baamang mei.xlsx');
    await page.screenshot({ path: `${SHOTS}/p4-import-history.png` });
  });

  it('a corrected sheet shows, before saving, what each update will change', async () => {
    const changed = messySheets().sheets.map((s) =>
      s.name === 'DATA' ? { ...s, rows: s.rows.map((r) => r.map((c) => (c === 'Budi Santoso' ? 'Budi Santosa' : c === 'Jl. Pelita No. 3' ? 'Jl. Pelita No. 5' : c))) } : s,
    );
    const fixed = await writeXlsx(join(await tempDir('dinsos-e2e-fix-'), 'usulan baamang perbaikan.xlsx'), changed);
    await page.goto(`${app.web.url}/#/impor`);
    await page.reload();
    await pickFile(page.getByTestId('pick-file'), fixed);
    await page.getByTestId('problem-rows').waitFor({ timeout: 30_000 });
    await page.getByTestId('problem-filter').getByText('Diperbarui', { exact: true }).click();
    const rows = page.getByTestId('problem-rows');
    await expect.poll(async () => (await rows.getByTestId('row-change').allTextContents()).join(' | ')).toBe('Nama: Budi Santoso → Budi Santosa | Alamat: Jl. Pelita No. 3 → Jl. Pelita No. 5');
    expect(await rows.locator('[role=row]').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/p4-import-changes.png`, fullPage: true });
    const budi = await app.core.db.selectFrom('anggota').select('nama').where('nik', '=', nik.kepala).executeTakeFirstOrThrow();
    expect(budi.nama).toBe('Budi Santoso'); // nothing written by the preview
  });

  it('maps columns by hand when no header is recognised, and the saved mapping is used next time', async () => {
    const headers = ['NOMOR IDENTITAS', 'NAMA', 'NO KK', 'KELURAHAN', 'KECAMATAN'];
    const aneh = await writeXlsx(join(await tempDir('dinsos-e2e-map-'), 'format kelurahan.xlsx'), [
      { name: 'Lembar1', rows: [headers, ['6202052008900005', 'Hasan Basri', '6202051203100077', 'Tanah Mas', 'Baamang']] },
    ]);
    await page.goto(`${app.web.url}/#/impor`);
    await page.reload();
    await pickFile(page.getByTestId('pick-file'), aneh);
    await page.getByTestId('manual-mapping').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-error').textContent()).toContain('NOMOR IDENTITAS');
    const select = page.getByLabel('Kolom NOMOR IDENTITAS dibaca sebagai').first();
    await select.click();
    await select.fill('NIK');
    await page.getByRole('option', { name: 'NIK', exact: true }).click();
    await page.screenshot({ path: `${SHOTS}/p4-import-manual-mapping.png`, fullPage: true });
    await page.getByRole('button', { name: 'Periksa ulang dengan pemetaan ini' }).click();
    await expect.poll(async () => page.getByTestId('count-new').textContent(), { timeout: 30_000 }).toBe('1');
    await page.getByTestId('commit').click();
    await page.getByRole('button', { name: 'Simpan ke registri' }).click();
    await page.getByTestId('commit-done').waitFor({ timeout: 30_000 });
    const saved = await app.core.db.selectFrom('import_mapping').selectAll().execute();
    expect(saved).toHaveLength(1);
    expect(JSON.parse(saved[0]!.mapping_json)).toMatchObject({ 'NOMOR IDENTITAS': 'nik', NAMA: 'nama' });
    const hasan = await app.core.db.selectFrom('anggota').select('nama').where('nik', '=', '6202052008900005').executeTakeFirst();
    expect(hasan?.nama).toBe('Hasan Basri');
  });
});
