import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserApp, pickFile, typeDate } from '../helpers/e2e';
import { pdfInfo, pdfPages, pdfText } from '../helpers/pdf';
import { ORANG, seedPeople } from '../integration/handovers/fixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
const mm = (n: number) => (n / 25.4) * 72;
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function pick(page: Page, testId: string, text: string, option: string | RegExp) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function savePdf(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-pdf').click()]);
  return readFileSync((await download.path())!);
}

describe('aid request → approval → handover → printed BAST and daftar tanda terima (browser mode)', () => {
  const { app, page } = browserApp({
    seed: ({ app }) => seedPeople(app.core),
    afterSignIn: (page) => page.getByText('Bantuan & Serah Terima').first().waitFor(),
  });

  it('creates a programme', async () => {
    await page.goto(`${app.web.url}/#/bantuan/program`);
    await page.getByTestId('program-new').click();
    await page.getByTestId('program-nama').fill('Kaki Palsu Bawah Lutut');
    await page.getByTestId('program-nilai').fill('3250000');
    await page.getByTestId('program-simpan').click();
    await expect.poll(() => page.getByRole('cell', { name: 'Kaki Palsu Bawah Lutut', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Rp 3.250.000 / unit').first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p5-programs.png` });
  });

  it('records a prosthetic-leg request and takes it from application to approval', async () => {
    await page.getByTestId('tab-permohonan').click();
    await page.getByTestId('request-new').click();
    await page.getByTestId('person-search').fill('sutris');
    await page.getByTestId('person-result').first().getByRole('button', { name: 'Pilih' }).click();
    await expect.poll(() => page.getByTestId('pemohon-terpilih').textContent()).toContain(ORANG[0]!.nik);
    await pick(page, 'request-program', 'kaki palsu bawah', /Kaki Palsu Bawah Lutut/);
    await choose(page, 'request-pembawa', 'TKSK');
    await page.getByTestId('request-pembawa-nama').fill('Yuliani (TKSK Kec. Kota Besi)');
    for (const d of ['Surat permohonan', 'Fotokopi KTP', 'Fotokopi KK', 'SKTM']) await page.getByLabel(d).check();
    await page.getByTestId('request-kebutuhan').fill('Kaki palsu bawah lutut kanan');
    await page.screenshot({ path: `${SHOTS}/p5-request-new.png` });
    await page.getByTestId('request-save').click();

    await page.getByTestId('request-verify').click();
    await page.getByTestId('verify-asesmen').fill('Amputasi bawah lutut kanan; ukuran soket 26 cm; kondisi puntung baik');
    await page.getByTestId('verify-save').click();
    await expect.poll(() => page.getByText('Diverifikasi (asesmen)').first().isVisible()).toBe(true);
    await page.getByTestId('request-approve').click();
    await page.getByTestId('approve-sk').fill('460/77/SK-DINSOS/IV/2026');
    await page.getByTestId('approve-save').click();
    await expect.poll(() => page.getByText('460/77/SK-DINSOS/IV/2026').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Disetujui', { exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p5-request-approved.png` });
  });

  it('creates a handover with three recipients and prints the collective BAST and the daftar tanda terima to PDF', async () => {
    await page.getByTestId('request-handover').click();
    await page.getByText('Satu BAST kolektif').click();
    await typeDate(page, 'handover-tanggal', '08/05/2026');
    await page.getByTestId('handover-tempat').fill('Aula Dinas Sosial Kabupaten Kotawaringin Timur, Sampit');
    await page.getByTestId('handover-sk-nomor').fill('460/125/SK-DINSOS/IV/2026');
    await typeDate(page, 'handover-sk-tanggal', '29/04/2026');
    await page.getByTestId('handover-sk-tentang').fill('Penetapan Penerima Bantuan Alat Bantu Penyandang Disabilitas Tahun 2026');
    await page.getByTestId('handover-pertama-nama').fill('Hj. Rina Kartika, S.Sos');
    await page.getByTestId('handover-pertama-nip').fill('19750312 200003 2 004');
    await page.getByTestId('handover-pertama-jabatan').fill('Kepala Bidang Rehabilitasi Sosial');
    await page.getByTestId('handover-save').click();
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(1);

    await page.getByTestId('add-recipients').click();
    for (const q of ['mariana', 'ahmad f']) {
      await page.getByTestId('person-search').fill(q);
      await page.getByTestId('person-result').first().getByRole('button', { name: 'Pilih' }).click();
    }
    await expect.poll(() => page.getByTestId('picked-person').count()).toBe(2);
    await page.getByTestId('add-recipients-save').click();
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(3);
    await expect.poll(() => page.getByTestId('handover-total').textContent()).toBe('Rp 9.750.000');
    await page.getByTestId('recipient-terima').first().click();
    await page.getByTestId('receipt-save').click();
    await expect.poll(() => page.getByText('Diterima', { exact: true }).first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p5-handover.png` });

    // BAST
    await page.getByTestId('open-bast').click();
    await documentShown(page, 'BERITA ACARA SERAH TERIMA');
    await page.screenshot({ path: `${SHOTS}/p5-bast-preview.png` });
    const bast = await savePdf(page);
    writeFileSync(`${SHOTS}/p5-bast.pdf`, bast);
    const text = pdfText(bast).replace(/\s+/g, ' ');
    expect(text).toContain('Pada hari ini Jumat tanggal Delapan bulan Mei tahun Dua Ribu Dua Puluh Enam (08-05-2026)');
    expect(text).toContain('460/125/SK-DINSOS/IV/2026');
    expect(text).toMatch(/NOMOR : 001\/BAST\/DINSOS\/V\/2026/);
    expect(text).toContain('Rp 9.750.000,- (Sembilan Juta Tujuh Ratus Lima Puluh Ribu Rupiah)');
    expect(text).toContain('19750312 200003 2 004');
    expect(text).toContain('Mengetahui');
    const info = pdfInfo(bast);
    expect(info.width).toBeCloseTo(mm(215), 0);
    expect(info.height).toBeCloseTo(mm(330), 0);
    expect(info.pages).toBe(2); // the BAST on one sheet, its daftar tanda terima on the next (issue 14)
    expect(pdfPages(bast)[1]).toContain('Halaman 2 dari 2');
    // The recipient list is attached to the collective BAST as its last page.
    const lastPage = pdfPages(bast).at(-1)!;
    expect(lastPage).toContain('DAFTAR TANDA TERIMA');
    for (const o of ORANG.slice(0, 3)) expect(lastPage).toContain(o.nik);
    await page.keyboard.press('Escape');

    // Daftar tanda terima
    await page.getByTestId('open-tanda-terima').click();
    await documentShown(page, 'DAFTAR TANDA TERIMA');
    await page.screenshot({ path: `${SHOTS}/p5-tanda-terima-preview.png` });
    const tt = await savePdf(page);
    writeFileSync(`${SHOTS}/p5-tanda-terima.pdf`, tt);
    const ttText = pdfText(tt).replace(/\s+/g, ' ');
    for (const o of ORANG.slice(0, 3)) {
      expect(ttText).toContain(o.nama);
      expect(ttText).toContain(o.nik);
    }
    expect(ttText).toContain('001/BAST/DINSOS/V/2026'); // the number the BAST took, kept
    expect(ttText).toMatch(/JUMLAH: 3 penerima/);
    expect(ttText).toContain('Rp 9.750.000'); // the list's total is the BAST's value
    const ttInfo = pdfInfo(tt);
    expect(ttInfo.width).toBeCloseTo(mm(215), 0); // portrait F4: compact rows (issue 14)
    expect(ttInfo.height).toBeCloseTo(mm(330), 0);

    // Printing and saving were written to the audit log.
    const audit = await app.core.db.selectFrom('audit_log').select(['action', 'note']).where('entity', '=', 'penyerahan').where('action', '=', 'export').execute();
    expect(audit.map((a) => a.note)).toEqual([expect.stringContaining('Berita Acara'), expect.stringContaining('Daftar Tanda Terima')]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText('001/BAST/DINSOS/V/2026').first().isVisible()).toBe(true);
  });

  it('asks for a reason before the same person receives the same programme twice, and blocks printing on an invalid NIK', async () => {
    const api = app.core.createClient();
    const login = await api.call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    if (!login.ok) throw new Error(login.error.message);
    const programs = await api.call('programs.list', { q: 'Kaki Palsu Bawah Lutut' });
    if (!programs.ok) throw new Error(programs.error.message);
    const created = await api.call('handovers.create', {
      programId: (programs.value as { id: number }[])[0]!.id,
      tanggal: '2026-08-17',
      tempat: 'Kantor Kecamatan Kota Besi',
      mode: 'kolektif',
      pertamaNama: 'Hj. Rina Kartika, S.Sos',
      pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
    });
    if (!created.ok) throw new Error(created.error.message);
    const at = new Date().toISOString();
    const kel = await app.core.db.insertInto('keluarga').values({ no_kk: '6202011111110009', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await app.core.db.insertInto('anggota').values({ keluarga_id: kel.id, nik: '6202019999990001', nama: 'Nik Rusak', nama_key: 'nik rusak', created_at: at, updated_at: at }).execute();

    await page.goto(`${app.web.url}/#/bantuan/serah-terima/${(created.value as { id: number }).id}`);
    await page.getByTestId('add-recipients').click();
    await page.getByTestId('person-search').fill('mariana');
    await page.getByTestId('person-result').first().getByRole('button', { name: 'Pilih' }).click();
    await page.getByTestId('add-recipients-save').click();
    await expect.poll(() => page.getByText('Penerima ganda').isVisible()).toBe(true);
    expect(await page.getByText(/Sudah menerima Kaki Palsu Bawah Lutut tahun 2026: Mariana Dewi \(serah terima 08\/05\/2026\)/).isVisible()).toBe(true);
    expect(await page.getByTestId('recipient-row').count()).toBe(0);
    await page.getByTestId('alasan-ganda').fill('Kaki palsu pertama patah, diganti atas rekomendasi RSUD dr. Murjani');
    await page.getByTestId('add-recipients-save').click();
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(1);
    expect(await page.getByText('ganda, dikonfirmasi').isVisible()).toBe(true);

    await page.getByTestId('add-recipients').click();
    await page.getByTestId('person-search').fill('nik rusak');
    await page.getByTestId('person-result').first().getByRole('button', { name: 'Pilih' }).click();
    await page.getByTestId('add-recipients-save').click();
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(2);
    await expect.poll(() => page.getByText('BAST belum dapat dicetak').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p5-guards.png` });
    await page.getByTestId('open-bast').click();
    await expect.poll(() => page.getByTestId('doc-pdf').isDisabled()).toBe(true);
    expect(await page.getByTestId('doc-print').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');

    // Photo proof: picked, stored beside the database, shown as a thumbnail.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    await pickFile(page.getByTestId('photo-add'), { name: 'penyerahan.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.getByTestId('photo-thumb').count()).toBe(1);
    // The list shows the small JPEG the page drew; a click opens the photo itself.
    await expect.poll(() => page.getByTestId('photo-thumb').locator('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await page.getByText('Foto dokumentasi (1)').isVisible()).toBe(true);
    await page.getByTestId('photo-thumb').getByTitle('Buka ukuran penuh').click();
    await expect.poll(() => page.getByRole('dialog').locator('img').getAttribute('src')).toBe(`data:image/png;base64,${png.toString('base64')}`);
    await page.keyboard.press('Escape');
  });

  it('adds an applicant who is not in the registry yet, with the NIK error shown beside the field', async () => {
    await page.goto(`${app.web.url}/#/bantuan/permohonan/baru`);
    await page.getByTestId('person-new').click();
    await page.getByTestId('np-nik').fill('620201450688');
    await page.getByTestId('np-kk').fill('6202010707190003');
    await page.getByTestId('np-nama').fill('Siti Aminah');
    await choose(page, 'np-jk', 'Perempuan');
    await page.getByLabel('Alamat (jalan/dusun)').fill('Jl. Pelita Gg. Rukun');
    await pick(page, 'np-desa', 'kota besi hil', /Kota Besi Hilir/);
    await page.getByTestId('np-simpan').click();
    await expect.poll(() => page.getByText(/NIK harus 16 digit/).first().isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/p5-new-person.png` });
    // Saving the person must not submit the request form underneath.
    expect(await page.getByText('Pilih program bantuan.').count()).toBe(0);
    await page.getByTestId('np-nik').fill('6202014506880005');
    await page.getByTestId('np-simpan').click();
    await expect.poll(() => page.getByTestId('pemohon-terpilih').textContent()).toContain('6202014506880005');
    const row = await app.core.db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select(['anggota.nama', 'keluarga.no_kk', 'keluarga.desa_kode']).where('anggota.nik', '=', '6202014506880005').executeTakeFirst();
    expect(row).toEqual({ nama: 'Siti Aminah', no_kk: '6202010707190003', desa_kode: '62.02.01.1010' });
  });

  it('prints from the browser: the number is taken on the first print and the print is in the audit log', async () => {
    const api = app.core.createClient();
    await api.call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const programs = await api.call('programs.list', { q: 'Sandang' });
    if (!programs.ok) throw new Error(programs.error.message);
    const created = await api.call('handovers.create', {
      programId: (programs.value as { id: number }[])[0]!.id,
      tanggal: '2026-06-01',
      tempat: 'Balai Desa Palangan',
      mode: 'perorangan',
      pertamaNama: 'Hj. Rina Kartika, S.Sos',
      pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial',
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: number }).id;
    const sutrisno = await app.core.db.selectFrom('anggota').select('id').where('nik', '=', ORANG[0]!.nik).executeTakeFirstOrThrow();
    const added = await api.call('handovers.addRecipients', { penyerahanId: id, anggotaIds: [sutrisno.id] });
    if (!added.ok) throw new Error(added.error.message);

    await page.goto(`${app.web.url}/#/bantuan/serah-terima/${id}`);
    await page.getByRole('button', { name: `BAST ${ORANG[0]!.nama}` }).click();
    const frame = page.frameLocator('[data-testid=doc-frame]');
    await frame.getByText('(nomor diberikan saat dicetak)').first().waitFor();
    await page.getByTestId('doc-print').click();
    await frame.getByText('NOMOR : 002/BAST/DINSOS/VI/2026').waitFor();
    const printed = await app.core.db.selectFrom('audit_log').select('note').where('entity', '=', 'penyerahan').where('entity_id', '=', String(id)).where('action', '=', 'print').execute();
    expect(printed).toHaveLength(1);
    await page.keyboard.press('Escape');

    await page.goto(`${app.web.url}/#/bantuan`);
    await expect.poll(() => page.getByTestId('handover-row').count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/p5-handover-list.png` });
    await page.getByTestId('tab-permohonan').click();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(1);
    expect(await page.getByTestId('request-row').textContent()).toContain('Sudah diserahkan');
    await page.screenshot({ path: `${SHOTS}/p5-request-list.png` });
  });

  // Issue 14: the form's fields for both parties' identification, the kelompok and money paid by transfer.
  it('fills the parties, kelompok, transfer and amount of a money handover, and the printed BAST carries every field', async () => {
    await page.goto(`${app.web.url}/#/bantuan/serah-terima/baru`);
    const program = page.getByTestId('handover-program');
    await program.click();
    await program.fill('KUBE');
    await page.getByRole('option', { name: /KUBE/ }).first().click();
    // A money programme asks how the money is handed over; a transfer needs the account.
    await page.getByTestId('handover-cara-bayar').getByText('Transfer', { exact: false }).click();
    await page.getByTestId('handover-rekening').fill('Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama');
    await page.getByText('Satu BAST kolektif').click();
    await typeDate(page, 'handover-tanggal', '08/05/2026');
    await page.getByTestId('handover-tempat').fill('Kantor Dinas Sosial Kabupaten Kotawaringin Timur, Sampit');
    await page.getByTestId('handover-sk-nomor').fill('460/140/SK-DINSOS/IV/2026');
    await typeDate(page, 'handover-sk-tanggal', '30/04/2026');
    await page.getByTestId('handover-sk-tentang').fill('Penetapan Kelompok Penerima Bantuan Kelompok Usaha Bersama Tahun 2026');
    await page.getByTestId('handover-pertama-nama').fill('Hj. Rina Kartika, S.Sos');
    await page.getByTestId('handover-pertama-nip').fill('19750312 200003 2 004');
    await page.getByTestId('handover-pertama-jabatan').fill('Kepala Bidang Pemberdayaan Sosial');
    await page.getByLabel('Pangkat/Golongan', { exact: true }).fill('Pembina (IV/a)');
    await page.getByTestId('handover-wakil-nama').fill('Sutrisno');
    await page.getByTestId('handover-wakil-jabatan').fill('Ketua KUBE Maju Bersama');
    await page.getByTestId('handover-wakil-nip').fill('19800512 200501 1 003');
    await page.getByTestId('handover-wakil-pangkat').fill('Penata Muda (III/a)');
    await page.getByTestId('handover-kelompok').fill('KUBE Maju Bersama');
    await page.screenshot({ path: `${SHOTS}/p14-handover-money-form.png`});
    await page.getByTestId('handover-save').click();
    await page.getByTestId('add-recipients').waitFor();

    await page.getByTestId('add-recipients').click();
    for (const q of ['sutris', 'mariana', 'ahmad f']) {
      await page.getByTestId('person-search').fill(q);
      await page.getByTestId('person-result').first().getByRole('button', { name: 'Pilih' }).click();
    }
    await expect.poll(() => page.getByTestId('picked-person').count()).toBe(3);
    await page.getByTestId('add-recipients-save').click();
    await expect.poll(() => page.getByTestId('recipient-row').count()).toBe(3);
    // The amount: Rp 4.000.000 to each member, Rp 12.000.000 in all (above the Rp 5.000.000 meterai threshold).
    await page.getByTestId('items-all').click();
    const nilai = page.getByTestId('item-nilai').first();
    await nilai.fill('4000000');
    await page.getByTestId('items-save').click();
    await expect.poll(() => page.getByTestId('handover-total').textContent()).toBe('Rp 12.000.000');

    // What was saved is what the clerk typed.
    const saved = await app.core.db.selectFrom('penyerahan').selectAll().where('kelompok', '=', 'KUBE Maju Bersama').executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ cara_bayar: 'transfer', rekening: 'Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama', kelompok: 'KUBE Maju Bersama', wakil_nip: '198005122005011003', wakil_pangkat: 'Penata Muda (III/a)' });

    await page.getByTestId('open-bast').click();
    await documentShown(page, 'BERITA ACARA SERAH TERIMA');
    const pages = pdfPages(await savePdf(page));
    const daftarAt = pages.findIndex((p) => p.includes('DAFTAR TANDA TERIMA'));
    expect(daftarAt).toBeGreaterThan(0);
    const bast = flat(pages.slice(0, daftarAt).join('\n'));
    expect(bast).toMatch(/Nama : Hj\. Rina Kartika, S\.Sos NIP : 19750312 200003 2 004 Pangkat\/Gol\. : Pembina \(IV\/a\) Jabatan : Kepala Bidang Pemberdayaan Sosial/);
    expect(bast).toMatch(/Nama : Sutrisno NIP : 19800512 200501 1 003 Pangkat\/Gol\. : Penata Muda \(III\/a\) Jabatan : Ketua KUBE Maju Bersama/);
    expect(bast).toContain('KUBE Maju Bersama');
    expect(bast).toContain('berupa uang yang ditransfer ke rekening Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama sejumlah Rp 12.000.000,- (Dua Belas Juta Rupiah)');
    expect(bast).not.toContain('keadaan baik');
    expect(bast).toContain('Meterai Rp 10.000');
    expect(bast).toContain('UU No. 10 Tahun 2020 tentang Bea Meterai');
    // The list gives each member's amount in Rupiah.
    const daftar = flat(pages.slice(daftarAt).join('\n'));
    for (const o of ORANG.slice(0, 3)) expect(daftar).toContain(o.nik);
    expect(daftar).toContain('JUMLAH: 3 penerima Rp 12.000.000');
    await page.keyboard.press('Escape');
  });

  it('shows a pimpinan the decision buttons but not the clerk\'s data entry', async () => {
    const admin = app.core.createClient();
    await admin.call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const made = await admin.call('users.create', { nama: 'Kepala Bidang Rehsos', username: 'kabid', role: 'pimpinan', password: 'sandi-kabid-2026' });
    if (!made.ok) throw new Error(made.error.message);
    const programs = await admin.call('programs.list', { q: 'Kaki Palsu Bawah Lutut' });
    if (!programs.ok) throw new Error(programs.error.message);
    const rusmini = await app.core.db.selectFrom('anggota').select('id').where('nik', '=', ORANG[3]!.nik).executeTakeFirstOrThrow();
    const req = await admin.call('handovers.createRequest', { programId: (programs.value as { id: number }[])[0]!.id, anggotaId: rusmini.id, tanggal: '2026-09-01', pembawa: 'desa' });
    if (!req.ok) throw new Error(req.error.message);
    const id = (req.value as { id: number }).id;

    // One browser-mode token is one signed-in window: sign the admin out and the pimpinan in.
    const kabid = page;
    await kabid.getByRole('button', { name: 'Keluar' }).click();
    await kabid.getByLabel('Nama pengguna').fill('kabid');
    await kabid.getByLabel('Kata sandi').fill('sandi-kabid-2026');
    await kabid.getByRole('button', { name: 'Masuk' }).click();
    await kabid.getByText('Bantuan & Serah Terima').first().waitFor();
    await kabid.goto(`${app.web.url}/#/bantuan/permohonan/${id}`);
    await kabid.getByTestId('request-reject').waitFor();
    expect(await kabid.getByTestId('request-approve').isDisabled()).toBe(true); // not assessed yet
    expect(await kabid.getByText('perlu diasesmen').isVisible()).toBe(true);
    expect(await kabid.getByTestId('request-verify').count()).toBe(0);
    await kabid.getByTestId('tab-permohonan').click();
    await kabid.getByTestId('request-row').first().waitFor();
    expect(await kabid.getByTestId('request-new').count()).toBe(0);
    await kabid.screenshot({ path: `${SHOTS}/p5-pimpinan.png` });
  });
});

/** Waits for the document modal to show the heading; when the core refused the preview, the failure says why. */
async function documentShown(page: Page, heading: string): Promise<void> {
  const shown = async () => {
    if (await page.getByTestId('doc-error').count()) return `pratinjau gagal: ${await page.getByTestId('doc-error').textContent()}`;
    return (await page.frameLocator('[data-testid=doc-frame]').getByText(heading, { exact: false }).count()) > 0 ? 'shown' : 'waiting';
  };
  await expect.poll(shown, { timeout: 30_000 }).toBe('shown');
}
