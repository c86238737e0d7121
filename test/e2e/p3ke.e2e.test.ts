/**
 * Issue 21 in the browser: families registered from a P3KE download without No KK are listed by the registry's
 * "No KK belum diketahui" filter, their page shows the P3KE facts, the family form saves them without a No KK,
 * and typing the No KK of a registered family merges them into it (the page of that family opens).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/pipeline';
import { browserApp } from '../helpers/e2e';
import { DTKS_HEADERS, dtksRow, makeKeluarga, type FixtureKeluarga } from '../helpers/registryFixtures';
import { tempDir, writeXlsx } from '../helpers/xlsx';
import { importOptions } from '../integration/imports/importOptions';
import { p3keIndividuRows, p3keTitleRows, type P3keFamily } from '../integration/imports/p3keSheet';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

describe('P3KE families without No KK in the browser', () => {
  const fams: FixtureKeluarga[] = [];
  for (let i = 1; fams.length < 3; i++) {
    const k = makeKeluarga(i, 21);
    if (k.anggota.length >= 3) fams.push(k);
  }
  const [registered, p1k, p4k] = fams as [FixtureKeluarga, FixtureKeluarga, FixtureKeluarga];
  const p1: P3keFamily = { id: 'P6202000000101', k: p1k, desil: 1, anggota: p1k.anggota.map((a, i) => (i === 2 ? { ...a, stunting: true } : a)) };
  const p4: P3keFamily = { id: 'P6202000000104', k: p4k, desil: 2, anggota: p4k.anggota };

  const { app, page } = browserApp({
    seed: async ({ app }) => {
      const dir = await tempDir('dinsos-p3ke-e2e-');
      const dtks = await writeXlsx(join(dir, 'dtks.xlsx'), [{ name: 'DATA', rows: [[...DTKS_HEADERS], ...registered.anggota.map((a, n) => dtksRow(registered, a, n + 1))] }]);
      (await runImport(await importOptions(app.core, dtks, { fileName: 'dtks.xlsx', commit: true }))).rejected.dispose();
      const p3ke = await writeXlsx(join(dir, 'p3ke.xlsx'), [{ name: 'Data P3KE', rows: [...p3keTitleRows('Individu'), ...p3keIndividuRows([p1, p4])] }]);
      const result = await runImport(await importOptions(app.core, p3ke, { fileName: 'p3ke individu.xlsx', commit: true }));
      result.rejected.dispose();
      expect(result.counts.keluargaBaru).toBe(2);
    },
    menuLink: /Registri/,
  });

  it('filters the families without No KK, shows their P3KE facts, saves one without No KK and merges one by No KK', async () => {
    await page.goto(`${app.web.url}/#/registri`);
    const list = page.getByTestId('registry-list');
    await list.locator('[role=row]').first().waitFor();
    await page.getByTestId('filter-tanpa-kk').check();
    const expected = [...p1.anggota, ...p4.anggota].map((a) => a.nik).sort();
    await expect.poll(async () => (await list.locator('[role=row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-nik')))).sort()).toEqual(expected);
    await page.screenshot({ path: `${SHOTS}/p3ke-registry-tanpa-kk.png` });

    await list.locator(`[data-nik="${p1.anggota[0]!.nik}"]`).click();
    await page.getByTestId('keluarga-tanpa-kk').waitFor();
    const facts = await page.getByTestId('keluarga-p3ke').textContent();
    expect(facts).toContain(p1.id);
    expect(await page.getByText('No KK belum diketahui').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('anggota-table').textContent()).toContain('risiko stunting');
    await page.screenshot({ path: `${SHOTS}/p3ke-keluarga.png`, fullPage: true });

    // Saved without No KK (address corrected).
    await page.getByRole('button', { name: 'Ubah keluarga' }).click();
    const noKk = page.getByTestId('keluarga-nokk');
    await noKk.waitFor();
    expect(await noKk.inputValue()).toBe('');
    await page.screenshot({ path: `${SHOTS}/p3ke-keluarga-form.png` });
    const alamat = page.getByTestId('keluarga-alamat');
    await alamat.fill(`${p1.k.alamat} RT 3`);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect.poll(async () => (await app.core.db.selectFrom('keluarga').select('alamat').where('id_p3ke', '=', p1.id).executeTakeFirstOrThrow()).alamat).toBe(`${p1.k.alamat} RT 3`);

    // The registered family's No KK typed: merged into it, whose page opens.
    const into = await app.core.db.selectFrom('keluarga').select('id').where('no_kk', '=', registered.noKk).executeTakeFirstOrThrow();
    await page.getByRole('button', { name: 'Ubah keluarga' }).click();
    await page.getByTestId('keluarga-nokk').fill(registered.noKk);
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.waitForURL(new RegExp(`/registri/keluarga/${into.id}$`));
    await expect.poll(async () => page.getByTestId('anggota-table').locator(`[data-nik="${p1.anggota[0]!.nik}"]`).count()).toBe(1);
    expect(await page.getByTestId('keluarga-p3ke').textContent()).toContain(p1.id);
    await page.screenshot({ path: `${SHOTS}/p3ke-keluarga-digabung.png`, fullPage: true });
  });
});
