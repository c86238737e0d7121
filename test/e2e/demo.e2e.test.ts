import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { setUpOffice } from '../helpers/core';
import { signIn } from '../helpers/e2e';
import { startTestApp } from '../helpers/webApp';

describe('Coba dengan data latihan (browser)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    app = await startTestApp();
    await setUpOffice(app.core);
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, app.web);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens the practice data from the empty Beranda with a DATA LATIHAN band on every screen, and goes back to the real data in one click', async () => {
    const realDb = app.core.paths.dbPath;
    await page.goto(`${app.web.url}/#/`);
    await page.getByRole('button', { name: 'Coba dengan data latihan' }).click();
    const band = page.getByTestId('demo-band');
    await band.waitFor({ timeout: 60_000 });
    expect(await band.textContent()).toContain('DATA LATIHAN');
    expect(app.core.paths.dbPath).not.toBe(realDb);
    // Beranda counts the practice families (read from the demo database the core now has open).
    const keluarga = Number((await app.core.db.selectFrom('keluarga').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(keluarga).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('stat-keluarga').locator('p').nth(1).textContent()).toBe(keluarga.toLocaleString('id-ID'));
    await page.screenshot({ path: 'test-results/data-latihan.png' });
    // Still signed in, the band on every screen.
    for (const path of ['/registri', '/bantuan', '/rapat', '/intervensi']) {
      await page.goto(`${app.web.url}/#${path}`);
      await band.waitFor();
    }

    await band.getByRole('button', { name: 'Kembali ke data asli' }).click();
    await band.waitFor({ state: 'detached' });
    expect(app.core.paths.dbPath).toBe(realDb);
    await page.goto(`${app.web.url}/#/`);
    await page.getByText('Registri masih kosong').waitFor();
    expect(Number((await app.core.db.selectFrom('anggota').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
  }, 120_000);
});
