/**
 * Issue 18: the office server goes away while a clerk is filling a form. The window shows one banner ("Koneksi
 * ke server kantor terputus…") instead of failing silently, the save answers its error in the form and what was
 * typed stays; when the server is back the banner says "Tersambung kembali" and goes, and the same save then
 * succeeds — no restart of the app.
 * Needs PostgreSQL's binaries (CI installs them: .ci/run) and the built renderer (npx electron-vite build).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { kotimSetup, ok, setUpOffice } from '../helpers/core';
import { signIn } from '../helpers/e2e';
import { makeFamilies, newKeluargaInput } from '../helpers/registryFixtures';
import { startOfficePc, type startTestApp } from '../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../support/postgres';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
// CI installs PostgreSQL (.ci/run): there a missing server is a failure, not a skip.
const run = hasPostgres || process.env.CI === 'true';

describe.runIf(run)('the office server is lost while a form is open (PostgreSQL)', () => {
  let pg: PgCluster;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  let keluargaId = 0;
  const k = makeFamilies(1, 18, 41_000)[0]!;

  beforeAll(async () => {
    pg = await startPostgres();
    const url = await pg.createDatabase('kantor');
    app = await startOfficePc(url);
    await setUpOffice(app.core);
    const clerk = app.core.createClient();
    await ok(clerk, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const created = await ok<{ keluargaId: number }>(clerk, 'registry.createKeluarga', newKeluargaInput(k));
    keluargaId = created.keluargaId;
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, app.web);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await pg?.stop();
  });

  it('shows one banner while the server is away, keeps the typed address, and saves it once the server is back', async () => {
    await page.goto(`${app.web.url}/#/registri/keluarga/${keluargaId}`);
    await page.getByTestId('anggota-table').waitFor();
    await page.getByRole('button', { name: 'Ubah keluarga' }).click();
    const form = page.getByRole('dialog', { name: 'Ubah data keluarga' });
    await form.getByTestId('keluarga-alamat').waitFor();
    await form.getByTestId('keluarga-alamat').fill('Jl. Tidar 20');

    const banner = page.getByTestId('connection-banner');
    pg.pause();
    let resumed = false;
    try {
      await form.getByRole('button', { name: 'Simpan' }).click();
      // The save fails in the form, which stays open with what was typed.
      await expect.poll(async () => (await form.getByRole('alert').allTextContents()).join(' '), { timeout: 60_000 }).toContain('Server basis data kantor tidak dapat dihubungi');
      expect(await form.getByTestId('keluarga-alamat').inputValue()).toBe('Jl. Tidar 20');
      // One banner over the page.
      await expect.poll(async () => (await banner.allTextContents()).join(' '), { timeout: 60_000 }).toContain(
        'Koneksi ke server kantor terputus. Perubahan yang belum tersimpan tetap di layar; aplikasi mencoba lagi',
      );
      expect(await banner.count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/p3-connection-lost.png` });

      // The window keeps trying; the banner stays while the server is away.
      await page.waitForTimeout(4_000);
      expect(await banner.count()).toBe(1);
      pg.resume();
      resumed = true;
    } finally {
      if (!resumed) pg.resume();
    }

    // The retry reaches the server: the banner says so for a moment, then goes.
    await expect.poll(async () => (await banner.allTextContents()).join(' '), { timeout: 60_000 }).toContain('Tersambung kembali');
    await expect.poll(async () => banner.count(), { timeout: 60_000 }).toBe(0);
    expect(await form.getByTestId('keluarga-alamat').inputValue()).toBe('Jl. Tidar 20');

    // The same save now goes through.
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.waitFor({ state: 'detached', timeout: 60_000 });
    const stored = await app.core.db.selectFrom('keluarga').select('alamat').where('id', '=', keluargaId).executeTakeFirstOrThrow();
    expect(stored.alamat).toBe('Jl. Tidar 20');
  }, 180_000);

  it('a list that failed to load while the server was away loads by itself once it is back', async () => {
    const banner = page.getByTestId('connection-banner');
    const list = page.getByTestId('registry-list');
    pg.pause();
    try {
      await page.goto(`${app.web.url}/#/registri`);
      await expect.poll(async () => banner.count(), { timeout: 60_000 }).toBe(1);
      expect(await list.locator(`[data-nik="${k.anggota[0]!.nik}"]`).count()).toBe(0);
    } finally {
      pg.resume();
    }
    // No reload, no click: the retry that removes the banner also loads the list again.
    await expect.poll(async () => list.locator(`[data-nik="${k.anggota[0]!.nik}"]`).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => banner.count(), { timeout: 60_000 }).toBe(0);
  }, 180_000);
});
