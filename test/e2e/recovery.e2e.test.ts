import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobs';
import { ok, openTestCore, setUpOffice } from '../helpers/core';
import { browserApp, pickFile } from '../helpers/e2e';

describe('recovery screen (browser mode, real main side): the database of a set-up office is gone', () => {
  let backup: Buffer;
  let dbPath: string;
  const { app, page } = browserApp({
    dbPath: async () => {
      const before = await openTestCore();
      const admin = await setUpOffice(before);
      await ok(admin, 'users.create', { nama: 'Budi Operator', username: 'budi', role: 'operator', wilayah: ['62.02.01'], password: 'operator-kotim-1' });
      const job = (await before.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
      backup = readFileSync(before.services.outbox.get(job.result!.id).path);
      dbPath = before.paths.dbPath;
      await before.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
      return dbPath;
    },
    office: false,
  });

  it('offers no setup wizard, refuses a wrong admin password, restores with the right one, then the admin signs in', async () => {
    await page.goto(app.web.openUrl);
    await expect.poll(() => page.getByText('Data perlu dipulihkan').isVisible()).toBe(true);
    expect(await page.getByText('Selamat datang di Dinsos Desk').count()).toBe(0);
    expect(existsSync(dbPath)).toBe(false);

    await pickFile(page.getByRole('button', { name: 'Pilih berkas cadangan…' }), { name: 'dinsos-2026-12-01-170000-keluar.dsbak', mimeType: 'application/octet-stream', buffer: backup });
    await expect.poll(() => page.getByTestId('recovery-file').textContent()).toBe('dinsos-2026-12-01-170000-keluar.dsbak');
    await page.getByLabel('Kata sandi admin').fill('rahasia-kotim-2024');
    await page.screenshot({ path: 'docs/pemulihan.png' });

    await page.getByLabel('Kata sandi admin').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Pulihkan dari cadangan' }).click();
    await expect.poll(() => page.getByTestId('recovery-error').textContent()).toMatch(/tidak cocok dengan akun admin di dalam cadangan/);
    expect(existsSync(dbPath)).toBe(false);

    await page.getByLabel('Kata sandi admin').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Pulihkan dari cadangan' }).click();
    await expect.poll(() => page.getByTestId('recovery-done').textContent(), { timeout: 30_000 }).toMatch(/Dinas Sosial Kabupaten Kotawaringin Timur.*2 pengguna/);
    await page.screenshot({ path: 'test-results/pemulihan-selesai.png' });
    await page.getByRole('button', { name: 'Lanjut ke halaman masuk' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible()).toBe(true);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 15_000 }).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(existsSync(dbPath)).toBe(true);
  });
});
