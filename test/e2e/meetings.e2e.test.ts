import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatTanggal, isoToday } from '../../shared/domain/tanggal';
import { browserApp } from '../helpers/e2e';
import { pdfText } from '../helpers/pdf';
import { nik } from '../integration/meetings/fixtures';
import { headerRow, xlsxBytes } from '../helpers/xlsx';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';

function shiftIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function selectOption(page: Page, testId: string, typed: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function typeDate(input: Locator, iso: string) {
  await input.click();
  await input.fill(formatTanggal(iso));
  // Enter would submit the form around the field; the typed date is taken on leaving it.
  await input.press('Tab');
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync((await file.path())!);
}

const OPERATORS = [
  { nama: 'Rina Marlina', nik: nik(1), kec: 'Mentawa Baru Ketapang', desa: 'Ketapang', hp: '0812-5123-4567' },
  { nama: 'Agus Salim', nik: nik(2), kec: 'Mentawa Baru Ketapang', desa: 'Sawahan', hp: '+62 812 5123 4568' },
  { nama: 'Joko Susilo', nik: nik(3), kec: 'Mentaya Hilir Utara', desa: 'Pondok Damar', hp: '081251234569' },
  { nama: 'Yanti Rahayu', nik: nik(4, true), kec: 'Mentaya Hilir Utara', desa: 'Bagendang Hilir', hp: '081251234570' },
];

describe('DTKS operator meeting from directory to recap (browser mode)', () => {
  const today = isoToday();
  const consoleProblems: string[] = [];
  const { app, page } = browserApp({
    onPage: (page) =>
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') consoleProblems.push(msg.text().slice(0, 300));
      }),
    afterSignIn: (page) => page.getByText('Rapat Operator').first().waitFor(),
  });

  it('adds operators for two kecamatan through the form', async () => {
    await page.goto(`${app.web.url}/#/rapat/operator`);
    await page.getByText('Belum ada operator').waitFor();
    for (const o of OPERATORS) {
      await page.getByRole('button', { name: 'Tambah operator' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nama lengkap').fill(o.nama);
      await dialog.getByLabel('NIK').fill(o.nik);
      await selectOption(page, 'operator-kecamatan', o.kec.slice(0, 10), o.kec);
      await selectOption(page, 'operator-desa', o.desa, new RegExp(`${o.desa}$`));
      await dialog.getByLabel('No. HP/WhatsApp').fill(o.hp);
      if (o === OPERATORS[0]) {
        // Inline validation before anything is sent.
        await dialog.getByLabel('No. HP/WhatsApp').fill('12');
        await dialog.getByRole('button', { name: 'Simpan' }).click();
        await dialog.getByText('Nomor HP tidak dikenali').waitFor();
        await page.screenshot({ path: `${SHOTS}/p6-operator-form-error.png` });
        await dialog.getByLabel('No. HP/WhatsApp').fill(o.hp);
      }
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const table = page.getByTestId('operator-table');
    await page.screenshot({ path: `${SHOTS}/p6-operators-before.png` });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 5000 }).toBe(4);
    await expect.poll(() => table.textContent()).toContain('081251234568');
    await page.screenshot({ path: `${SHOTS}/p6-operators.png` });

    await page.getByText('Desa tanpa operator aktif').click();
    await expect.poll(() => page.getByTestId('coverage-summary').textContent()).toMatch(/^\d+ dari \d+ desa\/kelurahan belum memiliki operator aktif/);
    const summary = (await page.getByTestId('coverage-summary').textContent())!;
    await page.screenshot({ path: `${SHOTS}/p6-coverage.png` });
    const [tanpa, total] = summary.match(/\d+/g)!.map(Number);
    expect(total! - tanpa!).toBe(4);
  });

  it('imports more operators from Excel, listing the rejected row with its number first', async () => {
    await page.getByText('Daftar operator', { exact: true }).click();
    const bytes = await xlsxBytes([
      {
        name: 'Operator Kota Besi',
        rows: [
          ['DAFTAR OPERATOR DTKS KECAMATAN KOTA BESI'],
          [],
          headerRow(['No', 'Nama Operator', 'NIK', 'Kecamatan', 'Desa', 'No HP/WA']),
          [1, 'Sutrisno', nik(21), 'Kota Besi', 'Palangan', '0811 5200 0021'],
          [2, 'Wati', nik(22, true), 'Kota Besi', 'Desa Entah Dimana', '0811 5200 0022'],
        ],
      },
    ]);
    await page.getByRole('button', { name: 'Impor Excel' }).click();
    await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({ name: 'operator kota besi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
    const rejected = page.getByTestId('import-rejected');
    await rejected.waitFor();
    expect(await rejected.locator('tbody tr').count()).toBe(1);
    expect(await rejected.locator('tbody tr').first().textContent()).toMatch(/^5Wati.*Desa Entah Dimana.*tidak dikenal/);
    await page.screenshot({ path: `${SHOTS}/p6-import-preview.png` });
    // No plain import while a row is rejected: the user must agree to import the valid row only.
    expect(await page.getByRole('button', { name: /^Impor 1 baris$/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Impor 1 baris yang valid saja' }).click();
    await page.getByRole('button', { name: 'Impor baris yang valid' }).click();
    await page.getByText('Impor selesai: 1 operator baru, 0 diperbarui.').waitFor();
    const table = page.getByTestId('operator-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 5000 }).toBe(5);
    expect(await table.textContent()).toContain('081152000021');
    expect(await page.getByTestId('last-import').textContent()).toContain('1 operator baru');
    // A wrong import can be undone (after confirmation), then done again.
    await page.getByTestId('last-import').getByRole('button', { name: 'Batalkan impor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Batalkan impor' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 5000 }).toBe(4);
    await page.getByRole('button', { name: 'Impor Excel' }).click();
    await page.getByRole('dialog').locator('input[type="file"]').setInputFiles({ name: 'operator kota besi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
    await page.getByTestId('import-rejected').waitFor();
    await page.getByRole('button', { name: 'Impor 1 baris yang valid saja' }).click();
    await page.getByRole('button', { name: 'Impor baris yang valid' }).click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 5000 }).toBe(5);

    // The directory exported back as Excel keeps the NIK as text.
    const exported = await download(page, () => page.getByRole('button', { name: 'Ekspor Excel' }).click());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Operator')!;
    const names: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 4) names.push(row.getCell(5).value);
    });
    expect(names).toEqual(['Sutrisno', 'Rina Marlina', 'Agus Salim', 'Joko Susilo', 'Yanti Rahayu']);
    expect(ws.getRow(5).getCell(6).value).toBe(nik(21));
  });

  it('plans a meeting, invites the two kecamatan and a guest, and marks attendance', async () => {
    await page.getByRole('tab', { name: 'Rapat', exact: true }).click();
    await page.getByRole('link', { name: 'Jadwalkan rapat' }).click();
    await page.getByLabel('Judul rapat').fill('Rapat Pertemuan Operator DTKS Desa/Kelurahan');
    await typeDate(page.getByTestId('tanggal-rapat'), today);
    // 07:00 WIB is 00:00 UTC: on the test machine's date the meeting has always begun on the office's clock, so
    // its minutes may mark it Selesai whatever the hour the test runs.
    await page.getByLabel('Jam mulai').fill('07:00');
    await page.getByLabel('Jam selesai').fill('12:00');
    await page.getByLabel('Tempat').fill('Aula Dinas Sosial Kab. Kotawaringin Timur');
    await page.getByLabel('Agenda 1', { exact: true }).fill('Pemutakhiran data DTKS');
    await page.getByRole('button', { name: 'Tambah agenda' }).click();
    await page.getByLabel('Agenda 2', { exact: true }).fill('Usulan peserta PBI-JK');
    await page.screenshot({ path: `${SHOTS}/p6-meeting-form.png` });
    await page.getByRole('button', { name: 'Simpan rapat' }).click();
    await page.getByRole('tab', { name: 'Peserta & kehadiran' }).waitFor();

    await page.getByRole('button', { name: 'Undang operator' }).click();
    const dialog = page.getByRole('dialog');
    for (const kec of ['Mentawa Baru Ketapang', 'Mentaya Hilir Utara']) {
      await page.getByTestId('invite-kecamatan').fill(kec.slice(0, 9));
      await page.getByRole('option', { name: kec }).click();
    }
    await page.getByTestId('invite-kecamatan').press('Escape');
    await dialog.getByRole('button', { name: /Undang operator 2 kecamatan/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Tambah peserta lain' }).click();
    await page.getByRole('dialog').getByLabel('Nama').fill('Hj. Nurhayati');
    await page.getByRole('dialog').getByLabel('Instansi/unsur').fill('Bappelitbangda Kotim');
    await page.getByRole('dialog').getByLabel('Jabatan').fill('Kabid Sosial Budaya');
    await page.getByRole('dialog').getByRole('button', { name: 'Tambahkan' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const rows = page.getByTestId('participant-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);

    // Quick entry by NIK, then by name.
    const quick = page.getByTestId('quick-checkin');
    await quick.fill(OPERATORS[0]!.nik);
    await page.getByTestId('checkin-candidates').getByText('Rina Marlina').waitFor();
    await quick.press('Enter');
    await expect.poll(() => page.getByTestId('attendance-counts').textContent()).toContain('Hadir: 1');
    expect(await page.getByLabel('Jam datang Rina Marlina').inputValue()).toMatch(/^\d\d:\d\d$/);
    await quick.fill('joko');
    await page.getByTestId('checkin-candidates').getByText('Joko Susilo').waitFor();
    await quick.press('Enter');
    await expect.poll(() => page.getByTestId('attendance-counts').textContent()).toContain('Hadir: 2');
    // Izin for Agus, tidak hadir for Yanti, present for the guest.
    await rows.filter({ hasText: 'Agus Salim' }).getByText('Izin', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-counts').textContent()).toContain('Izin: 1');
    await rows.filter({ hasText: 'Yanti Rahayu' }).getByText('Tidak', { exact: true }).click();
    await rows.filter({ hasText: 'Hj. Nurhayati' }).getByText('Hadir', { exact: true }).click();
    await expect.poll(() => page.getByTestId('attendance-counts').textContent()).toMatch(/Hadir: 3.*Izin: 1.*Tidak hadir: 1.*Belum dicatat: 0/);
    const rekap = page.getByTestId('rekap-desa');
    await expect.poll(() => rekap.textContent()).toMatch(/Kec. Mentawa Baru Ketapang1\/\d+ desa/);
    expect(await rekap.textContent()).toMatch(/Tidak terwakili: .*Sawahan/);
    await page.screenshot({ path: `${SHOTS}/p6-attendance.png` });
  });

  it('writes minutes with two follow-ups, one overdue', async () => {
    await page.getByRole('tab', { name: 'Notulen & tindak lanjut' }).click();
    await page.getByRole('textbox', { name: 'Notulis', exact: true }).fill('Dewi Lestari, S.E.');
    await page.getByRole('textbox', { name: 'Jabatan notulis' }).fill('Analis Data Kesejahteraan Sosial');
    await page.getByLabel('Pembahasan agenda 1').fill('Operator melaporkan kendala akses SIKS-NG.\n\nBanyak data ganda di Kelurahan Ketapang.');
    await page.getByLabel('Keputusan agenda 1').fill('Verifikasi data ganda paling lambat akhir bulan\nOperator melapor tiap minggu');
    await page.getByLabel('Pembahasan agenda 2').fill('Usulan PBI-JK dikumpulkan lewat kecamatan.');
    await page.getByRole('button', { name: 'Simpan notulen' }).click();
    await page.getByText('Notulen disimpan.').waitFor();

    const followUps: [string, string, string][] = [
      ['Verifikasi data ganda Kelurahan Ketapang', 'Rina Marlina', shiftIso(today, -1)],
      ['Rekap usulan PBI-JK per kecamatan', 'Bidang Linjamsos', shiftIso(today, 14)],
    ];
    for (const [uraian, pj, batas] of followUps) {
      await page.getByRole('button', { name: 'Tambah tindak lanjut' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Tindak lanjut', exact: true }).fill(uraian);
      await dialog.getByRole('textbox', { name: 'Penanggung jawab', exact: true }).fill(pj);
      await typeDate(dialog.getByTestId('batas-waktu'), batas);
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    const table = page.getByTestId('followup-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => table.locator('tr[data-terlambat="ya"]').textContent()).toContain('Verifikasi data ganda');
    await page.screenshot({ path: `${SHOTS}/p6-minutes.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Tindak lanjut' }).first().click();
    await page.getByText('1 tindak lanjut melewati batas waktu.').waitFor();
    await page.screenshot({ path: `${SHOTS}/p6-followups.png` });
    await page.goBack();
  });

  it('numbers the invitation once and shows it with the invitee list', async () => {
    await page.getByRole('tab', { name: 'Surat undangan' }).click();
    await page.getByRole('button', { name: 'Simpan & beri nomor' }).click();
    const saved = page.getByText(/^Undangan disimpan dengan nomor /);
    await saved.waitFor();
    const nomor = (await saved.textContent())!.replace(/^Undangan disimpan dengan nomor /, '').replace(/\.$/, '');
    expect(nomor).toMatch(new RegExp(today.slice(0, 4)));
    // Saving goes on to the documents tab; show the letter.
    await page.getByTestId('document-kind').getByText('Undangan').click();
    const letter = page.frameLocator('[data-testid="document-preview"]');
    await letter.getByText(nomor).first().waitFor();
    await letter.getByText('DAFTAR UNDANGAN').waitFor();
    await letter.getByText('Bappelitbangda Kotim').waitFor();
    await page.screenshot({ path: `${SHOTS}/p6-undangan.png` });
  });

  it('prints the daftar hadir to PDF with every participant and the chair', async () => {
    await page.getByRole('tab', { name: 'Cetak dokumen' }).click();
    await page.getByTestId('document-kind').getByText('Daftar hadir').click();
    await page.getByTestId('document-preview').waitFor();
    // Printing from the browser prints the preview and is recorded like a desktop print.
    await page.getByRole('button', { name: 'Cetak' }).click();
    await expect
      .poll(async () => (await app.core.db.selectFrom('audit_log').select('after_json').where('entity', '=', 'rapat_dokumen').where('action', '=', 'print').execute()).map((r) => JSON.parse(r.after_json!)))
      .toEqual([expect.objectContaining({ kind: 'daftarHadir', via: 'pratinjau' })]);
    await page.screenshot({ path: `${SHOTS}/p6-documents.png` });
    const pdf = await download(page, () => page.getByRole('button', { name: 'Simpan PDF' }).click());
    const text = pdfText(pdf);
    expect(text).toContain('DAFTAR HADIR');
    expect(text).toContain('Rapat Pertemuan Operator DTKS Desa/Kelurahan');
    for (const o of OPERATORS) expect(text).toContain(o.nama);
    expect(text).toContain('Hj. Nurhayati');
    expect(text).toContain('081251234568');
    expect(text).toMatch(/Mengetahui,\s+Kepala Dinas Sosial/);
    expect(text).toContain('NIP. 19680412 199303 1 007');
    expect(text).toContain(`Sampit, ${formatTanggalLong(today)}`);
  });

  it('left no React or script errors in the console along the way', () => {
    // (A missing favicon is the browser's own request, not the app's.)
    expect(consoleProblems.filter((m) => !m.startsWith('Failed to load resource'))).toEqual([]);
  });

  it('exports the attendance recap and its cells say which villages came', async () => {
    await page.goto(`${app.web.url}/#/rapat/rekap`);
    await page.getByTestId('rekap-summary').waitFor();
    expect(await page.getByTestId('rekap-summary').textContent()).toMatch(/1 rapat .* 2 desa diundang tetapi tidak pernah hadir/);
    await page.screenshot({ path: `${SHOTS}/p6-recap.png` });
    const bytes = await download(page, () => page.getByRole('button', { name: 'Ekspor Excel' }).click());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Per Desa')!;
    const byDesa = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 4) byDesa.set(String(row.getCell(3).value), row);
    });
    const cells = (desa: string) => {
      const r = byDesa.get(desa)!;
      return { diundang: r.getCell(6).value, hadir: r.getCell(7).value, izin: r.getCell(8).value, tidak: r.getCell(9).value, ket: r.getCell(11).value, rapat: r.getCell(12).value };
    };
    expect(cells('Ketapang')).toEqual({ diundang: 1, hadir: 1, izin: 0, tidak: 0, ket: 'Selalu hadir', rapat: 'H' });
    expect(cells('Sawahan')).toMatchObject({ diundang: 1, hadir: 0, izin: 1, ket: 'Tidak pernah hadir', rapat: 'I' });
    expect(cells('Bagendang Hilir')).toMatchObject({ diundang: 1, hadir: 0, tidak: 1, ket: 'Tidak pernah hadir', rapat: 'T' });
    expect(cells('Natai Baru')).toMatchObject({ diundang: 0, ket: 'Belum ada operator aktif', rapat: '-' });
    const peserta = wb.getWorksheet('Peserta')!;
    let rina: ExcelJS.Row | null = null;
    peserta.eachRow((row) => {
      if (row.getCell(5).value === 'Rina Marlina') rina = row;
    });
    expect(rina).not.toBeNull();
    expect(rina!.getCell(6).value).toBe(OPERATORS[0]!.nik);
    expect(rina!.getCell(6).numFmt).toBe('@');
    expect(rina!.getCell(11).value).toBe('Hadir');
  });
});

function formatTanggalLong(iso: string): string {
  const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${bulan[m! - 1]} ${y}`;
}
