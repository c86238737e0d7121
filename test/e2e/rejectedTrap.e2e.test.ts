/**
 * Issue 15: the rejected-rows file is no trap. A NIK Excel had turned into a number (15 digits kept, the 16th
 * a 0: itself a plausible NIK) is refused as unrecoverable; the file the clerk downloads keeps the cell as
 * Excel showed it, and sending that file back unchanged is refused again: nobody gets the laundered NIK.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile } from '../helpers/e2e';
import { makeNik } from '../helpers/registryFixtures';
import { tempDir, writeXlsx } from '../helpers/xlsx';
import { BAAMANG, HEADERS, kk } from '../integration/imports/messySheet';

const UNRECOVERABLE = 'tersimpan sebagai angka oleh Excel; digit terakhir hilang — ketik ulang dari KK';

describe('a NIK Excel stored as a number, through the rejected-rows file and back (browser mode)', () => {
  let dir: string;
  const trueNik = makeNik(BAAMANG, '1990-07-07', 'L', 13);
  const asExcelKeptIt = Number(`${trueNik.slice(0, 15)}0`);

  const { app, page } = browserApp({
    seed: async () => {
      dir = await tempDir('dinsos-e2e-trap-');
    },
  });

  /** Picks the file on the import page and returns the preview's refused row text once checked. */
  async function preview(file: string): Promise<string> {
    await page.goto(`${app.web.url}/#/impor`);
    await page.reload();
    await pickFile(page.getByTestId('pick-file'), file);
    await page.getByTestId('count-data').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-data').textContent()).toBe('1');
    expect(await page.getByTestId('count-rejected').textContent()).toBe('1');
    expect(await page.getByTestId('count-new').textContent()).toBe('0');
    return (await page.getByTestId('problem-rows').textContent()) ?? '';
  }

  async function downloadRejected(): Promise<{ path: string; nikCell: ExcelJS.Cell }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-rejected').click()]);
    const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(ws.rowCount).toBe(2);
    return { path, nikCell: ws.getRow(2).getCell(header.indexOf('NIK') + 1) };
  }

  it('refuses the row, the downloaded file keeps what Excel showed, and the file sent back is refused again', async () => {
    const file = await writeXlsx(join(dir, 'usulan.xlsx'), [
      { name: 'DATA', rows: [HEADERS, [1, asExcelKeptIt, kk.dua, 'Joko Susilo', 'Sampit', '07/07/1990', 'L', 'Sri', 'Kepala Keluarga', 'Jl. Kenanga', '1', '2', 'Baamang', 'Tanah Mas', '']] },
    ]);
    expect(await preview(file)).toContain(UNRECOVERABLE);
    const first = await downloadRejected();
    // Not the 16-digit text that would pass for a NIK: Excel's scientific form, as read.
    const written = String(first.nikCell.value);
    expect(written).toMatch(/^\d\.\d+E\+15$/);
    expect(Number(written)).toBe(asExcelKeptIt);

    // The clerk sends the rejected file back unchanged: refused again for the same reason, nothing saved.
    expect(await preview(first.path)).toContain(UNRECOVERABLE);
    const second = await downloadRejected();
    expect(String(second.nikCell.value)).toBe(written);
    expect(await page.getByTestId('commit').isDisabled()).toBe(true);
    expect(await app.core.db.selectFrom('anggota').select('id').execute()).toEqual([]);
  });
});
