/**
 * Issue 19, in Chromium: Palangan's operator workbook comes back with a changed job, an emptied job, a child who
 * moved (date and reason) and a new member; "Terima lembar kerja" recognises it without any mapping, shows the changes per family
 * side by side, and "Terapkan perubahan" applies exactly those. Screenshot docs/lembar-kerja-terima.png.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { FileRef } from '../../shared/api/files';
import { ok } from '../helpers/core';
import { browserApp, pickFile } from '../helpers/e2e';
import { ROOT } from '../helpers/webApp';
import { tempDir } from '../helpers/xlsx';

const PALANGAN = '62.02.01.2003';
const HANJALIPAN = '62.02.01.2004';
const person = (nik: string, nama: string, hubungan: string, jenisKelamin: 'L' | 'P', tanggalLahir: string, pekerjaan: string) => ({ nik, nama, hubungan, jenisKelamin, tanggalLahir, pekerjaan, programs: ['PKH'] });

describe('taking an operator workbook back', () => {
  let file: string;
  let rapatId: number;

  const { app, page } = browserApp({
    seed: async ({ app, admin }) => {
      const k = await ok<{ keluargaId: number }>(admin, 'registry.createKeluarga', {
        keluarga: { noKk: '6202011203100001', alamat: 'Jl. Palangan 1', desaKode: PALANGAN },
        kepala: person('6202011203800001', 'Ahmad Rifai', 'Kepala Keluarga', 'L', '1980-03-12', 'Petani/Pekebun'),
      });
      await ok(admin, 'registry.addAnggota', { keluargaId: k.keluargaId, anggota: person('6202015503850002', 'Siti Aminah', 'Istri/Suami', 'P', '1985-03-15', 'Mengurus Rumah Tangga') });
      await ok(admin, 'registry.addAnggota', { keluargaId: k.keluargaId, anggota: person('6202011207100003', 'Rina Rifai', 'Anak', 'P', '2010-07-12', 'Pelajar/Mahasiswa') });
      const ref = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(app.core.services.outbox.get(ref.id).path);
      const ws = wb.getWorksheet('DATA')!;
      const col: Record<string, number> = {};
      ws.getRow(3).eachCell((c, i) => (col[String(c.value)] = i));
      ws.getCell(5, col.Pekerjaan!).value = 'Pedagang';
      // Ahmad's job emptied: cleared, shown as 'dikosongkan'.
      ws.getCell(4, col.Pekerjaan!).value = null;
      ws.getCell(6, col.Status!).value = 'Pindah';
      ws.getCell(6, col['Tanggal Status']!).value = new Date('2024-05-01T00:00:00Z');
      ws.getCell(6, col['Alasan Status']!).value = 'Ikut suami ke Sampit';
      const add: Record<string, ExcelJS.CellValue> = { 'No KK': '6202011203100001', NIK: '6202011408150006', Nama: 'Dimas Rifai', 'Hubungan Keluarga': 'Anak', 'Jenis Kelamin': 'Laki-laki', 'Tanggal Lahir': new Date('2015-08-14T00:00:00Z'), Alamat: 'Jl. Palangan 1', Kecamatan: 'Kota Besi', 'Desa/Kelurahan': 'Palangan' };
      for (const [h, v] of Object.entries(add)) ws.getCell(7, col[h]!).value = v;
      // A meeting of Kota Besi's operators (Palangan and Hanjalipan), whose follow-ups list the workbooks.
      await ok(admin, 'meetings.saveOperator', { nama: 'Rina Marlina', desaKode: PALANGAN, noHp: '081251234567' });
      await ok(admin, 'meetings.saveOperator', { nama: 'Agus Salim', desaKode: HANJALIPAN, noHp: '081251234568' });
      const rapat = await ok<{ id: number }>(admin, 'meetings.saveMeeting', {
        judul: 'Rapat Operator DTKS Kecamatan Kota Besi', jenis: 'operator_dtks', tanggal: '2024-05-20', jamMulai: '09:00', jamSelesai: '12:00', tempat: 'Aula Dinas Sosial',
        pimpinan: { nama: 'Drs. H. Ahmad Yani, M.Si', jabatan: 'Kepala Dinas Sosial', nip: '', pangkat: '' }, agenda: [{ judul: 'Pemutakhiran data DTKS' }],
      });
      rapatId = rapat.id;
      await ok(admin, 'meetings.inviteOperators', { rapatId, kecamatanKodes: ['62.02.01'] });
      file = join(await tempDir('dinsos-e2e-lk-'), 'Lembar kerja Palangan kembali.xlsx');
      await wb.xlsx.writeFile(file);
    },
    menuLink: /Impor/,
  });

  it('shows the changes per family without any mapping, then applies exactly those', async () => {
    await page.goto(`${app.web.url}/#/impor`);
    await page.getByTestId('ke-lembar-kerja').click();
    // The Impor page has a file input of its own: the file goes to the workbook page's picker once it is shown.
    await pickFile(page.getByTestId('lk-pilih'), file);
    await page.getByTestId('lk-laporan').waitFor({ timeout: 30_000 });
    const table = page.getByTestId('lk-perubahan');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('No KK 6202011203100001');
    expect(text).toContain('PekerjaanMengurus Rumah TanggaPedagang');
    expect(text).toContain('Ahmad Rifai (6202011203800001)PekerjaanPetani/Pekebundikosongkan');
    expect(text).toContain('Pindah sejak 01/05/2024: Ikut suami ke Sampit');
    expect(text).toContain('Dimas Rifai (6202011408150006)Anggota baru');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(ROOT, 'docs/lembar-kerja-terima.png'), fullPage: true });
    await page.getByTestId('lk-terapkan').click();
    await page.getByText(/Perubahan diterapkan \(impor #\d+\)/).waitFor({ timeout: 30_000 });
    const rows = (await sql<{ nik: string; pekerjaan: string | null; status: string }>`select nik, pekerjaan, status from anggota order by nik`.execute(app.core.db)).rows;
    expect(rows).toEqual([
      { nik: '6202011203800001', pekerjaan: null, status: 'aktif' },
      { nik: '6202011207100003', pekerjaan: 'Pelajar/Mahasiswa', status: 'pindah' },
      { nik: '6202011408150006', pekerjaan: null, status: 'aktif' },
      { nik: '6202015503850002', pekerjaan: 'Pedagang', status: 'aktif' },
    ]);
  });

  it("the meeting's follow-ups list which desa returned their workbook, and make the workbook of one that has none", async () => {
    await page.goto(`${app.web.url}/#/rapat/${rapatId}/notulen`);
    const list = page.getByTestId('lk-rapat');
    await list.waitFor({ timeout: 30_000 });
    // Palangan's workbook came back in the test above; Hanjalipan was never given one.
    await expect.poll(async () => (await list.textContent()) ?? '').toContain('1 dari 2 desa/kelurahan sudah mengembalikan lembar kerja');
    expect(await page.getByTestId(`lk-status-${PALANGAN}`).textContent()).toMatch(/^PalanganKota Besi\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2} WIB\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2} WIB$/);
    expect(await page.getByTestId(`lk-status-${HANJALIPAN}`).textContent()).toBe('HanjalipanKota BesiBelum dibuat–');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Buat lembar kerja Hanjalipan' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Lembar kerja Hanjalipan \d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect.poll(async () => (await page.getByTestId(`lk-status-${HANJALIPAN}`).textContent()) ?? '').toMatch(/^HanjalipanKota Besi\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2} WIBBelum kembali$/);
    await expect.poll(async () => (await list.textContent()) ?? '').toContain('1 dari 2 desa/kelurahan sudah mengembalikan lembar kerja; 1 belum kembali');
    await page.mouse.move(0, 0);
    await page.getByTestId('followup-table').locator('xpath=ancestor::div[contains(@class, "mantine-Paper-root")][1]').screenshot({ path: join(ROOT, 'docs/lembar-kerja-rapat.png') });
  });

  it('makes a desa’s workbook from the workbooks page, and a desa whose workbook came back is out again', async () => {
    await page.goto(`${app.web.url}/#/impor/lembar-kerja`);
    await page.getByTestId('lk-kecamatan').fill('Kota Be');
    await page.getByRole('option', { name: 'Kota Besi' }).click();
    await page.getByTestId('lk-desa').click();
    await page.getByRole('option', { name: 'Palangan' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lk-buat').click()]);
    expect(download.suggestedFilename()).toMatch(/^Lembar kerja Palangan \d{4}-\d{2}-\d{2}\.xlsx$/);
    // Made again after it came back: out again.
    await expect.poll(async () => (await page.getByTestId(`lk-status-${PALANGAN}`).textContent()) ?? '').toMatch(/^Palangan\d{2}\/\d{2}\/\d{4} \d{2}\.\d{2} WIBBelum kembali$/);
  });
});
