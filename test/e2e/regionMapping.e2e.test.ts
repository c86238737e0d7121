/**
 * Issue 15, in Chromium: a DTKS sheet of Mentawa Baru Ketapang written as operators write it. "MB Ketapang" and
 * "Kel. Mentawa Baru Hulu" go in by themselves; the value-mapping step lists the typo'd desa and the unknown one
 * once each with their row counts and suggestions; the clerk maps the typo to the suggested desa for the whole
 * sheet and ticks "Ingat"; after the re-check only the unknown desa's rows are refused, the commit stores the
 * families in the mapped desa, and the spelling is remembered as the office's name.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile } from '../helpers/e2e';
import { DTKS_HEADERS, dtksRow, makeKeluarga, type FixtureKeluarga } from '../helpers/registryFixtures';
import { ROOT } from '../helpers/webApp';
import { tempDir, writeXlsx } from '../helpers/xlsx';

const PASIR_PUTIH = '62.02.06.1009';

function familiesIn(kecamatan: string, count: number): FixtureKeluarga[] {
  const out: FixtureKeluarga[] = [];
  for (let i = 0; out.length < count; i++) {
    const k = makeKeluarga(i, 11);
    if (k.desa.kecamatanKode === kecamatan && k.anggota.length >= 2) out.push(k);
  }
  return out;
}

const writtenAs = (k: FixtureKeluarga, kecamatanNama: string, nama: string): FixtureKeluarga => ({ ...k, desa: { ...k.desa, kecamatanNama, nama } });

describe('the value-mapping step of an import', () => {
  let file: string;
  const [f1, f2, f3, f4, f5] = familiesIn('62.02.06', 5) as [FixtureKeluarga, FixtureKeluarga, FixtureKeluarga, FixtureKeluarga, FixtureKeluarga];
  const typoRows = f3.anggota.length + f4.anggota.length;

  const { app, page } = browserApp({
    seed: async () => {
      const sheet = [
        writtenAs(f1, 'MB Ketapang', 'Ketapang'),
        writtenAs(f2, 'MB Ketapang', 'Kel. Mentawa Baru Hulu'),
        writtenAs(f3, 'MB Ketapang', 'Pasir Puti'),
        writtenAs(f4, 'MB Ketapang', 'Pasir Puti'),
        writtenAs(f5, 'MB Ketapang', 'Kampung Antah Berantah'),
      ];
      let no = 0;
      const rows = sheet.flatMap((k) => k.anggota.map((a) => dtksRow(k, a, ++no)));
      file = await writeXlsx(join(await tempDir('dinsos-e2e-peta-'), 'dtks mb ketapang.xlsx'), [{ name: 'DTKS', rows: [[...DTKS_HEADERS], ...rows] }]);
    },
    menuLink: /Impor/,
  });

  it('lists each unmatched value once with its rows and suggestions', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await pickFile(page.getByTestId('pick-file'), file);
    await page.getByTestId('count-data').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('count-new').textContent()).toBe(String(f1.anggota.length + f2.anggota.length));
    expect(await page.getByTestId('count-rejected').textContent()).toBe(String(typoRows + f5.anggota.length));
    const card = page.getByTestId('region-mapping');
    const typo = card.locator('tr[data-value="PASIR PUTI"]');
    expect(await typo.textContent()).toContain('MB KETAPANG');
    expect((await typo.locator('td').nth(2).textContent())?.trim()).toBe(String(typoRows));
    expect((await card.locator('tr[data-value="KAMPUNG ANTAH BERANTAH"] td').nth(2).textContent())?.trim()).toBe(String(f5.anggota.length));
    // "MB Ketapang" itself is no unmatched value: the short form was understood.
    expect(await card.locator('tr[data-value="MB KETAPANG"]').count()).toBe(0);

    await typo.locator('input[aria-label="Petakan PASIR PUTI"]').click();
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect(await options.first().textContent()).toMatch(/^Pasir Putih — Kec\. Mentawa Baru Ketapang \(\d+% mirip\)$/);
    await options.first().click();
    await page.getByLabel('Ingat PASIR PUTI').check();
    await page.mouse.move(0, 0);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(ROOT, 'docs/pemetaan-nilai.png') });
  });

  it('re-checks the whole sheet with the mapping: only the unknown desa is refused', async () => {
    await page.getByTestId('apply-region-mapping').click();
    const rejected = page.getByTestId('count-rejected');
    await page.waitForFunction((n) => document.querySelector('[data-testid="count-rejected"]')?.textContent === n, String(f5.anggota.length), { timeout: 30_000 });
    expect(await rejected.textContent()).toBe(String(f5.anggota.length));
    expect(await page.getByTestId('count-new').textContent()).toBe(String(f1.anggota.length + f2.anggota.length + typoRows));
    expect(await page.getByTestId('region-mapping-applied').textContent()).toContain('Pasir Putih');
    expect(await page.getByTestId('region-mapping').locator('tr[data-value="PASIR PUTI"]').count()).toBe(0);
    expect(await page.getByTestId('region-mapping').locator('tr[data-value="KAMPUNG ANTAH BERANTAH"]').count()).toBe(1);
  });

  it('commits the mapped rows into the chosen desa and remembers the spelling', async () => {
    await page.getByTestId('commit').click();
    await page.getByRole('button', { name: 'Simpan ke registri' }).click();
    await page.getByTestId('commit-done').waitFor({ timeout: 30_000 });
    const stored = await app.core.db.selectFrom('keluarga').select(['no_kk', 'desa_kode']).where('no_kk', 'in', [f3.noKk, f4.noKk, f5.noKk]).orderBy('no_kk').execute();
    expect(stored).toEqual([f3.noKk, f4.noKk].sort().map((no_kk) => ({ no_kk, desa_kode: PASIR_PUTIH })));
    const alias = await app.core.db.selectFrom('region_alias_kantor').select(['alias', 'kode']).execute();
    expect(alias).toEqual([{ alias: 'PASIR PUTI', kode: PASIR_PUTIH }]);
  });

  it('the admin sees the remembered name on "Nama wilayah diingat" and forgets it (audited)', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await page.getByRole('link', { name: 'Nama wilayah diingat' }).click();
    const table = page.getByTestId('tabel-nama-wilayah');
    await table.waitFor();
    const row = table.locator('tbody tr', { hasText: 'PASIR PUTI' });
    expect(await row.textContent()).toContain('Pasir Putih');
    expect(await row.textContent()).toContain('Kec. Mentawa Baru Ketapang');
    expect(await row.textContent()).toContain('admin');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(ROOT, 'docs/nama-wilayah-diingat.png') });
    await row.getByRole('button', { name: 'Lupakan' }).click();
    await page.getByTestId('lupakan-ya').click();
    await page.getByText('Belum ada nama yang diingat').waitFor();
    expect(await app.core.db.selectFrom('region_alias_kantor').selectAll().execute()).toEqual([]);
    const audit = await app.core.db.selectFrom('audit_log').select(['action', 'entity', 'before_json']).where('entity', '=', 'region_alias_kantor').execute();
    expect(audit.map((a) => a.action)).toContain('delete');
    expect(JSON.stringify(audit)).toContain('PASIR PUTI');
  });
});
