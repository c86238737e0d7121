/**
 * Issue 20: while a big sheet is still being checked, the import page already shows its first rows and
 * "Memeriksa… N dari ±M baris"; the full report replaces them when the preview ends.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile } from '../helpers/e2e';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../helpers/registryFixtures';
import { tempDir, writeLargeXlsx } from '../helpers/xlsx';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
const ROWS = 30_000;

describe('a big sheet’s preview in the browser', () => {
  let file: string;
  const rows: (string | number)[][] = [];
  const { app, page } = browserApp({
    seed: async () => {
      for (const k of makeFamilies(ROWS, 9)) for (const a of k.anggota) if (rows.length < ROWS) rows.push(dtksRow(k, a, rows.length + 1));
      file = await writeLargeXlsx(join(await tempDir('dinsos-e2e-sample-'), 'dtks besar.xlsx'), DTKS_HEADERS, ROWS, (i) => rows[i]!);
    },
    menuLink: /Impor/,
  });

  it('shows the first rows while the rest are checked, then the full report in their place', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    // A fresh page: on a retry the first attempt's preview or report would still be on screen, without the picker.
    await page.reload();
    await pickFile(page.getByTestId('pick-file'), file);
    // Read in one go while the sample is on screen (it is shown only while the preview job runs).
    const seen = await page.waitForFunction(
      () => {
        const progress = document.querySelector('[data-testid="preview-sample-progress"]');
        const first = document.querySelector('[data-testid="preview-sample-rows"] [data-row="2"]');
        // The total shows once the reader is past the start of the file.
        if (!progress?.textContent?.includes('dari') || !first) return null;
        return { progress: progress.textContent, first: first.textContent, report: document.querySelector('[data-testid="count-data"]') !== null };
      },
      undefined,
      { timeout: 45_000, polling: 20 },
    ).catch(async (error: unknown) => {
      // Said in the failure: whether the report came without a sample seen, or the preview stood still.
      const screen = await page.evaluate(() => document.querySelector('main')?.textContent?.slice(0, 600) ?? '').catch(() => '?');
      throw new Error(`No sample with its total was seen while the preview ran; on screen: ${screen}`, { cause: error });
    });
    const shot = page.screenshot({ path: `${SHOTS}/p20-import-sample.png`, fullPage: true }).catch(() => undefined);
    const { progress, first, report } = (await seen.jsonValue())!;
    expect(progress).toMatch(/^Memeriksa… [\d.]+ dari ±[\d.]+ baris$/);
    expect(first).toContain(`NIK ${String(rows[0]![DTKS_HEADERS.indexOf('NIK')])}`);
    expect(first).toContain('Baris 2');
    expect(report).toBe(false);
    await shot;

    await page.getByTestId('count-data').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-data').textContent()).toBe('30.000');
    expect(await page.getByTestId('preview-sample').count()).toBe(0);
  });
});
