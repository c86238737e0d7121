import { describe, expect, it } from 'vitest';
import { kotimSetup } from '../helpers/core';
import { browserApp, saveOfficeAsCli } from '../helpers/e2e';

describe('first start after the office was set on the command line (browser mode, real main side)', () => {
  const { app, page } = browserApp({
    office: false,
    seed: ({ app }) => saveOfficeAsCli(app.core, kotimSetup({ namaInstansi: 'Dinas Sosial Kotim (CLI)', kertas: 'A4' }).office),
  });

  it('asks only for the admin account and keeps the office the command line stored', async () => {
    const before = await app.core.db.selectFrom('office').selectAll().executeTakeFirstOrThrow();
    await page.goto(app.web.openUrl);
    await expect.poll(() => page.getByText('Selamat datang di Dinsos Desk').isVisible()).toBe(true);
    expect(await page.getByTestId('setup-office-stored').textContent()).toContain('Dinas Sosial Kotim (CLI)');
    // No office steps: the admin fields are on screen at once, with the finishing button and no "Lanjut".
    expect(await page.getByLabel('Nama lengkap').isVisible()).toBe(true);
    for (const gone of ['Nama instansi', 'Alamat kantor', 'Nama kepala dinas']) expect(await page.getByLabel(gone).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lanjut' }).count()).toBe(0);

    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
    await page.getByLabel('Kata sandi').fill('pendek');
    await page.getByRole('button', { name: 'Selesai' }).click();
    await expect.poll(() => page.getByText('Kata sandi minimal 10 karakter.').isVisible()).toBe(true);
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Selesai' }).click();

    await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 15_000 }).toBe('Dinas Sosial Kotim (CLI)');
    expect(await page.getByTestId('session-user').textContent()).toContain('Siti Rahmawati');
    expect(await app.core.db.selectFrom('office').selectAll().executeTakeFirstOrThrow()).toEqual(before);
    expect(await app.core.db.selectFrom('app_user').select(['username', 'role']).execute()).toEqual([{ username: 'admin', role: 'admin' }]);
  });
});
