/**
 * Issue 15: the manual intervention form picks the OPD from the reference list (no free text: a name nobody
 * entered on the OPD page cannot become an agency) and offers only that OPD's kinds; the admin gives a kind other
 * names on the OPD page, and a manual entry or a list then uses them.
 */
import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';

describe('Intervensi: OPD picker and other names of kinds (browser mode)', () => {
  let person: { nik: string; nama: string };
  const { app, page } = browserApp({
    seed: async ({ app }) => {
      await seedRegistry(app.core.db, 10, { seed: 5 });
      person = await app.core.db.selectFrom('anggota').select(['nik', 'nama']).orderBy('id').executeTakeFirstOrThrow();
    },
  });

  it('the admin gives a kind other names on the OPD page', async () => {
    await page.goto(`${app.web.url}/#/intervensi/opd`);
    const row = page.getByTestId('tabel-opd').locator('tr[data-opd="Dinas Perumahan dan Kawasan Permukiman"]');
    await row.getByTestId('jenis-badge').filter({ hasText: 'Bedah rumah (RTLH)' }).click();
    const dialog = page.getByRole('dialog');
    for (const alias of ['RTLH', 'Rehab Rumah']) {
      await dialog.getByLabel('Nama lain').fill(alias);
      await dialog.getByLabel('Nama lain').press('Enter');
    }
    await dialog.getByTestId('jenis-simpan').click();
    await expect.poll(() => row.getByTestId('jenis-badge').filter({ hasText: 'Bedah rumah (RTLH)' }).textContent()).toBe('Bedah rumah (RTLH) +2');
    const kind = await app.core.db.selectFrom('jenis_alias').select('label').orderBy('label').execute();
    expect(kind.map((k) => k.label).sort()).toEqual(['RTLH', 'Rehab Rumah'].sort());
  });

  it('the form offers only agencies of the reference list and only the chosen agency’s kinds', async () => {
    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    await page.getByRole('button', { name: 'Catat intervensi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('NIK penerima').fill(person.nik);
    expect(await dialog.getByLabel('Jenis intervensi').isDisabled()).toBe(true);

    // A name nobody entered is no option, and leaving the field keeps no free text.
    await dialog.getByLabel('OPD pemberi').fill('Dinas Entah Berantah');
    await expect.poll(() => page.getByText('Tidak ada di Referensi OPD').isVisible()).toBe(true);
    await dialog.getByLabel('NIK penerima').click();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => dialog.getByText('OPD wajib diisi.').isVisible()).toBe(true);

    await dialog.getByLabel('OPD pemberi').fill('Disdik');
    await page.getByRole('option', { name: 'Dinas Pendidikan (Disdik)' }).click();
    await dialog.getByLabel('Jenis intervensi').click();
    const disdikKinds = await page.getByRole('option').allTextContents();
    expect(disdikKinds.sort()).toEqual(['Beasiswa', 'Program Indonesia Pintar (PIP)', 'Seragam dan perlengkapan sekolah']);
    await page.getByRole('option', { name: 'Beasiswa', exact: true }).click();

    // Another agency: the kind of the first is cleared, the list is the new agency's.
    await dialog.getByLabel('OPD pemberi').fill('Perkim');
    await page.getByRole('option', { name: 'Dinas Perumahan dan Kawasan Permukiman (Disperkim)' }).click();
    expect(await dialog.getByLabel('Jenis intervensi').inputValue()).toBe('');
    await dialog.getByLabel('Jenis intervensi').click();
    expect((await page.getByRole('option').allTextContents()).sort()).toEqual(['Air bersih', 'Bedah rumah (RTLH)', 'Jamban sehat', 'Sambungan listrik']);
    await page.getByRole('option', { name: 'Bedah rumah (RTLH)' }).click();
    await dialog.getByRole('button', { name: 'Simpan' }).click();

    const table = page.getByTestId('tabel-intervensi');
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Bedah rumah (RTLH)');
    const rows = await app.core.db.selectFrom('intervensi').select(['opd', 'jenis', 'sumber']).execute();
    expect(rows).toEqual([{ opd: 'Dinas Perumahan dan Kawasan Permukiman', jenis: 'Bedah rumah (RTLH)', sumber: 'manual' }]);
    expect(await app.core.db.selectFrom('opd').select('id').where('nama', 'like', '%Entah%').execute()).toEqual([]);
  });
});
