/**
 * Panduan (the in-app guide) and the keyboard shortcuts, in Chromium on the practice data. This run also takes
 * the guide's screenshots into docs/bantuan/, which the guide shows (bundled at the next build): the pictures
 * are always of the screens as they are.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { ROOT } from '../helpers/webApp';

const SHOTS = join(ROOT, 'docs/bantuan');

describe('Panduan and keyboard shortcuts (browser)', () => {
  const { app, page } = browserApp({
    seed: async () => mkdirSync(SHOTS, { recursive: true }),
    afterSignIn: async (page) => {
      await page.goto(`${app.web.url}/#/`);
      await page.getByRole('button', { name: 'Coba dengan data latihan' }).click();
      await page.getByTestId('demo-band').waitFor({ timeout: 60_000 });
      // The screenshots show the screens, not the passing "Data latihan dibuka" message.
      await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
    },
    timeout: 120_000,
  });
  /** The page as a clerk sees it once it has loaded: no spinner left (a hash change is no load for networkidle). */
  const shot = async (name: string) => {
    await expect.poll(() => page.locator('.mantine-Loader-root:visible').count(), { message: `${name}: still loading` }).toBe(0);
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  it('F1 opens the guide: the six tasks and the shortcuts table', async () => {
    await page.keyboard.press('F1');
    await expect.poll(() => page.url()).toContain('/panduan');
    for (const id of ['impor', 'serah-terima', 'rapat', 'ekspor', 'cadangan', 'cadangan-hilang']) await page.getByTestId(`panduan-${id}`).waitFor();
    // Each section shows its screenshot from docs/bantuan/ (those present when the renderer was built).
    for (const id of ['impor', 'serah-terima', 'rapat', 'ekspor', 'cadangan', 'cadangan-hilang']) {
      if (!existsSync(join(SHOTS, `${id}.png`))) continue;
      const img = page.getByTestId(`panduan-${id}`).locator('img');
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1366);
    }
    const rows = await page.getByTestId('panduan-pintasan').locator('tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Alt + NSerah terima baru',
      'Ctrl + FCari (kotak pencarian di halaman ini, atau Registri)',
      'Ctrl + PCetak dokumen di halaman ini (BAST, daftar hadir, …)',
      'Ctrl + SSimpan formulir yang sedang diisi',
      'F1Buka panduan ini',
    ]);
  });

  it('Alt+N opens a new handover, Ctrl+S saves the form (its checks answer), Ctrl+P opens the BAST to print, Ctrl+F goes to the search box', async () => {
    await page.goto(`${app.web.url}/#/`);
    await page.getByTestId('demo-band').waitFor();
    await page.keyboard.press('Alt+n');
    await expect.poll(() => page.url()).toContain('/bantuan/serah-terima/baru');
    await page.locator('form').first().waitFor();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.mantine-InputWrapper-error').count()).toBeGreaterThan(0);

    const handover = await app.core.db.selectFrom('penyerahan').select('id').executeTakeFirstOrThrow();
    await page.goto(`${app.web.url}/#/bantuan/serah-terima/${handover.id}`);
    await page.getByTestId('open-bast').waitFor();
    await shot('serah-terima');
    await page.keyboard.press('Control+p');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${app.web.url}/#/registri`);
    await page.getByLabel('Cari').first().waitFor();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder ?? '')).toContain('NIK atau No KK');
  });

  it('takes the guide\'s screenshots of the other tasks', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await page.getByRole('heading', { name: 'Impor lembar Excel' }).waitFor();
    await shot('impor');
    const rapat = await app.core.db.selectFrom('rapat').select('id').executeTakeFirstOrThrow();
    await page.goto(`${app.web.url}/#/rapat/${rapat.id}`);
    await page.getByText('Rapat Operator DTKS (latihan)').first().waitFor();
    await shot('rapat');
    await page.goto(`${app.web.url}/#/ekspor`);
    await page.locator('[data-testid^="template-"]').first().waitFor();
    await shot('ekspor');
    await page.goto(`${app.web.url}/#/pengaturan/cadangan`);
    await page.getByRole('heading', { name: 'Cadangan & pemulihan' }).waitFor();
    await shot('cadangan');
    await page.goto(`${app.web.url}/#/`);
    await page.getByText('Cadangan otomatis belum aktif').waitFor();
    await shot('cadangan-hilang');
  });
});
