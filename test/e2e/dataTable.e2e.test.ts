import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';

/** The lists' one table in a real browser: sorting by a header, and hiding a column for good through "Kolom". */
describe('DataTable in the browser', () => {
  const { app, page } = browserApp({ seed: ({ app }) => seedRegistry(app.core.db, 400, { seed: 7 }) });

  const table = () => page.getByTestId('tabel-kecamatan');
  const headers = async () => (await table().locator('thead th').allTextContents()).map((h) => h.trim());
  /** The numbers of one column, top to bottom ("1.234" read as 1234). */
  const column = async (n: number) => (await table().locator(`tbody tr td:nth-child(${n})`).allTextContents()).map((t) => Number(t.replace(/\./g, '')));

  it('sorts Per kecamatan by a header, both ways', async () => {
    await page.goto(`${app.web.url}/#/`);
    await table().waitFor();
    expect(await headers()).toEqual(['Kecamatan', 'Keluarga', '', 'Jiwa', 'Desil 1–4', 'Miskin ekstrem', 'Ekstrem tanpa intervensi']);
    const sortBy = table().getByRole('button', { name: 'Jiwa', exact: true });
    const th = table().locator('th', { hasText: 'Jiwa' });
    expect(await th.getAttribute('aria-sort')).toBe('none');
    await sortBy.click();
    await expect.poll(() => th.getAttribute('aria-sort')).not.toBe('none');
    const firstWay = await th.getAttribute('aria-sort');
    const jiwa = await column(4);
    expect(jiwa).toHaveLength(17);
    expect(jiwa).toEqual([...jiwa].sort((a, b) => (firstWay === 'ascending' ? a - b : b - a)));
    await sortBy.click();
    const otherWay = firstWay === 'ascending' ? 'descending' : 'ascending';
    await expect.poll(() => th.getAttribute('aria-sort')).toBe(otherWay);
    expect(await column(4)).toEqual([...jiwa].sort((a, b) => (otherWay === 'ascending' ? a - b : b - a)));
  });

  it('hides a column chosen in "Kolom", keeps it hidden after a reload, and shows it again', async () => {
    await table().waitFor();
    const menu = page.getByTestId('kolom-menu');
    await menu.click();
    await page.getByTestId('kolom-jiwa').click();
    await expect.poll(headers).toEqual(['Kecamatan', 'Keluarga', '', 'Desil 1–4', 'Miskin ekstrem', 'Ekstrem tanpa intervensi']);
    expect(await table().locator('tbody tr').first().locator('td').count()).toBe(6);
    await page.keyboard.press('Escape');
    expect(await menu.textContent()).toBe('Kolom (1 disembunyikan)');

    await page.reload();
    await table().waitFor();
    expect(await headers()).not.toContain('Jiwa');

    // Another table keeps its own columns.
    await page.goto(`${app.web.url}/#/intervensi/belum-tersentuh`);
    const gaps = page.getByTestId('tabel-belum-tersentuh');
    await gaps.waitFor();
    expect((await gaps.locator('thead th').allTextContents()).map((h) => h.trim())).toEqual(['Kecamatan', 'Desa/Kel.', 'No KK', 'Kepala keluarga', 'Desil', 'Jiwa']);

    await page.goto(`${app.web.url}/#/`);
    await table().waitFor();
    await page.getByTestId('kolom-menu').click();
    await page.getByTestId('kolom-jiwa').click();
    await expect.poll(headers).toContain('Jiwa');
    expect(await page.getByTestId('kolom-menu').textContent()).toBe('Kolom');
  });
});
