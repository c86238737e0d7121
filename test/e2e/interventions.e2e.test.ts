import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserApp } from '../helpers/e2e';
import { seedRegistry } from '../helpers/registryFixtures';

describe('Intervensi: OPD reference page, edit/delete with undo, mapping unknown kinds', () => {
  let person: { nik: string; nama: string };
  const { app, page } = browserApp({
    seed: async ({ app }) => {
      await seedRegistry(app.core.db, 40, { seed: 11 });
      person = await app.core.db.selectFrom('anggota').select(['nik', 'nama']).orderBy('id').executeTakeFirstOrThrow();
    },
  });

  const opdRow = (nama: string) => page.getByTestId('tabel-opd').locator(`tr[data-opd="${nama}"]`);

  it('lists the seeded OPD, adds one with an alias, and merges it into the agency it really is', async () => {
    await page.goto(`${app.web.url}/#/intervensi/opd`);
    await expect.poll(() => opdRow('Dinas Kesehatan').textContent()).toContain('Dinkes');
    expect(await opdRow('Dinas Perumahan dan Kawasan Permukiman').textContent()).toContain('Jamban sehat');

    await page.getByRole('button', { name: 'Tambah OPD' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama OPD').fill('Bidang Perumahan Rakyat');
    await dialog.getByLabel('Nama lain').fill('Bid. Perumahan');
    await dialog.getByLabel('Nama lain').press('Enter');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => opdRow('Bidang Perumahan Rakyat').textContent()).toContain('Bid. Perumahan');

    await page.getByRole('button', { name: 'Gabungkan Bidang Perumahan Rakyat' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Digabung ke').fill('Disperkim');
    await page.getByRole('option', { name: /Dinas Perumahan dan Kawasan Permukiman/ }).click();
    await dialog.getByRole('button', { name: 'Gabungkan' }).click();
    await expect.poll(() => opdRow('Bidang Perumahan Rakyat').count()).toBe(0);
    const merged = await opdRow('Dinas Perumahan dan Kawasan Permukiman').textContent();
    expect(merged).toContain('Bidang Perumahan Rakyat');
    expect(merged).toContain('Bid. Perumahan');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.mouse.move(0, 0);
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 2000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: 'docs/opd.png' });
    const audit = await app.core.db.selectFrom('audit_log').select('action').where('entity', '=', 'opd').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'merge']);
  });

  it('records by short name, then deletes and undoes the delete from the toast', async () => {
    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    await page.getByRole('button', { name: 'Catat intervensi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('NIK penerima').fill(person.nik);
    // The OPD and kind are picked from the reference lists (searched by short name), not typed.
    await dialog.getByLabel('OPD pemberi').fill('Dinkes');
    await page.getByRole('option', { name: 'Dinas Kesehatan (Dinkes)' }).click();
    await dialog.getByLabel('Jenis intervensi').fill('Imunisasi');
    await page.getByRole('option', { name: 'Imunisasi', exact: true }).click();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    const table = page.getByTestId('tabel-intervensi');
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Dinas Kesehatan');

    await page.getByRole('button', { name: `Hapus intervensi ${person.nama}` }).click();
    await expect.poll(() => page.getByText('Belum ada intervensi yang cocok').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(() => table.isVisible()).toBe(true);
    expect(await table.locator('tbody tr').first().textContent()).toContain(person.nama);
    const actions = await app.core.db.selectFrom('audit_log').select('action').where('entity', '=', 'intervensi').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'delete', 'undo']);
  });

  it('corrects the manual intervention (kind and value), then undoes the correction from the toast', async () => {
    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 2000 }).catch(() => undefined);
    const stored = () => app.core.db.selectFrom('intervensi').select(['jenis', 'nilai']).where('sumber', '=', 'manual').executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ jenis: 'Imunisasi', nilai: 0 });
    await page.getByRole('button', { name: `Ubah intervensi ${person.nama}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('NIK penerima').inputValue()).toBe(person.nik);
    await dialog.getByLabel('Jenis intervensi').click();
    await page.getByRole('option', { name: 'Pemeriksaan kesehatan', exact: true }).click();
    await dialog.getByLabel('Nilai (Rp)').fill('150000');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    const row = page.getByTestId('tabel-intervensi').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Pemeriksaan kesehatan');
    expect(await row.textContent()).toContain('150.000');
    expect(await stored()).toEqual({ jenis: 'Pemeriksaan kesehatan', nilai: 150_000 });

    await page.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(() => row.textContent()).toContain('Imunisasi');
    expect(await stored()).toEqual({ jenis: 'Imunisasi', nilai: 0 });
    const actions = await app.core.db.selectFrom('audit_log').select('action').where('entity', '=', 'intervensi').orderBy('id').execute();
    expect(actions.map((a) => a.action).slice(-2)).toEqual(['update', 'undo']);
  });

  it("maps a kind the agency's list names that the OPD does not know, once, then saves", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Daftar');
    ws.addRow(['DAFTAR PENERIMA BEASISWA 2026']);
    ws.addRow(['No', 'NIK', 'Nama', 'Jenis Bantuan', 'Tanggal', 'Nilai']);
    ws.addRow([1, person.nik, person.nama, 'Beasiswa Kurang Mampu', '15/02/2026', 1_000_000]);
    ws.getColumn(2).numFmt = '@';
    const dir = join(tmpdir(), `h8-e2e-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'beasiswa.xlsx');
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));

    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    // Toasts of an earlier step may sit over the toolbar: close them as a clerk would.
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 2000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: 'Impor daftar OPD' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('OPD pemberi').fill('Disdik');
    await page.getByRole('option', { name: /Dinas Pendidikan/ }).click();
    // A list without a kind column opens the mapping step in the dialog (no toast that vanishes), and it stays.
    const bad = join(dir, 'tanpa-jenis.csv');
    writeFileSync(bad, `NIK;Nama;Alamat\n${person.nik};${person.nama};Jl. Uji\n`);
    let chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Pilih berkas…' }).click();
    await (await chooser).setFiles(bad);
    await dialog.getByRole('button', { name: 'Periksa' }).click();
    await expect.poll(() => dialog.getByTestId('kolom-kurang').textContent()).toContain('Jenis intervensi, Tanggal');
    expect(await dialog.getByLabel('Kolom Alamat dibaca sebagai').inputValue()).toBe('— abaikan kolom ini —');
    await page.waitForTimeout(9000);
    expect(await dialog.getByTestId('kolom-kurang').isVisible()).toBe(true);

    chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'tanpa-jenis.csv' }).click();
    await (await chooser).setFiles(file);
    await dialog.getByRole('button', { name: 'Periksa' }).click();
    const mapping = dialog.getByTestId('pemetaan-jenis');
    await expect.poll(() => mapping.isVisible()).toBe(true);
    expect(await mapping.textContent()).toContain('Beasiswa Kurang Mampu');
    await dialog.getByLabel('Petakan Beasiswa Kurang Mampu').click();
    await page.getByRole('option', { name: 'Beasiswa', exact: true }).click();
    await dialog.getByRole('button', { name: 'Periksa' }).click();
    await expect.poll(() => dialog.getByTestId('intervensi-preview').textContent()).toContain('1 siap disimpan');
    await dialog.getByRole('button', { name: 'Simpan 1 baris' }).click();
    await expect.poll(async () => (await app.core.db.selectFrom('intervensi').select(['opd', 'jenis']).where('sumber', '=', 'impor').execute()).length).toBe(1);
    const saved = await app.core.db.selectFrom('intervensi').select(['opd', 'jenis']).where('sumber', '=', 'impor').executeTakeFirstOrThrow();
    expect(saved).toEqual({ opd: 'Dinas Pendidikan', jenis: 'Beasiswa' });
  });

  it("maps an agency list's unusual headers on the registry import's mapping screen, previews, saves, and gives the bad row back", async () => {
    const [a, b] = await app.core.db.selectFrom('anggota').select(['nik', 'nama']).orderBy('id').offset(1).limit(2).execute();
    const unregistered = '6202011212900009';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Realisasi');
    ws.addRow(['REALISASI JAMBAN SEHAT TA 2026']);
    ws.addRow(['No.', 'No. Induk Kependudukan', 'Instansi', 'Bentuk Dukungan', 'Tgl Realisasi', 'Pagu']);
    ws.addRow([1, a!.nik, 'Disperkim', 'Jamban Sehat', '03/02/2026', 2_000_000]);
    ws.addRow([2, b!.nik, 'Disperkim', 'Jamban Sehat', '03/02/2026', 2_000_000]);
    ws.addRow([3, unregistered, 'Disperkim', 'Jamban Sehat', '04/02/2026', 2_000_000]);
    ws.getColumn(2).numFmt = '@';
    const dir = join(tmpdir(), `b2-e2e-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'realisasi jamban.xlsx');
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.web.url}/#/intervensi/daftar`);
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click({ timeout: 2000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: 'Impor daftar OPD' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('OPD pemberi').fill('Disperkim');
    await page.getByRole('option', { name: /Dinas Perumahan dan Kawasan Permukiman/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Pilih berkas…' }).click();
    await (await chooser).setFiles(file);
    await dialog.getByRole('button', { name: 'Periksa' }).click();

    // No header names the NIK, the kind or the date: the mapping screen opens on the header row under the title.
    await expect.poll(() => dialog.getByTestId('kolom-kurang').textContent()).toContain('NIK penerima, Jenis intervensi, Tanggal');
    expect(await dialog.getByTestId('intervensi-kolom').textContent()).toContain('judul kolom di baris 2');
    expect(await dialog.getByTestId('intervensi-preview').count()).toBe(0);
    const pick = async (header: string, label: string) => {
      const select = dialog.getByLabel(`Kolom ${header} dibaca sebagai`);
      await select.click();
      await page.getByRole('option', { name: label, exact: true }).click();
    };
    await pick('No. Induk Kependudukan', 'NIK penerima');
    await pick('Bentuk Dukungan', 'Jenis intervensi');
    await pick('Tgl Realisasi', 'Tanggal');
    await pick('Pagu', 'Nilai (Rp)');
    expect(await dialog.getByLabel('Kolom Instansi dibaca sebagai').inputValue()).toBe('— abaikan kolom ini —');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: 'docs/intervensi-pemetaan-kolom.png' });

    await dialog.getByRole('button', { name: 'Periksa ulang dengan pemetaan ini' }).click();
    await expect.poll(() => dialog.getByTestId('intervensi-preview').textContent()).toBe('3 baris dibaca: 2 siap disimpan, 1 ditolak.');
    expect(await dialog.getByTestId('kolom-kurang').count()).toBe(0);
    const refused = await dialog.getByTestId('problem-rows').textContent();
    expect(refused).toContain('Baris 5');
    expect(refused).toContain(`NIK ${unregistered} tidak terdaftar di registri.`);
    await dialog.getByTestId('problem-rows').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.E2E_SHOTS ?? '/tmp'}/intervensi-pratinjau.png` });

    // The rejected-rows file: the registry import's, every column as read plus the reason.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('unduh-ditolak').click()]);
    expect(download.suggestedFilename()).toBe('realisasi jamban - baris ditolak.xlsx');
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = out.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).values).toEqual([undefined, 'No.', 'No. Induk Kependudukan', 'Instansi', 'Bentuk Dukungan', 'Tgl Realisasi', 'Pagu', 'Baris Asal', 'Keterangan Kesalahan']);
    expect(sheet.getRow(2).values).toEqual([undefined, 3, unregistered, 'Disperkim', 'Jamban Sehat', '04/02/2026', 2_000_000, 5, `NIK ${unregistered} tidak terdaftar di registri.`]);

    await dialog.getByRole('button', { name: 'Simpan 2 baris' }).click();
    await expect.poll(() => dialog.getByTestId('intervensi-preview').textContent()).toBe('2 baris disimpan. 1 baris ditolak dan tidak disimpan.');
    const saved = await app.core.db
      .selectFrom('intervensi as i')
      .innerJoin('anggota as p', 'p.id', 'i.anggota_id')
      .select(['p.nik', 'i.opd', 'i.jenis', 'i.tanggal', 'i.nilai'])
      .where('i.sumber', '=', 'impor')
      .where('i.opd', '=', 'Dinas Perumahan dan Kawasan Permukiman')
      .orderBy('p.nik')
      .execute();
    expect(saved).toEqual(
      [a!.nik, b!.nik].sort().map((nik) => ({ nik, opd: 'Dinas Perumahan dan Kawasan Permukiman', jenis: 'Jamban sehat', tanggal: '2026-02-03', nilai: 2_000_000 })),
    );
  });
});
