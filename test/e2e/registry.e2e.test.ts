import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { makeFamilies, makeNik, seedRegistry } from '../helpers/registryFixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

describe('the registry in the browser', () => {
  const families = makeFamilies(800, 21);
  const target = families[40]!;
  const head = target.anggota[0]!;

  const { app, page } = browserApp({ seed: ({ app }) => seedRegistry(app.core.db, 800, { seed: 21 }), menuLink: /Registri/ });

  it('lists people page by page and finds one by NIK prefix and by name', async () => {
    await page.goto(`${app.web.url}/#/registri`);
    const list = page.getByTestId('registry-list');
    await list.locator('[role=row]').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/p4-registry-list.png` });
    await page.getByTestId('registry-search').fill(head.nik.slice(0, 12));
    await expect.poll(async () => list.locator(`[data-nik="${head.nik}"]`).count()).toBe(1);
    const shown = await list.locator('[role=row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-nik')));
    expect(shown.every((n) => n?.startsWith(head.nik.slice(0, 12)))).toBe(true);
    await page.getByTestId('registry-search').fill(head.nama.toLowerCase());
    await expect.poll(async () => list.locator(`[data-nik="${head.nik}"]`).count()).toBe(1);

    // The family name alone finds people whose name has it as a later word.
    const surname = head.nama.split(' ').at(-1)!;
    await page.getByTestId('registry-search').fill(surname.toLowerCase());
    // The name is each row's second cell.
    const names = () => list.locator('[role=row] > span:nth-child(2)').evaluateAll((cells) => cells.map((c) => (c.firstChild?.textContent ?? '').toUpperCase()));
    const word = surname.toUpperCase();
    await expect.poll(async () => (await names()).length > 0 && (await names()).every((n) => n.split(' ').some((w) => w.startsWith(word)))).toBe(true);
    expect((await names()).some((n) => !n.startsWith(word))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p4-registry-surname.png` });
  });

  it('opens the family, rejects an invalid NIK inline, adds a member and lets another leave with a reason', async () => {
    await page.getByTestId('registry-list').locator(`[data-nik="${head.nik}"]`).click();
    await page.getByTestId('anggota-table').waitFor();
    expect(await page.getByTestId('anggota-table').textContent()).toContain(head.nama);

    await page.getByTestId('anggota-tambah').click();
    await page.getByTestId('anggota-nik').fill('6202051300100001');
    await page.getByTestId('anggota-nama').fill('Putri Kecil');
    await page.getByTestId('anggota-simpan').click();
    await expect.poll(() => page.getByText(/Bagian tanggal lahir NIK/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/p4-anggota-invalid.png` });

    const nik = makeNik(target.desa.kecamatanKode, '2019-07-03', 'P', 9001);
    await page.getByTestId('anggota-nik').fill(nik);
    await page.getByTestId('anggota-jk').click();
    await page.getByRole('option', { name: 'Perempuan' }).click();
    await page.getByTestId('anggota-hubungan').click();
    await page.getByRole('option', { name: 'Anak', exact: true }).click();
    await page.getByTestId('anggota-simpan').click();
    await page.screenshot({ path: `${SHOTS}/p4-anggota-after-save.png` });
    await page.locator(`[data-nik="${nik}"]`).waitFor();
    const added = await app.core.db.selectFrom('anggota').selectAll().where('nik', '=', nik).executeTakeFirstOrThrow();
    expect(added).toMatchObject({ nama: 'Putri Kecil', jenis_kelamin: 'P', hubungan: 'Anak' });

    await page.getByTestId(`status-${nik}`).click();
    await page.getByTestId('status-baru').click();
    await page.getByRole('option', { name: 'Pindah' }).click();
    await page.getByTestId('status-alasan').fill('Ikut orang tua pindah ke Kab. Seruyan');
    await page.getByTestId('status-simpan').click();
    await expect.poll(async () => (await page.locator(`[data-nik="${nik}"]`).textContent()) ?? '').toContain('Ikut orang tua pindah');
    const riwayat = page.getByTestId('riwayat');
    await expect.poll(async () => (await riwayat.textContent()) ?? '').toContain('Aktif → Pindah');
    await page.screenshot({ path: `${SHOTS}/p4-keluarga.png`, fullPage: true });
    const moved = await app.core.db.selectFrom('anggota').selectAll().where('nik', '=', nik).executeTakeFirstOrThrow();
    expect(moved.status).toBe('pindah');
    expect(moved.status_alasan).toBe('Ikut orang tua pindah ke Kab. Seruyan');
  });

  it('scans for possible duplicates and a "different people" verdict removes the pair from the list', async () => {
    // The same person entered twice with a mistyped NIK and name, in the same desa.
    const someone = await app.core.db.selectFrom('anggota').selectAll().where('nik', '=', head.nik).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await app.core.db.insertInto('anggota').values({ ...someone, id: undefined as never, nik: `${head.nik.slice(0, 12)}7777`, nama: `${someone.nama}x`, nama_key: `${someone.nama_key}x`, created_at: now, updated_at: now }).execute();
    await page.goto(`${app.web.url}/#/registri/duplikat`);
    await page.getByTestId('scan-duplikat').click();
    await page.getByText(/orang aktif diperiksa/).waitFor({ timeout: 30_000 });
    const pairs = page.getByTestId('pasangan-ganda');
    const card = pairs.filter({ hasText: `${head.nik.slice(0, 12)}7777` });
    await card.waitFor();
    await page.screenshot({ path: `${SHOTS}/p4-duplikat.png` });
    const before = await pairs.count();
    await card.getByRole('button', { name: 'Orang berbeda' }).click();
    await expect.poll(() => pairs.count()).toBe(before - 1);
    const decided = await app.core.db.selectFrom('duplikat_keputusan').selectAll().execute();
    expect(decided).toHaveLength(1);
    expect(decided[0]!.keputusan).toBe('beda');
  });
});

