/**
 * Issue 18 in the set-up wizard: PC A's first start asks where the data lives ("Satu komputer" preselected),
 * the admin picks "Server kantor", tests the connection (a wrong password answered, then an empty database), and
 * sets the office up there; PC B's first start joins that office (told so before saving) and goes straight to
 * sign-in with PC A's admin account. Pengaturan › Koneksi basis data then shows the server, never the password.
 * Two app instances in browser mode, each with its own data folder and no --db, on a throw-away cluster whose
 * user logs in with a password. Needs PostgreSQL's binaries and the built renderer (npx electron-vite build).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPage } from '../helpers/browser';
import { connectionFile, fakeSecrets, passwordUser } from '../helpers/connection';
import { pickOption, serverAndBrowser, signIn } from '../helpers/e2e';
import { startTestApp } from '../helpers/webApp';
import { hasPostgres } from '../support/postgres';

const SHOTS = process.env.E2E_SHOTS ?? join(tmpdir(), 'dinsos-shots');
const run = hasPostgres || process.env.CI === 'true';
const PASSWORD = 'Sandi-Server#2026';
const OFFICE = 'Dinas Sosial Kabupaten Kotawaringin Timur';

/** The wizard's first step with "Server kantor" chosen and the throw-away server's fields typed in. */
async function typeServer(page: Page, port: number, password: string) {
  const step = page.getByTestId('koneksi-mode');
  await step.waitFor();
  await step.getByLabel('Server kantor').check();
  const form = page.getByTestId('koneksi-server');
  await form.getByLabel('Host').fill('127.0.0.1');
  await form.getByLabel('Port').fill(String(port));
  await form.getByLabel('Nama basis data').fill('dinsos_kantor');
  await form.getByLabel('Pengguna').fill('kantor');
  await form.getByLabel('Sandi').fill(password);
}

describe.runIf(run)('choosing the office server in the set-up wizard (two PCs, browser mode)', () => {
  const { pg, browser, track } = serverAndBrowser();
  let port: number;
  const pcDir = () => mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  let dirA = '';

  beforeAll(async () => {
    port = Number(new URL(pg.url('postgres')).port);
    await passwordUser(pg, 'kantor', PASSWORD, 'dinsos_kantor');
  });

  it('PC A: "Satu komputer" is preselected; "Server kantor" is tested and chosen, and the office is set up on the server', async () => {
    dirA = pcDir();
    const pcA = await startTestApp({ pc: { dataDir: dirA, secrets: fakeSecrets } });
    track(pcA);
    const page = await newPage(browser);
    await page.goto(pcA.web.openUrl);
    const mode = page.getByTestId('koneksi-mode');
    await mode.waitFor();
    expect(await mode.getByLabel('Satu komputer').isChecked()).toBe(true);

    await typeServer(page, port, 'sandi-yang-salah');
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect.poll(() => page.getByTestId('koneksi-hasil').textContent(), { timeout: 60_000 }).toBe('Server menolak pengguna "kantor" atau sandinya. Periksa nama pengguna dan sandi basis data.');
    await page.getByTestId('koneksi-server').getByLabel('Sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect.poll(() => page.getByTestId('koneksi-hasil').textContent(), { timeout: 60_000 }).toBe('Koneksi berhasil. Basis data ini masih kosong: kantor baru akan dibuat di server ini.');
    await page.screenshot({ path: `${SHOTS}/q-wizard-koneksi.png`, fullPage: true });

    await page.getByRole('button', { name: 'Simpan & lanjut' }).click();
    // The office steps follow, on the server now.
    await expect.poll(() => page.getByText('Pilih provinsi dan kabupaten/kota').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(pcA.core.paths.dbPath.startsWith('postgres://')).toBe(true);
    await pickOption(page, 'select-provinsi', 'kalimantan teng', 'Kalimantan Tengah');
    await pickOption(page, 'select-kabkota', 'kotawaringin timur', 'Kabupaten Kotawaringin Timur');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Nama instansi').fill(OFFICE);
    await page.getByLabel('Alamat kantor').fill('Jl. Jenderal Sudirman Km. 5,5');
    await page.getByLabel('Kota tempat surat dibuat').fill('Sampit');
    await page.getByLabel('Kota tempat surat dibuat').press('Tab');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Nama kepala dinas').fill('Drs. H. Ahmad Yani, M.Si');
    await page.getByText('F4/Folio (215 × 330 mm)').click();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Selesai' }).click();
    await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 60_000 }).toBe(OFFICE);

    // The office and its admin are on the server; this PC keeps only the choice, without the password.
    expect(await pg.query<{ username: string }>('select username from app_user', 'dinsos_kantor')).toEqual([{ username: 'admin' }]);
    expect(connectionFile(dirA)).not.toContain(PASSWORD);
    await page.close();
  });

  it('PC B: is told it will join the office, joins it without a second set-up, and signs in with PC A\'s admin', async () => {
    const pcB = await startTestApp({ pc: { dataDir: pcDir(), secrets: fakeSecrets } });
    track(pcB);
    const page = await newPage(browser);
    await page.goto(pcB.web.openUrl);
    await typeServer(page, port, PASSWORD);
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await expect.poll(() => page.getByTestId('koneksi-hasil').textContent(), { timeout: 60_000 }).toBe(
      `Koneksi berhasil. Server ini sudah berisi kantor ${OFFICE}: komputer ini akan bergabung dengan kantor ${OFFICE}.`,
    );
    await page.getByRole('button', { name: 'Simpan & lanjut' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByText('Pilih provinsi dan kabupaten/kota').count()).toBe(0);
    await signIn(page, pcB.web);
    expect(await page.getByTestId('office-name').textContent()).toBe(OFFICE);

    // Pengaturan › Koneksi basis data: the server named, the password nowhere on the page.
    await page.getByRole('navigation').getByText('Pengaturan', { exact: true }).click();
    await page.getByRole('tab', { name: 'Koneksi basis data' }).click();
    const now = page.getByTestId('koneksi-sekarang');
    await now.waitFor();
    await expect.poll(() => now.textContent(), { timeout: 60_000 }).toBe(`Saat ini: Server kantor: basis data "dinsos_kantor" di 127.0.0.1:${port}, pengguna kantor.`);
    await expect.poll(() => page.getByTestId('koneksi-mode').getByLabel('Server kantor').isChecked()).toBe(true);
    expect(await page.getByTestId('koneksi-server').getByLabel('Sandi').inputValue()).toBe('');
    expect(await page.content()).not.toContain(PASSWORD);
    await page.screenshot({ path: `${SHOTS}/q-pengaturan-koneksi.png`, fullPage: true });

    // Changing it asks first.
    await page.getByTestId('koneksi-mode').getByLabel('Satu komputer').check();
    await page.getByTestId('koneksi-simpan').click();
    const dialog = page.getByRole('dialog', { name: 'Pindah basis data?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Aplikasi di komputer ini akan memakai basis data di komputer ini (Satu komputer).');
    await page.waitForTimeout(400); // the modal's fade-in, for the screenshot only
    await page.screenshot({ path: `${SHOTS}/q-pengaturan-konfirmasi.png` });
    await dialog.getByRole('button', { name: 'Batal' }).click();
    expect(pcB.core.paths.dbPath.startsWith('postgres://')).toBe(true);
  });
});
