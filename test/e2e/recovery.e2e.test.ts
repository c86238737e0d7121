import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobs';
import { launchBrowser, newPage } from '../helpers/browser';
import { otherProfileSecrets, passwordUser, startPc } from '../helpers/connection';
import { kotimSetup, ok, openTestCore, setUpOffice } from '../helpers/core';
import { browserApp, pickFile, signIn } from '../helpers/e2e';
import { startTestApp } from '../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../support/postgres';

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

describe.runIf(hasPostgres || process.env.CI === 'true')('recovery screen of a PC whose saved server password cannot be decrypted here (browser mode)', () => {
  const PASSWORD = 'Sandi-Server#2026';
  const OFFICE = 'Dinas Sosial Kabupaten Kotawaringin Timur';
  let pg: PgCluster;
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    pg = await startPostgres();
    const port = Number(new URL(pg.url('postgres')).port);
    await passwordUser(pg, 'kantor', PASSWORD, 'dinsos_kantor');
    // The office set up on the server from this PC, then its Windows profile reset: the password cannot be read.
    const first = await startPc();
    const wizard = first.core.createClient();
    await ok(wizard, 'connection.save', { mode: 'server', host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', password: PASSWORD });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    await first.core.close();
    app = await startTestApp({ pc: { dataDir: first.dataDir, secrets: otherProfileSecrets } });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop().catch(() => undefined);
    await pg?.stop();
  });

  it('shows the saved server with an empty password; filling it in reaches the office\'s login page', async () => {
    const page = await newPage(browser);
    await page.goto(app.web.openUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'Sambungkan lagi ke server kantor' }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('Selamat datang di Dinsos Desk').count()).toBe(0);
    expect(await page.getByTestId('koneksi-mode').count()).toBe(0); // only the server may be entered here
    const form = page.getByTestId('koneksi-server');
    expect(await form.getByLabel('Host').inputValue()).toBe('127.0.0.1');
    expect(await form.getByLabel('Nama basis data').inputValue()).toBe('dinsos_kantor');
    expect(await form.getByLabel('Pengguna').inputValue()).toBe('kantor');
    expect(await form.getByLabel('Sandi').inputValue()).toBe('');
    await page.screenshot({ path: join(process.env.E2E_SHOTS ?? join(tmpdir(), 'dinsos-shots'), 'pemulihan-koneksi.png'), fullPage: true });

    await form.getByLabel('Sandi').fill('sandi-yang-salah');
    await page.getByRole('button', { name: 'Simpan & sambungkan' }).click();
    await expect.poll(() => page.getByTestId('koneksi-galat').textContent(), { timeout: 60_000 }).toContain('Server menolak pengguna "kantor" atau sandinya');
    await form.getByLabel('Sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Simpan & sambungkan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(app.core.paths.dbPath.startsWith('postgres://')).toBe(true);
    await signIn(page, app.web);
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE);
    await page.close();
  });
});
