import { describe, expect, it } from 'vitest';
import { browserApp, pickOption } from '../helpers/e2e';

describe('first start (browser mode, real main side)', () => {
  const { app, page } = browserApp({ office: false });

  it('refuses API calls without the per-run token', async () => {
    const response = await fetch(`${app.web.url}/api/admin.setupStatus`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    // A page on another host name pointed at 127.0.0.1 (DNS rebinding) is refused even with the token.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${app.web.url}/api/admin.setupStatus`, { method: 'POST', headers: { host: 'evil.example', 'x-dinsos-token': app.web.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('walks through the wizard, keeps what was typed across a validation error, and shows the office in the shell', async () => {
    await page.goto(app.web.openUrl);
    await expect.poll(() => page.getByText('Selamat datang di Dinsos Desk').isVisible()).toBe(true);
    // The token left the address bar once it was kept for the tab.
    expect(page.url()).not.toContain('token=');

    await page.getByRole('button', { name: 'Lanjut' }).click();
    await expect.poll(() => page.getByText('Pilih provinsi.').isVisible()).toBe(true);
    await pickOption(page, 'select-provinsi', 'kalimantan teng', 'Kalimantan Tengah');
    await pickOption(page, 'select-kabkota', 'kotawaringin timur', 'Kabupaten Kotawaringin Timur');
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await page.getByLabel('Nama instansi').fill('Dinas Sosial Kabupaten Kotawaringin Timur');
    await page.getByLabel('Alamat kantor').fill('Jl. Jenderal Sudirman Km. 5,5');
    await page.getByLabel('E-mail').fill('dinsos-kotim');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    // Invalid e-mail and missing city: stays on the step, shows the reasons, loses nothing.
    await expect.poll(() => page.getByText('Alamat e-mail tidak valid.').isVisible()).toBe(true);
    expect(await page.getByLabel('Alamat kantor').inputValue()).toBe('Jl. Jenderal Sudirman Km. 5,5');
    await page.getByLabel('E-mail').fill('dinsos@kotimkab.go.id');
    await page.getByLabel('Kota tempat surat dibuat').fill('Sampit');
    // Leaving the field clears its message; the button then stops moving before it is clicked.
    await page.getByLabel('Kota tempat surat dibuat').press('Tab');
    await expect.poll(() => page.getByText('Nama kota tempat surat dibuat wajib diisi', { exact: false }).count()).toBe(0);
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await page.getByLabel('Nama kepala dinas').fill('Drs. H. Ahmad Yani, M.Si');
    await page.getByLabel('NIP kepala dinas').fill('19680412 199303 1 007');
    await page.getByText('F4/Folio (215 × 330 mm)').click();
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
    await page.getByLabel('Kata sandi').fill('pendek');
    await page.getByRole('button', { name: 'Selesai' }).click();
    await expect.poll(() => page.getByText('Kata sandi minimal 10 karakter.').isVisible()).toBe(true);
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    // Going back shows the earlier steps as they were typed.
    await page.getByRole('button', { name: 'Kembali' }).click();
    expect(await page.getByLabel('NIP kepala dinas').inputValue()).toBe('19680412 199303 1 007');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.getByLabel('Kata sandi').inputValue()).toBe('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Selesai' }).click();

    await expect.poll(() => page.getByTestId('office-name').textContent(), { timeout: 15_000 }).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(await page.getByTestId('session-user').textContent()).toContain('Siti Rahmawati');
    for (const item of ['Beranda', 'Registri', 'Impor', 'Bantuan & Serah Terima', 'Rapat Operator', 'Intervensi', 'Ekspor & Laporan', 'Pengaturan']) {
      expect(await page.getByRole('navigation').getByText(item, { exact: true }).isVisible()).toBe(true);
    }
    await page.screenshot({ path: 'test-results/app-shell.png' });

    // What was typed is what the main side stored.
    const office = await app.core.db.selectFrom('office').select('profile_json').executeTakeFirstOrThrow();
    expect(JSON.parse(office.profile_json)).toMatchObject({ kabKotaKode: '62.02', kota: 'Sampit', kepalaNip: '196804121993031007', kertas: 'F4' });
  });

  it('signs out and back in, and edits the office in Pengaturan', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Masuk' }).isVisible()).toBe(true);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('salah-sekali-ini');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByText('Nama pengguna atau kata sandi salah.').isVisible()).toBe(true);
    await page.getByLabel('Kata sandi').fill('rahasia-kotim-2024');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByTestId('office-name').isVisible()).toBe(true);

    await page.getByRole('navigation').getByText('Pengaturan', { exact: true }).click();
    await page.getByRole('tab', { name: 'Kantor & logo' }).click();
    await page.getByLabel('Telepon').fill('(0531) 21050');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.getByText('Data kantor disimpan.').isVisible()).toBe(true);
    const office = await app.core.db.selectFrom('office').select('profile_json').executeTakeFirstOrThrow();
    expect(JSON.parse(office.profile_json).telepon).toBe('(0531) 21050');
  });
});
