/**
 * Issue 18's "done means": two PCs of one office on one PostgreSQL — two app instances in browser mode (two
 * cores, each with its own data folder, as two PCs have), a clerk on PC A and an operator on PC B in two
 * Chromium pages. A family entered on PC A is found by a search on PC B; both open it, PC A saves an address,
 * and PC B's save on the copy it loaded before is refused with the row-version message, keeping PC A's; a
 * member PC B then adds shows on PC A after a refresh; a handover photo added on PC A shows on PC B.
 * Needs PostgreSQL's binaries (CI installs them: .ci/run) and the built renderer (npx electron-vite build).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PenyerahanDetail } from '../../shared/api/handovers';
import type { Program } from '../../shared/api/programs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPage } from '../helpers/browser';
import { kotimSetup, ok, setUpOffice } from '../helpers/core';
import { serverAndBrowser, signIn } from '../helpers/e2e';
import { makeFamilies, makeNik, newKeluargaInput } from '../helpers/registryFixtures';
import { uploadingClients } from '../helpers/uploads';
import { startOfficePc, type startTestApp } from '../helpers/webApp';
import { hasPostgres } from '../support/postgres';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
// CI installs PostgreSQL (.ci/run): there a missing server is a failure, not a skip.
const run = hasPostgres || process.env.CI === 'true';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe.runIf(run)('two PCs, two browsers, one office server (PostgreSQL)', () => {
  const { pg, browser, track } = serverAndBrowser();
  let pcA: App;
  let pcB: App;
  let pageA: Page;
  let pageB: Page;
  const k = makeFamilies(1, 18, 40_000)[0]!;
  const kepala = k.anggota[0]!;
  const operator = { username: 'rudi', password: 'rudi-rahasia-2024' };
  let keluargaId = 0;

  beforeAll(async () => {
    const url = await pg.createDatabase('kantor');
    pcA = track(await startOfficePc(url));
    const admin = await setUpOffice(pcA.core);
    await ok(admin, 'users.create', { nama: 'Rudi Hartono', username: operator.username, role: 'petugas', wilayah: [], password: operator.password });
    pcB = track(await startOfficePc(url));
    pageA = await newPage(browser);
    pageB = await newPage(browser);
    await signIn(pageA, pcA.web);
    await signIn(pageB, pcB.web, operator);
  }, 180_000);

  it('a family entered on PC A is found by a search on PC B', async () => {
    // The clerk on PC A enters the family (through PC A's core, the same call its form makes).
    const clerkA = pcA.core.createClient();
    await ok(clerkA, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const created = await ok<{ keluargaId: number }>(clerkA, 'registry.createKeluarga', newKeluargaInput(k));
    keluargaId = created.keluargaId;

    await pageB.goto(`${pcB.web.url}/#/registri`);
    const list = pageB.getByTestId('registry-list');
    await pageB.getByTestId('registry-search').fill(kepala.nik);
    await expect.poll(async () => list.locator(`[data-nik="${kepala.nik}"]`).count(), { timeout: 60_000 }).toBe(1);
    expect((await list.locator(`[data-nik="${kepala.nik}"]`).textContent())?.toUpperCase()).toContain(kepala.nama.toUpperCase());
    await pageB.screenshot({ path: `${SHOTS}/p3-office-server-search-b.png` });
  });

  it("PC B's save on the copy it loaded before PC A's save is refused with who changed it and when; PC A's address stays", async () => {
    const openForm = async (page: Page, app: App) => {
      await page.goto(`${app.web.url}/#/registri/keluarga/${keluargaId}`);
      await page.getByTestId('anggota-table').waitFor();
      await page.getByRole('button', { name: 'Ubah keluarga' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ubah data keluarga' });
      await dialog.getByTestId('keluarga-alamat').waitFor();
      return dialog;
    };
    // Both open the family's form.
    const formA = await openForm(pageA, pcA);
    const formB = await openForm(pageB, pcB);
    expect(await formB.getByTestId('keluarga-alamat').inputValue()).toBe('Jl. Tidar 12');

    // PC A saves first.
    await formA.getByTestId('keluarga-alamat').fill('Jl. Tidar 14');
    await formA.getByRole('button', { name: 'Simpan' }).click();
    await formA.waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(async () => (await pageA.textContent('body')) ?? '', { timeout: 60_000 }).toContain('Jl. Tidar 14');

    // PC B saves the copy it loaded: refused, the form stays open with what was typed.
    await formB.getByTestId('keluarga-alamat').fill('Jl. Tidar 16');
    await formB.getByRole('button', { name: 'Simpan' }).click();
    const refusal = formB.getByRole('alert');
    await expect.poll(async () => (await refusal.textContent()) ?? '', { timeout: 60_000 }).toMatch(/Data ini sudah diubah oleh Siti Rahmawati pada \d{2}\/\d{2}\/\d{4} pukul \d{2}[:.]\d{2} WIB; muat ulang/);
    expect(await formB.getByTestId('keluarga-alamat').inputValue()).toBe('Jl. Tidar 16');
    await pageB.screenshot({ path: `${SHOTS}/p3-office-server-conflict-b.png` });
    const stored = await pcB.core.db.selectFrom('keluarga').select('alamat').where('id', '=', keluargaId).executeTakeFirstOrThrow();
    expect(stored.alamat).toBe('Jl. Tidar 14');

    // After a refresh PC B sees PC A's address.
    await pageB.reload();
    await pageB.getByTestId('anggota-table').waitFor();
    await expect.poll(async () => (await pageB.textContent('body')) ?? '', { timeout: 60_000 }).toContain('Jl. Tidar 14');
  });

  it('a member the operator adds on PC B shows on PC A after a refresh', async () => {
    await pageB.getByTestId('anggota-tambah').click();
    const nik = makeNik(k.desa.kecamatanKode, '2019-07-03', 'P', 9001);
    await pageB.getByTestId('anggota-nik').fill(nik);
    await pageB.getByTestId('anggota-nama').fill('Putri Kecil');
    await pageB.getByTestId('anggota-jk').click();
    await pageB.getByRole('option', { name: 'Perempuan' }).click();
    await pageB.getByTestId('anggota-hubungan').click();
    await pageB.getByRole('option', { name: 'Anak', exact: true }).click();
    await pageB.getByTestId('anggota-simpan').click();
    await pageB.locator(`[data-nik="${nik}"]`).waitFor({ timeout: 60_000 });

    await pageA.reload();
    await pageA.getByTestId('anggota-table').waitFor();
    await expect.poll(async () => pageA.locator(`[data-nik="${nik}"]`).count(), { timeout: 60_000 }).toBe(1);
    expect(await pageA.locator(`[data-nik="${nik}"]`).textContent()).toContain('Putri Kecil');
    await pageA.screenshot({ path: `${SHOTS}/p3-office-server-member-a.png` });
  });

  it('a photo of a handover the clerk adds on PC A shows on PC B, whose own folder holds no file of it', async () => {
    const clerkA = uploadingClients({ createClient: () => pcA.core.createClient() }, () => pcA.core.paths.dataDir).createClient();
    await ok(clerkA, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const program = (await ok<Program[]>(clerkA, 'programs.list', {}))[0]!;
    const handover = await ok<PenyerahanDetail>(clerkA, 'handovers.create', {
      programId: program.id, tanggal: '2026-05-08', tempat: 'Aula Dinas Sosial', mode: 'kolektif',
      pertamaNama: 'Drs. H. Ahmad Yani, M.Si', pertamaNip: '196804121993031007', pertamaJabatan: 'Kepala Dinas Sosial', saksi: [],
    });
    await ok(clerkA, 'handovers.addPhoto', { penyerahanId: handover.id, keterangan: 'Penyerahan sembako', file: { fileName: 'IMG_2026.png', bytes: PNG } });

    await pageB.goto(`${pcB.web.url}/#/bantuan/serah-terima/${handover.id}`);
    const shown = pageB.getByTestId('photo-thumb').getByRole('img', { name: 'IMG_2026.png' });
    await shown.waitFor({ timeout: 60_000 });
    expect(await shown.getAttribute('src')).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    expect(existsSync(join(pcB.core.paths.attachmentsDir, 'foto-penyerahan'))).toBe(false);
    await pageB.screenshot({ path: `${SHOTS}/p3-office-server-photo-b.png` });
  });
});
