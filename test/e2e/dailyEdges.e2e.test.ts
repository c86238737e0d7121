import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/core';
import { browserApp, watchErrors } from '../helpers/e2e';
import { makeNik } from '../helpers/registryFixtures';

const NO_KK = '6202051203100011';

/** Rough edges of daily work, on a PC whose clock is set to UTC (as a fresh or borrowed laptop often is). */
describe('daily rough edges: office time, No KK search, backup warning, future meetings, badges, Keluar', () => {
  let keluargaId: number;
  const errors: string[] = [];
  // The main side's clock (history times); the browser keeps the real clock, in UTC.
  const clock = new Date('2024-06-01T03:00:00Z');

  const { page, admin, app } = browserApp({
    now: () => clock,
    seed: async ({ admin }) => {
      const created = await ok<{ keluargaId: number }>(admin, 'registry.createKeluarga', {
        keluarga: { noKk: NO_KK, alamat: 'Jl. Pelita', rt: '003', desaKode: '62.02.05.1003' },
        kepala: { nik: makeNik('62.02.05', '1980-03-12', 'L', 11), nama: 'Budi Santoso', jenisKelamin: 'L', tanggalLahir: '1980-03-12', hubungan: 'Kepala Keluarga', ibuKandung: 'Siti', programs: ['PKH'] },
      });
      keluargaId = created.keluargaId;
    },
    context: { timezoneId: 'UTC' },
    onPage: (page) => watchErrors(page, errors),
  });

  it("shows times in the office's zone (WIB in Kotim, WITA once the office is in Makassar), never the PC's UTC", async () => {
    await page.evaluate((id) => (location.hash = `#/registri/keluarga/${id}`), keluargaId);
    const riwayat = page.getByTestId('riwayat');
    await expect.poll(() => riwayat.textContent()).toContain('01/06/2024 10.00 WIB');
    expect(await riwayat.textContent()).not.toContain('03.00');

    const office = await ok<Record<string, unknown>>(admin, 'admin.getOffice');
    const { kopPemerintah: _k, provinsiNama: _p, kabKotaNama: _n, updatedAt: _u, ...profile } = office;
    await ok(admin, 'admin.saveOffice', { ...profile, provinsiKode: '73', kabKotaKode: '73.71' });
    await page.reload();
    await expect.poll(() => page.getByTestId('riwayat').textContent()).toContain('01/06/2024 11.00 WITA');
    await ok(admin, 'admin.saveOffice', profile);
    await page.reload();
    await page.getByTestId('riwayat').waitFor();
  });

  it('finds a family by its No KK, whole or the first digits, in the registry search', async () => {
    await page.evaluate(() => (location.hash = '#/registri'));
    const search = page.getByTestId('registry-search');
    const list = page.getByTestId('registry-list');
    for (const q of [NO_KK, NO_KK.slice(0, 12)]) {
      await search.fill(q);
      await expect.poll(() => list.textContent(), { message: q }).toContain('Budi Santoso');
    }
    await search.fill('6202059999');
    await expect.poll(() => list.textContent()).not.toContain('Budi Santoso');
  });

  it('warns on the dashboard while automatic backup is not active, until a backup folder is chosen', async () => {
    await page.evaluate(() => (location.hash = '#/'));
    const warning = page.getByTestId('peringatan-cadangan');
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('Folder cadangan belum dipilih');
    await page.screenshot({ path: 'test-results/beranda-peringatan-cadangan.png' });
    await warning.getByRole('link', { name: 'Atur cadangan' }).click();
    await expect.poll(() => page.url()).toContain('#/pengaturan/cadangan');

    const folder = mkdtempSync(join(tmpdir(), 'dinsos-cadangan-'));
    await ok(admin, 'backup.saveSettings', { folder, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
    await page.evaluate(() => (location.hash = '#/'));
    await page.reload();
    await page.getByTestId('stat-keluarga').waitFor();
    expect(await warning.count()).toBe(0);
  });

  it('a meeting still ahead cannot be ticked Selesai with its minutes; a held one can; badges are read whole', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const base = { jenis: 'operator_dtks', jamMulai: '09:00', tempat: 'Aula Dinas Sosial', pimpinan: { nama: 'Kepala Dinas Sosial', jabatan: 'Kepala Dinas Sosial' }, agenda: [{ judul: 'Pemutakhiran data' }] };
    const ahead = await ok<{ id: number }>(admin, 'meetings.saveMeeting', { ...base, judul: 'Rapat Operator Bulan Depan', tanggal: day(2) });
    const held = await ok<{ id: number }>(admin, 'meetings.saveMeeting', { ...base, judul: 'Rapat Operator Bulan Lalu', tanggal: '2024-05-02' });

    await page.evaluate((id) => (location.hash = `#/rapat/${id}/notulen`), ahead.id);
    const tick = page.getByLabel('Tandai rapat "Selesai"');
    await tick.waitFor();
    expect(await tick.isDisabled()).toBe(true);
    expect(await tick.isChecked()).toBe(false);
    expect(await page.getByText(/Rapat belum dimulai \(09:00 WIB/).isVisible()).toBe(true);

    await page.evaluate((id) => (location.hash = `#/rapat/${id}/notulen`), held.id);
    await expect.poll(() => tick.isDisabled()).toBe(false);
    expect(await tick.isChecked()).toBe(true);

    // A walk-in operator with a long name: the "not invited" badge beside the name keeps its whole label.
    await ok(admin, 'meetings.saveOperator', { nama: 'Hj. Siti Nurhalizah Rahmawati binti Abdul Rahman Al-Banjari Syamsuddin Noor, S.Sos., M.Si., M.AP.', nik: makeNik('62.02.06', '1990-03-12', 'P', 1), desaKode: '62.02.06.1003', noHp: '081251234567' });
    await ok(admin, 'meetings.addGuest', { rapatId: held.id, nama: 'Andi Baso', instansi: 'Bappelitbangda Kotim' });
    await page.evaluate((id) => (location.hash = `#/rapat/${id}/peserta`), held.id);
    await page.reload(); // the guest was added behind the page's back
    await page.getByTestId('quick-checkin').fill('nurhalizah');
    const badge = page.getByTestId('checkin-candidates').locator('.mantine-Badge-root');
    await badge.waitFor();
    const cut = await badge.evaluate((b) => [b, b.querySelector('.mantine-Badge-label')!].map((e) => e.scrollWidth - e.clientWidth));
    expect(cut.every((px) => px <= 1), `badge overflow ${cut.join(', ')} px`).toBe(true);
  });

  it('a page whose data cannot be read says so, instead of showing an empty list', async () => {
    // As a damaged database or a server refusing the read would answer: the programmes' table cannot be read.
    await sql`alter table program rename to program_rusak`.execute(app.core.db);
    try {
      await page.evaluate(() => (location.hash = '#/bantuan/program'));
      // In the table where the programmes would be, and once as a message: never "Belum ada program" or an endless "Memuat…".
      await expect.poll(() => page.getByTestId('table-error').textContent()).toContain('Data tidak dapat dimuat');
      await page.getByRole('alert').filter({ hasText: 'Data tidak dapat dimuat' }).first().waitFor();
      await page.screenshot({ path: 'test-results/data-tidak-dapat-dimuat.png' });
      expect(await page.getByText('Belum ada program', { exact: false }).count()).toBe(0);
      expect(await page.getByText('Memuat…').count()).toBe(0);
    } finally {
      await sql`alter table program_rusak rename to program`.execute(app.core.db);
    }
    // Its message stays 10 s over the header's "Keluar akun", which the next test hovers.
    await page.reload();
  });

  it('"Keluar akun" says it signs out and that the app stays open', async () => {
    const button = page.getByRole('button', { name: 'Keluar akun', exact: true });
    await button.hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toContain('aplikasi tetap terbuka');
    expect(errors).toEqual([]);
  });
});
