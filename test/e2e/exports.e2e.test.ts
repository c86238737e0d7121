import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile } from '../helpers/e2e';
import { kotimSetupInput, seedAid, seedRegistry } from '../integration/exports/seed';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

describe('exports in the browser: copy a template, change its header, export, check the file', () => {
  const { app, page } = browserApp({
    office: kotimSetupInput(),
    seed: async ({ app }) => seedAid(app.core, await seedRegistry(app.core)),
    menuLink: /Ekspor/,
  });

  it('shows the templates and how many rows an export will have before writing', async () => {
    await page.getByRole('link', { name: /Ekspor/ }).first().click();
    await page.getByTestId('template-siks-ng-usulan').click();
    await expect.poll(() => page.getByTestId('export-count').textContent(), { timeout: 15_000 }).toBe('Ekspor ini akan berisi 4 baris.');
    expect(await page.getByRole('table', { name: 'Contoh baris pertama' }).textContent()).toContain('6202011203850001');
    await page.screenshot({ path: `${SHOTS}/p7-export-page.png`, fullPage: true });
  });

  it('copies the SIKS-NG template, renames and moves a header, drops a column, and exports the copy', async () => {
    await page.getByRole('button', { name: 'Salin' }).click();
    await page.getByTestId('copy-name').fill('Usulan Kotim');
    await page.getByRole('button', { name: 'Buat salinan' }).click();
    await page.getByTestId('col-header-0').waitFor();
    expect(await page.getByTestId('col-header-0').inputValue()).toBe('NIK');
    await page.getByTestId('col-header-0').fill('NIK PENERIMA');
    await page.getByRole('button', { name: 'Turunkan kolom 1', exact: true }).click();
    await page.getByRole('button', { name: 'Buang kolom 21', exact: true }).click();
    await page.getByTestId('template-titles').fill('USULAN BARU {wilayah}');
    await page.screenshot({ path: `${SHOTS}/p7-template-editor.png`, fullPage: true });
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByTestId('export-count').textContent(), { timeout: 15_000 }).toBe('Ekspor ini akan berisi 4 baris.');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-run').click()]);
    await page.getByTestId('export-done').waitFor();
    await page.screenshot({ path: `${SHOTS}/p7-export-done.png`, fullPage: true });
    expect(download.suggestedFilename()).toMatch(/^TEMPLATE_EXCEL_USULAN - Kabupaten Kotawaringin Timur - [A-Z]+ \d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('DATA')!;
    // A title written in capitals fills its values in capitals too (issue 14: no 'DAFTAR PENERIMA Semua program').
    expect(ws.getCell(1, 1).value).toBe('USULAN BARU KABUPATEN KOTAWARINGIN TIMUR');
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header).toHaveLength(20);
    expect(header.slice(0, 3)).toEqual(['PROGRAM BANSOS', 'NIK PENERIMA', 'NOKK']);
    expect(header).not.toContain('TGL MULAI HAMIL\n(31/12/2021)');
    const niks: string[] = [];
    for (let r = 4; r <= ws.rowCount; r++) {
      expect(ws.getCell(r, 2).type).toBe(ExcelJS.ValueType.String);
      niks.push(String(ws.getCell(r, 2).value));
    }
    // The recorded proposals (Ahmad's two, for PKH and BPNT), each with its programme; not the whole registry.
    expect(niks.sort()).toEqual(['6202010101150003', '6202011203850001', '6202011203850001', '6202065006500004']);
    const programs = Array.from({ length: ws.rowCount - 3 }, (_, i) => String(ws.getCell(i + 4, 1).value));
    expect(programs.sort()).toEqual(['BPNT', 'NON BANSOS', 'PBI', 'PKH']);
  });

  it('rekap penyaluran: filter by funding source, see the row count, export with per-jenis columns and totals', async () => {
    await page.getByTestId('template-rekap-penyaluran').click();
    await expect.poll(() => page.getByTestId('export-count').textContent(), { timeout: 15_000 }).toMatch(/^Ekspor ini akan berisi \d+ baris\.$/);
    await page.getByRole('combobox', { name: 'Sumber dana' }).click();
    await page.getByRole('option', { name: 'APBN' }).click();
    // The sample follows the filter: only the APBN programme's columns remain.
    await expect.poll(async () => (await page.getByRole('table', { name: 'Contoh baris pertama' }).textContent())?.includes('Uji Kaki Palsu'), { timeout: 15_000 }).toBe(false);
    expect(await page.getByRole('table', { name: 'Contoh baris pertama' }).textContent()).toContain('Uji Sembako (paket) — Penerima (orang)');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-run').click()]);
    await page.getByTestId('export-done').waitFor();
    await page.screenshot({ path: `${SHOTS}/p7-rekap.png`, fullPage: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(3, 1).value).toBe('Sumber dana: APBN — Periode: semua tanggal');
    let total = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'JUMLAH') total = n;
    });
    expect([3, 4, 5, 6, 7].map((c) => ws.getCell(total, c).value)).toEqual([2, 3, 750_000, 2, 750_000]);
  });

  it('Intervensi per OPD says it counts families and people, and its JUMLAH counts a family reached by two OPD once (issue 15)', async () => {
    await page.getByTestId('template-intervensi-opd').click();
    await expect.poll(() => page.getByTestId('export-count').textContent(), { timeout: 15_000 }).toMatch(/^Ekspor ini akan berisi \d+ baris\.$/);
    // The count line may still be the previous template's for a moment; wait for this template's own text.
    await expect.poll(() => page.getByText('Yang dihitung keluarga dan orang, bukan baris').first().isVisible(), { timeout: 15_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-run').click()]);
    await page.getByTestId('export-done').waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(3, 1).value)).toMatch(/jumlah orang dan keluarga, tiap orang\/keluarga dihitung sekali/);
    let total = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'JUMLAH') total = n;
    });
    // Three rows (Dinas Sosial twice, Dinas Kesehatan once) reach three people of two families: Ahmad Fauzi
    // (Dinas Sosial) and his wife (Dinas Kesehatan) are one family.
    expect([4, 5, 6, 7].map((c) => ws.getCell(total, c).value)).toEqual([3, 2, 1, 750_000]);
  });

  it('imports the SIKS-NG result file and lists what could not be matched', async () => {
    await page.getByRole('link', { name: 'Impor hasil SIKS-NG' }).click();
    await page.getByText('Belum ada hasil usulan.').waitFor();
    const csv = [
      'nama_kec,nama_desa,nik_usulan,program_bansos,hasil,padan,nama_lgkp,ket_vali',
      'KOTA BESI,PALANGAN,6202014507880002,PKH,DITERIMA,PADAN,RINA MARLINA,Lolos',
      'KOTA BESI,PALANGAN,6202019999999999,PKH,DITERIMA,PADAN,ORANG LAIN,',
    ].join('\r\n');
    await pickFile(page.getByRole('button', { name: 'Pilih berkas hasil…' }), { name: 'hasil siks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('NIK 6202019999999999 (ORANG LAIN) belum ada di registri.', { exact: false }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('cell', { name: 'Lolos' }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/p7-hasil-siks.png`, fullPage: true });
    const padan = async () => (await app.core.db.selectFrom('anggota').select('padan').where('nik', '=', '6202014507880002').executeTakeFirstOrThrow()).padan;
    expect(await padan()).toBe('padan');
    // A wrong file is undone in one step, after confirmation.
    await page.getByTestId('undo-hasil').click();
    await page.getByRole('button', { name: 'Batalkan impor', exact: true }).click();
    await page.getByText('Belum ada hasil usulan.').waitFor({ timeout: 15_000 });
    expect(await padan()).toBe('belum');
  });
});
