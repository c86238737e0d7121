import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';

describe('Beranda and Intervensi in the browser', () => {
  const { app, page } = browserApp({ seed: ({ app }) => seedRegistry(app.core.db, 400, { seed: 7 }) });

  const count = async (sql: (db: typeof app.core.db) => Promise<{ n: number | string | bigint }>) => Number((await sql(app.core.db)).n);

  it('shows the counts officials ask about, equal to what the registry holds, and opens the list behind a number', async () => {
    const keluarga = await count((db) => db.selectFrom('keluarga').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as never);
    const ekstrem = await count((db) => db.selectFrom('keluarga').where('miskin_ekstrem', '=', 1).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as never);
    const jiwa = await count((db) => db.selectFrom('anggota').where('status', '=', 'aktif').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as never);
    await page.goto(`${app.web.url}/#/`);
    const stat = (id: string) => page.getByTestId(id).locator('p').nth(1).textContent();
    await expect.poll(() => stat('stat-keluarga')).toBe(keluarga.toLocaleString('id-ID'));
    expect(await stat('stat-jiwa')).toBe(jiwa.toLocaleString('id-ID'));
    expect(await stat('stat-ekstrem')).toBe(ekstrem.toLocaleString('id-ID'));
    expect(await page.getByTestId('tabel-kecamatan').locator('tbody tr').count()).toBe(17);
    await page.screenshot({ path: 'test-results/beranda.png' });

    await page.getByTestId('stat-ekstrem').click();
    await expect.poll(() => page.url()).toContain('/registri?ekstrem=1');
    expect(await page.locator('input').and(page.getByLabel('Miskin ekstrem')).inputValue()).toBe('Ya');
  });

  it('records an intervention through the form and lists the extreme-poor families still unreached', async () => {
    const person = await app.core.db
      .selectFrom('anggota as a')
      .innerJoin('keluarga as k', 'k.id', 'a.keluarga_id')
      .where('k.miskin_ekstrem', '=', 1)
      .select(['a.nik', 'a.nama', 'k.id'])
      .executeTakeFirstOrThrow();
    const ekstrem = await count((db) => db.selectFrom('keluarga').where('miskin_ekstrem', '=', 1).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as never);

    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    await page.getByRole('button', { name: 'Catat intervensi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('NIK penerima').fill('6202');
    await dialog.getByLabel('OPD pemberi').fill('Dinkes');
    await page.getByRole('option', { name: 'Dinas Kesehatan (Dinkes)' }).click();
    await dialog.getByLabel('Jenis intervensi').fill('Imunisasi');
    await page.getByRole('option', { name: 'Imunisasi', exact: true }).click();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => dialog.getByText('NIK harus 16 angka.').isVisible()).toBe(true);
    await dialog.getByLabel('NIK penerima').fill(person.nik);
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.getByTestId('tabel-intervensi').getByText(person.nama).isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Miskin ekstrem belum tersentuh' }).click();
    await expect.poll(() => page.getByText(`${(ekstrem - 1).toLocaleString('id-ID')} keluarga miskin ekstrem belum menerima`).isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/intervensi.png' });
  });
});
