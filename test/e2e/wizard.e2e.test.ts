/**
 * Issue 15: the setup wizard asks where backups go (a second disk or a USB stick), checks the folder on the main
 * side before anything is set up, and turns automatic backup on with it, so the dashboard does not warn; a
 * clerk who skips it sees the dashboard warning until a folder is chosen.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApp, saveOfficeAsCli } from '../helpers/e2e';

async function fillAdmin(page: Page) {
  await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
  await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
}

/** A fresh app whose office was stored by `init --kabupaten`, so the wizard shows its last step at once. */
const appWithOffice = () => browserApp({ office: false, seed: ({ app }) => saveOfficeAsCli(app.core) });

describe('setup wizard: backup folder (browser mode, real main side)', () => {
  describe('with a folder', () => {
    const { app, page } = appWithOffice();

    it('refuses a folder that cannot be used, beside the field, then stores a good one and the dashboard does not warn', async () => {
      await page.goto(app.web.openUrl);
      await page.getByTestId('setup-backup-folder').waitFor();
      // The question says where a backup belongs: a second disk or a USB stick, not the disk the app is on.
      expect(await page.getByText('Data registri hanya tersimpan di komputer ini').textContent()).toMatch(/disk kedua \(mis\. D:\\\).*flashdisk \/ hard disk\s+eksternal/);
      await fillAdmin(page);

      // Not a full path: the form says so before anything is sent.
      await page.getByTestId('setup-backup-folder').fill('Cadangan Dinsos');
      await page.getByRole('button', { name: 'Selesai' }).click();
      await expect.poll(() => page.getByText('Tulis alamat folder lengkap, mis. D:\\Cadangan Dinsos atau E:\\.').isVisible()).toBe(true);

      // A full path the main side cannot write to (a file stands where the folder would be): refused, nothing set up.
      const usb = mkdtempSync(join(tmpdir(), 'dinsos-flashdisk-'));
      writeFileSync(join(usb, 'bukan-folder'), 'x');
      await page.getByTestId('setup-backup-folder').fill(join(usb, 'bukan-folder', 'Cadangan'));
      await page.getByRole('button', { name: 'Selesai' }).click();
      await expect.poll(() => page.getByText('Folder ini tidak dapat ditulisi. Periksa disk/flashdisk dan izinnya.').isVisible()).toBe(true);
      expect(await app.core.db.selectFrom('app_user').select('id').execute()).toEqual([]);
      // What was typed is still there.
      expect(await page.getByLabel('Nama lengkap').inputValue()).toBe('Siti Rahmawati');

      const folder = join(usb, 'Cadangan Dinsos');
      await page.getByTestId('setup-backup-folder').fill(folder);
      await page.getByRole('button', { name: 'Selesai' }).click();
      await expect.poll(() => page.getByTestId('office-name').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => page.getByText('Registri').first().isVisible()).toBe(true);

      const meta = await app.core.db.selectFrom('meta').select('value').where('key', '=', 'backup.settings').executeTakeFirstOrThrow();
      expect(JSON.parse(meta.value)).toMatchObject({ folder, daily: true, onExit: true });
      expect(readdirSync(folder)).toEqual([]);
      // Beranda has loaded its figures and the backup overview, and shows no backup warning.
      await page.getByRole('heading', { name: 'Beranda' }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('peringatan-cadangan').count()).toBe(0);
    });
  });

  describe('skipped', () => {
    const { app, page } = appWithOffice();

    it('may be skipped: the dashboard then warns that automatic backup is not active', async () => {
      await page.goto(app.web.openUrl);
      await page.getByTestId('setup-backup-folder').waitFor();
      await fillAdmin(page);
      await page.getByRole('button', { name: 'Selesai' }).click();
      await expect.poll(() => page.getByTestId('office-name').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('peringatan-cadangan').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByTestId('peringatan-cadangan').textContent()).toContain('Folder cadangan belum dipilih');
    });
  });
});
