/**
 * Issue 14, the handover form's new fields end to end: a clerk fills both parties' identification (NIP,
 * pangkat/golongan, jabatan), the kelompok, a money handover paid by transfer with its account and the amount
 * per member, saves, prints, and the BAST PDF says it all, with a meterai place for the recipient.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../helpers/browser';
import { signIn } from '../helpers/e2e';
import { setUpOffice } from '../helpers/core';
import { pdfPages } from '../helpers/pdf';
import { startTestApp } from '../helpers/webApp';
import { ORANG, seedPeople } from '../integration/handovers/fixtures';

const SHOTS = process.env.E2E_SHOTS ?? '/tmp';
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function typeDate(page: Page, testId: string, ddmmyyyy: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(ddmmyyyy);
  await input.press('Tab');
}

describe('handover form: parties, money by transfer and meterai, printed as the BAST says (browser mode)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    await setUpOffice(app.core);
    await seedPeople(app.core);
    browser = await launchBrowser();
    page = await newPage(browser);
    await signIn(page, app.web);
    await page.getByText('Bantuan & Serah Terima').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('fills the form, saves, sets the amount, and the printed BAST carries every field', async () => {
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
    const saved = await app.core.db.selectFrom('penyerahan').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ cara_bayar: 'transfer', rekening: 'Bank Kalteng No. 0123456789 a.n. KUBE Maju Bersama', kelompok: 'KUBE Maju Bersama', wakil_nip: '198005122005011003', wakil_pangkat: 'Penata Muda (III/a)' });

    await page.getByTestId('open-bast').click();
    await page.frameLocator('[data-testid=doc-frame]').getByText('BERITA ACARA SERAH TERIMA', { exact: false }).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-pdf').click()]);
    const pdf = readFileSync((await download.path())!);
    const pages = pdfPages(pdf);
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
});
