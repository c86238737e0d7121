import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';

describe('Coba dengan data latihan (browser)', () => {
  const { app, page } = browserApp();

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
