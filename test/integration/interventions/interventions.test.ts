import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped as setUpOffice } from '../../helpers/core';

const now = '2026-03-01T00:00:00.000Z';
type Client = Awaited<ReturnType<typeof setUpOffice>>;

async function family(core: Core, noKk: string, desa: string, ekstrem: boolean, niks: string[]) {
  const k = await core.db
    .insertInto('keluarga')
    .values({ no_kk: noKk, desa_kode: desa, kecamatan_kode: desa.slice(0, 8), desil: 1, miskin_ekstrem: ekstrem ? 1 : 0, alamat: 'Jl. Uji', dusun: null, rt: null, rw: null, id_dtks: null, sumber: null, import_batch_id: null, catatan: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, nik] of niks.entries()) {
    await core.db
      .insertInto('anggota')
      .values({ keluarga_id: k.id, nik, nama: i === 0 ? `KEPALA ${nik.slice(-4)}` : `ANAK ${nik.slice(-4)}`, nama_key: `warga ${nik.slice(-4)}`, jenis_kelamin: 'L', tempat_lahir: null, tanggal_lahir: null, hubungan: i === 0 ? 'Kepala Keluarga' : 'Anak', ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now })
      .execute();
  }
  return k.id;
}

async function agencyList(rows: unknown[][]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Daftar');
  ws.addRow(['DAFTAR PENERIMA BEASISWA MISKIN DINAS PENDIDIKAN 2026']);
  ws.addRow([]);
  ws.addRow(['No', 'NIK', 'Nama Penerima', 'Jenis Bantuan', 'Tanggal Penyaluran', 'Nilai (Rp)']);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).numFmt = '@';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('interventions across agencies', () => {
  let core: Core;
  let admin: Client;
  beforeAll(async () => {
    core = await openTestCore({ now: () => new Date(now) });
    admin = await setUpOffice(core);
    await family(core, '6202010101200001', '62.02.01.2003', true, ['6202011501800001', '6202011010100003']);
    await family(core, '6202050101200003', '62.02.05.1001', true, ['6202051201700005']);
    await family(core, '6202050101200004', '62.02.05.1002', false, ['6202051301700007']);
  });
  afterAll(async () => core.close());

  it('records a manual intervention by NIK and refuses a NIK outside the registry', async () => {
    const made = await admin.call('interventions.create', { nik: '6202011501800001', opd: 'Dinas Kesehatan', jenis: 'BPJS PBI', tanggal: '2026-01-15', nilai: 0 });
    expect(made.ok && made.value).toMatchObject({ nama: 'KEPALA 0001', desa: 'Palangan', kecamatan: 'Kota Besi', sumber: 'manual' });
    const unknown = await admin.call('interventions.create', { nik: '6202019999990009', opd: 'Dinas Kesehatan', jenis: 'BPJS PBI', tanggal: '2026-01-15', nilai: 0 });
    expect(unknown.ok || unknown.error.message).toMatch(/tidak terdaftar di registri/);
    const audit = await core.db.selectFrom('audit_log').selectAll().where('entity', '=', 'intervensi').execute();
    expect(audit).toHaveLength(1);
  });

  it("checks an agency's Excel list row by row, previews without writing, then imports only the good rows", async () => {
    const bytes = await agencyList([
      [1, '6202011010100003', 'ANAK 0003', 'Beasiswa Miskin', '15/02/2026', 1_200_000],
      [2, '6202011010100003', 'ANAK 0003', 'Beasiswa Miskin', '15/02/2026', 1_200_000],
      [3, 6202051201700005, 'KEPALA 0005', 'Beasiswa Miskin', '15/02/2026', 1_200_000],
      [4, '6202051505850009', 'ORANG LAIN', 'Beasiswa Miskin', '15/02/2026', 1_200_000],
      [5, '6202051301700007', 'KEPALA 0007', '', 'kemarin', 1_200_000],
    ]);
    // "Beasiswa Miskin" is not one of Disdik's kinds yet: the preview asks for it to be mapped once.
    const first = await admin.call('interventions.importList', { fileName: 'beasiswa.xlsx', bytes, opd: 'Disdik', dryRun: true });
    expect(first.ok && first.value.opd).toBe('Dinas Pendidikan');
    expect(first.ok && first.value.tidakDikenal).toEqual([{ nilai: 'Beasiswa Miskin', baris: 4, saran: expect.objectContaining({ nama: 'Beasiswa' }) }]);
    expect(first.ok && first.value.rejected.find((r) => r.row === 4)?.reasons.join()).toMatch(/belum ada di daftar Dinas Pendidikan/);
    const petaJenis = { 'Beasiswa Miskin': 'baru' as const };
    const preview = await admin.call('interventions.importList', { fileName: 'beasiswa.xlsx', bytes, opd: 'Dinas Pendidikan', dryRun: true, petaJenis });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.tidakDikenal).toEqual([]);
    expect(preview.value.dataRows).toBe(5);
    expect(preview.value.imported).toBe(0);
    const byRow = Object.fromEntries(preview.value.rejected.map((r) => [r.row, r.reasons.join(' | ')]));
    expect(Object.keys(byRow).map(Number)).toEqual([5, 6, 7, 8]);
    expect(byRow[5]).toMatch(/baris ganda/);
    expect(byRow[6]).toMatch(/sebagai angka/);
    expect(byRow[7]).toMatch(/tidak terdaftar/);
    expect(byRow[8]).toMatch(/Jenis bantuan kosong.*Tanggal kosong/);
    expect(await core.db.selectFrom('intervensi').selectAll().where('sumber', '=', 'impor').execute()).toHaveLength(0);
    // The refused rows come back as a file: every column as read (the NIK typed as a number stays as read), the row and the reasons.
    const ref = preview.value.rejectedFile!;
    expect(ref.name).toBe('beasiswa - baris ditolak.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(core.services.outbox.get(ref.id).path);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'No', 'NIK', 'Nama Penerima', 'Jenis Bantuan', 'Tanggal Penyaluran', 'Nilai (Rp)', 'Baris Asal', 'Keterangan Kesalahan']);
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(3).getCell(2).value).toBe('6.202051201700005E+15');
    expect(sheet.getRow(3).getCell(7).value).toBe(6);
    expect(String(sheet.getRow(4).getCell(8).value)).toMatch(/tidak terdaftar/);

    const done = await admin.call('interventions.importList', { fileName: 'beasiswa.xlsx', bytes, opd: 'Dinas Pendidikan', dryRun: false, petaJenis });
    expect(done.ok && done.value.imported).toBe(1);
    // Importing the same list again adds nothing twice.
    const again = await admin.call('interventions.importList', { fileName: 'beasiswa.xlsx', bytes, opd: 'Dinas Pendidikan', dryRun: false, petaJenis });
    expect(again.ok && again.value.imported).toBe(0);
  });

  it('shows the same person given the same kind of help twice, and extreme-poor families nobody reached', async () => {
    await admin.call('interventions.create', { nik: '6202011501800001', opd: 'Dinas Sosial', jenis: 'bpjs pbi', tanggal: '2026-02-20', nilai: 0 });
    const overlaps = await admin.call('interventions.overlaps', {});
    expect(overlaps.ok && overlaps.value).toEqual([
      expect.objectContaining({ nik: '6202011501800001', kali: 2, opd: ['Dinas Kesehatan', 'Dinas Sosial'], tanggal: ['2026-01-15', '2026-02-20'] }),
    ]);
    const gaps = await admin.call('interventions.gaps', {});
    expect(gaps.ok && gaps.value.total).toBe(1);
    expect(gaps.ok && gaps.value.rows[0]).toMatchObject({ noKk: '6202050101200003', kepala: 'KEPALA 0005', desa: 'Baamang Hilir', jiwa: 1 });
  });

  it('lists with filters and paging', async () => {
    const all = await admin.call('interventions.list', { limit: 2 });
    expect(all.ok && all.value.total).toBe(3);
    expect(all.ok && all.value.rows).toHaveLength(2);
    const pendidikan = await admin.call('interventions.list', { opd: 'Dinas Pendidikan' });
    expect(pendidikan.ok && pendidikan.value.rows.map((r) => r.nama)).toEqual(['ANAK 0003']);
    const baamang = await admin.call('interventions.list', { kecamatan: '62.02.05' });
    expect(baamang.ok && baamang.value.total).toBe(0);
  });

  it('refuses a file that is not Excel, with a clear message', async () => {
    const result = await admin.call('interventions.importList', { fileName: 'daftar.xlsx', bytes: new Uint8Array(new TextEncoder().encode('NIK;Jenis\n1;2')), opd: 'Dinas Pendidikan', dryRun: true });
    expect(result.ok || result.error.code).toBe('FILE_NOT_XLSX');
  });
});
