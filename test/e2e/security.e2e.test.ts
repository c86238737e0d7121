import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage } from '../helpers/browser';
import { ok } from '../helpers/core';
import { browserApp } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';

const SHOTS = process.env.E2E_SHOTS;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

describe('accounts, roles, audit, backup and the lock screen (browser mode, real main side)', () => {
  let clockOffset = 0;
  let operatorKec: { kode: string; nama: string; anggota: number };

  const { app, browser } = browserApp({
    now: () => new Date(Date.now() + clockOffset),
    seed: async ({ app, admin }) => {
      await seedRegistry(app.core.db, 400, { seed: 8 });
      // The operator's kecamatan: the one with most people, so the list has rows to look at.
      const top = await app.core.db
        .selectFrom('anggota')
        .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
        .innerJoin('region', 'region.kode', 'keluarga.kecamatan_kode')
        .select(['keluarga.kecamatan_kode as kode', 'region.nama as nama', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['keluarga.kecamatan_kode', 'region.nama'])
        .orderBy('n', 'desc')
        .executeTakeFirstOrThrow();
      operatorKec = { kode: top.kode, nama: top.nama, anggota: Number(top.n) };
      await ok(admin, 'users.create', { nama: 'Rudi Operator', username: 'rudi', role: 'operator', wilayah: [operatorKec.kode], password: 'operator-rudi-2024' });
    },
    page: false,
  });

  async function login(page: Page, username: string, password: string) {
    await page.goto(app.web.openUrl);
    // Browser mode has one main-side session for the whole server: sign out whoever the previous test left.
    const signedIn = page.getByTestId('session-user');
    const loginField = page.getByLabel('Nama pengguna');
    await expect.poll(async () => (await signedIn.isVisible()) || (await loginField.isVisible())).toBe(true);
    if (await signedIn.isVisible()) await page.getByRole('button', { name: 'Keluar' }).click();
    await loginField.fill(username);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByTestId('session-user').isVisible()).toBe(true);
  }

  it('an operator sees only the families of their kecamatan and is refused an export, even calling the API directly', async () => {
    const page = await newPage(browser);
    await login(page, 'rudi', 'operator-rudi-2024');
    await page.goto(`${app.web.url}/#/registri`);
    const rows = page.locator('.registry-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const places = await rows.evaluateAll((els) => els.map((e) => (e.children[4]?.textContent ?? '').split('/').pop()!.trim()));
    expect(new Set(places)).toEqual(new Set([operatorKec.nama]));
    await expect.poll(() => page.getByText(`orang dalam`).first().textContent()).toContain(`${operatorKec.anggota.toLocaleString('id-ID')} orang`);
    await shot(page, 'operator-registri');

    // No export entry in the navigation, and no Pengaturan tabs beyond the own account.
    await expect.poll(() => page.getByRole('link', { name: 'Ekspor & Laporan' }).count()).toBe(0);
    await page.goto(`${app.web.url}/#/pengaturan`);
    await expect.poll(() => page.getByRole('tab').allTextContents()).toEqual(['Akun saya']);

    // A renderer that ignored the hidden buttons is still refused by the main side.
    const refused = await page.evaluate(async () => {
      const token = sessionStorage.getItem('dinsos-token') ?? '';
      const call = async (name: string, input: unknown) => {
        const r = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dinsos-token': token }, body: JSON.stringify({ input }) });
        return ((await r.json()) as { ok: boolean; error?: { code: string; message: string } });
      };
      return [await call('exports.options', undefined), await call('audit.export', {}), await call('users.list', undefined)];
    });
    expect(refused.map((r) => r.error?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(refused[0]?.error?.message).toBe('Peran Anda tidak memiliki izin untuk tindakan ini.');
    await page.context().close();
  });

  it('admin: creates a user in Pengguna, sees it in the Log Audit, backs up, restores, and signs in again', async () => {
    const page = await newPage(browser);
    await login(page, 'admin', 'rahasia-kotim-2024');
    await page.goto(`${app.web.url}/#/pengaturan/pengguna`);
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama lengkap').fill('Dra. Hj. Norhayati');
    await dialog.getByLabel('Nama pengguna').fill('norhayati');
    await page.getByTestId('role-select').click();
    await page.getByRole('option', { name: /^Pimpinan/ }).click();
    await dialog.getByLabel('Kata sandi awal').fill('pendek');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => dialog.getByText('Kata sandi minimal 10 karakter.').isVisible()).toBe(true);
    await dialog.getByLabel('Kata sandi awal').fill('pimpinan-kotim-1');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.getByTestId('user-norhayati').textContent()).toContain('Pimpinan');
    await shot(page, 'pengguna');

    await page.getByRole('tab', { name: 'Log Audit' }).click();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('norhayati');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Tambah');
    await shot(page, 'audit');

    const folder = mkdtempSync(join(tmpdir(), 'dinsos-e2e-cadangan-'));
    await page.getByRole('tab', { name: 'Cadangan & Pemulihan' }).click();
    await page.getByLabel('Folder cadangan').fill(folder);
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Cadangkan sekarang' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await expect.poll(() => page.getByText(/lolos pemeriksaan/).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => readdirSync(folder).filter((f) => f.endsWith('.dsbak')).length).toBe(1);
    await shot(page, 'cadangan');

    // A change after the backup, which the restore takes back.
    const admin = app.core.createClient();
    await admin.call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const late = await admin.call('users.create', { nama: 'Dibuat Setelah Cadangan', username: 'terlambat', role: 'petugas', wilayah: [], password: 'petugas-kotim-99' });
    expect(late.ok).toBe(true);

    await page.reload();
    await page.getByTestId('backup-list').getByRole('button', { name: 'Pulihkan…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Pulihkan data dari cadangan?' });
    await expect.poll(() => confirm.textContent()).toContain('Berkas cadangan valid dan utuh');
    await shot(page, 'pulihkan-konfirmasi');
    expect(await confirm.getByRole('button', { name: 'Pulihkan sekarang' }).isDisabled()).toBe(true);
    await confirm.getByLabel('Saya mengerti').check();
    await confirm.getByRole('button', { name: 'Pulihkan sekarang' }).click();

    await expect.poll(() => page.getByTestId('restored-notice').isVisible(), { timeout: 20_000 }).toBe(true);
    await shot(page, 'setelah-pulih');
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.goto(`${app.web.url}/#/pengaturan/pengguna`);
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('norhayati');
    expect(await page.getByTestId('users-table').textContent()).not.toContain('terlambat');
    await page.context().close();
  });

  it('after 15 idle minutes the screen locks, keeps what was typed, and unlocks with the password', async () => {
    const page = await newPage(browser);
    await login(page, 'admin', 'rahasia-kotim-2024');
    await page.goto(`${app.web.url}/#/pengaturan/audit`);
    await page.getByLabel('Cari').fill('sebelum-terkunci');
    clockOffset += 16 * 60 * 1000; // the main side's clock: more than IDLE_LOCK_MS later
    await page.getByLabel('Cari').fill('sebelum-terkunci-2'); // the next call finds the session expired
    await expect.poll(() => page.getByTestId('lock-screen').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'terkunci');
    const lock = page.getByTestId('lock-screen');
    await lock.getByLabel('Kata sandi').fill('salah-sandi-123');
    await lock.getByRole('button', { name: 'Buka kunci' }).click();
    await expect.poll(() => lock.getByText('Nama pengguna atau kata sandi salah.').isVisible()).toBe(true);
    await lock.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await lock.getByRole('button', { name: 'Buka kunci' }).click();
    await expect.poll(() => page.getByTestId('lock-screen').count()).toBe(0);
    expect(await page.getByLabel('Cari').inputValue()).toBe('sebelum-terkunci-2');
    expect(page.url()).toContain('#/pengaturan/audit');
    await page.context().close();
  });
});
