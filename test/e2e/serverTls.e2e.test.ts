/**
 * "Periksa sertifikat server" in the set-up wizard's Koneksi step (issue 18): on an office server with TLS on and a
 * certificate from the office's own CA, the admin ticks "Gunakan TLS" and "Periksa sertifikat server" and picks
 * the CA file: another CA's file is refused with the reason, the office's CA connects. Browser mode on a
 * throw-away cluster; needs PostgreSQL's binaries, openssl and the built renderer (npx electron-vite build).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { fakeSecrets, passwordUser } from '../helpers/connection';
import { serverWithTls } from '../helpers/tls';
import { startTestApp } from '../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../support/postgres';

const run = hasPostgres || process.env.CI === 'true';
const PASSWORD = 'Sandi-TLS#2026';

describe.runIf(run)('checking the office server\'s certificate from the Koneksi form (browser mode)', () => {
  let pg: PgCluster;
  let port: number;
  let browser: Browser;
  let app: Awaited<ReturnType<typeof startTestApp>> | null = null;
  let cas: { officeCa: string; otherCa: string };

  beforeAll(async () => {
    pg = await startPostgres();
    port = Number(new URL(pg.url('postgres')).port);
    await passwordUser(pg, 'kantor', PASSWORD, 'dinsos_tls');
    cas = await serverWithTls(pg);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop().catch(() => undefined);
    await pg?.stop();
  });

  it('another CA\'s file is refused with the reason; the office\'s CA connects', async () => {
    app = await startTestApp({ pc: { dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), secrets: fakeSecrets } });
    const page = await newPage(browser);
    await page.goto(app.web.openUrl);
    const mode = page.getByTestId('koneksi-mode');
    await mode.waitFor();
    await mode.getByLabel('Server kantor').check();
    const form = page.getByTestId('koneksi-server');
    await form.getByLabel('Host').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(port));
    await form.getByLabel('Nama basis data').fill('dinsos_tls');
    await form.getByLabel('Pengguna').fill('kantor');
    await form.getByLabel('Sandi').fill(PASSWORD);
    await form.getByLabel('Gunakan TLS (koneksi terenkripsi ke server)').check();
    const checks = page.getByTestId('koneksi-sertifikat');
    await checks.getByLabel('Periksa sertifikat server').check();
    expect(await checks.getByLabel('Nama server harus cocok dengan sertifikat (disarankan)').isChecked()).toBe(true);

    const pick = (name: string, pem: string) => checks.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/x-x509-ca-cert', buffer: Buffer.from(pem) });
    await pick('ca-lain.crt', cas.otherCa);
    await expect.poll(() => checks.getByText('Dipakai: ca-lain.crt').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect.poll(() => page.getByTestId('koneksi-hasil').textContent(), { timeout: 60_000 }).toContain('tidak dapat dipercaya: tidak ditandatangani oleh sertifikat CA yang dipilih. Koneksi ditolak.');

    await pick('ca-kantor.crt', cas.officeCa);
    await expect.poll(() => checks.getByText('Dipakai: ca-kantor.crt').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect.poll(() => page.getByTestId('koneksi-hasil').textContent(), { timeout: 60_000 }).toBe('Koneksi berhasil. Basis data ini masih kosong: kantor baru akan dibuat di server ini.');
    await page.close();
  });
});
