/**
 * What a server PC's user sees when its way to the office server is lost (issue 18; review finding 6, from H4),
 * in browser mode with the real main side: koneksi.json deleted (the connection asked for again, not a backup),
 * no protected storage for the saved password (what to do, no dead form), and the server's database recreated
 * empty (recovery from backup into the server, not the first-run wizard).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/api/jobs';
import { newPage } from '../helpers/browser';
import { fakeSecrets, startPc } from '../helpers/connection';
import { kotimSetup, ok, signedIn } from '../helpers/core';
import { pickFile, serverAndBrowser, signIn } from '../helpers/e2e';
import { startTestApp } from '../helpers/webApp';
import { hasPostgres } from '../support/postgres';

const OFFICE = 'Dinas Sosial Kabupaten Kotawaringin Timur';

describe.runIf(hasPostgres || process.env.CI === 'true')('a server PC that lost its way to the office server (browser mode)', () => {
  const { pg, browser, track } = serverAndBrowser();

  /** The office set up on the server `name` from a PC's wizard (the server asks no password here). */
  async function serverPc(name: string) {
    const url = new URL(await pg.createDatabase(name));
    const server = { host: url.hostname, port: Number(url.port), database: name, user: 'postgres', password: '' };
    const first = await startPc();
    const wizard = first.core.createClient();
    await ok(wizard, 'connection.save', { mode: 'server', ...server });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    return { first, server };
  }

  const open = async (dataDir: string, secrets: typeof fakeSecrets | null = fakeSecrets) => {
    const app = await startTestApp({ pc: { dataDir, ...(secrets ? { secrets } : {}) } });
    track(app);
    const page = await newPage(browser);
    await page.goto(app.web.openUrl);
    return { app, page };
  };

  it('koneksi.json deleted: the screen asks for the server it last used, says why, and leads to the office\'s sign-in', async () => {
    const { first, server } = await serverPc('hilang');
    await first.core.close();
    rmSync(join(first.dataDir, 'koneksi.json'));
    const { app, page } = await open(first.dataDir);
    await expect.poll(() => page.getByRole('heading', { name: 'Sambungkan lagi ke server kantor' }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('Data perlu dipulihkan').count()).toBe(0);
    expect(await page.getByTestId('koneksi-hilang').textContent()).toMatch(/koneksi\.json\) tidak ditemukan/);
    await page.screenshot({ path: 'test-results/koneksi-hilang.png' });
    const form = page.getByTestId('koneksi-server');
    expect(await form.getByLabel('Host').inputValue()).toBe(server.host);
    expect(await form.getByLabel('Nama basis data').inputValue()).toBe('hilang');
    await page.getByRole('button', { name: 'Simpan & sambungkan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible(), { timeout: 60_000 }).toBe(true);
    await signIn(page, app.web);
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE);
    await page.close();
  }, 180_000);

  it('browser mode without protected storage: what to do is said, and no form that cannot save', async () => {
    const { first } = await serverPc('tanpa_penyimpanan');
    await first.core.close();
    const saved = JSON.parse(readFileSync(join(first.dataDir, 'koneksi.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(first.dataDir, 'koneksi.json'), JSON.stringify({ ...saved, passwordCipher: Buffer.from(await fakeSecrets.encrypt('sandi')).toString('base64') }));
    const { page } = await open(first.dataDir, null);
    await expect.poll(() => page.getByRole('heading', { name: 'Sambungkan lagi ke server kantor' }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('koneksi-hilang').textContent()).toMatch(/Jalankan aplikasi desktop Dinsos Desk.*DINSOS_DB=postgres:\/\//);
    expect(await page.getByTestId('koneksi-server').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('the server database recreated empty: the PC says so and restores the backup into the server; no first-run wizard', async () => {
    const { first } = await serverPc('dibuat_ulang');
    const admin = await signedIn(first.core, 'admin', kotimSetup().admin.password);
    const job = (await first.core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    const backup = readFileSync(first.core.services.outbox.get(job.result!.id).path);
    await first.core.close();
    await pg.query('drop database dibuat_ulang with (force)');
    await pg.query('create database dibuat_ulang');

    const { app, page } = await open(first.dataDir);
    await expect.poll(() => page.getByText('Data perlu dipulihkan').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('Selamat datang di Dinsos Desk').count()).toBe(0);
    await page.screenshot({ path: 'test-results/server-dibuat-ulang.png' });
    expect(await page.getByTestId('recovery-server-problem').textContent()).toMatch(/server kantor .*dibuat_ulang\) kosong: tampaknya dibuat ulang atau diganti/);
    await pickFile(page.getByRole('button', { name: 'Pilih berkas cadangan…' }), { name: 'dinsos-2026-12-07-170000-keluar.dsbak', mimeType: 'application/octet-stream', buffer: backup });
    await page.getByLabel('Kata sandi admin').fill(kotimSetup().admin.password);
    await page.getByRole('button', { name: 'Pulihkan dari cadangan' }).click();
    await expect.poll(() => page.getByTestId('recovery-done').textContent(), { timeout: 60_000 }).toMatch(/Dinas Sosial Kabupaten Kotawaringin Timur/);
    await page.getByRole('button', { name: 'Lanjut ke halaman masuk' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await signIn(page, app.web);
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE);
    expect(app.core.paths.dbPath.startsWith('postgres://')).toBe(true);
    await page.close();
  }, 240_000);
});
