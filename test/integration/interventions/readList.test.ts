import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped as setUpOffice } from '../../helpers/core';

const now = '2026-03-01T00:00:00.000Z';

describe("an agency's list read like the registry import: title rows, column-number row, synonyms, footer, CSV", () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  beforeAll(async () => {
    core = await openTestCore({ now: () => new Date(now) });
    admin = await setUpOffice(core);
    const k = await core.db
      .insertInto('keluarga')
      .values({ no_kk: '6202010101200001', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', desil: 1, miskin_ekstrem: 1, alamat: 'Jl. Uji', dusun: null, rt: null, rw: null, id_dtks: null, sumber: null, import_batch_id: null, catatan: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const nik of ['6202011501800001', '6202011010100003']) {
      await core.db
        .insertInto('anggota')
        .values({ keluarga_id: k.id, nik, nama: `WARGA ${nik.slice(-4)}`, nama_key: `warga ${nik.slice(-4)}`, jenis_kelamin: 'L', tempat_lahir: null, tanggal_lahir: null, hubungan: 'Anak', ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now })
        .execute();
    }
  });
  afterAll(async () => core.close());

  it('finds the header under two title rows, skips the column-number row and the signature block, reads real dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Jamban');
    ws.addRow(['DAFTAR PENERIMA JAMBAN SEHAT']);
    ws.addRow(['DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN KAB. KOTAWARINGIN TIMUR TA 2026']);
    ws.addRow(['No.', 'Nama KPM', 'N I K', 'Bentuk Bantuan', 'Tgl. Penyaluran', 'Nilai Bantuan (Rp)']);
    ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
    ws.addRow([1, 'WARGA 0001', '6202011501800001', 'Jamban Sehat', new Date(Date.UTC(2026, 1, 10)), 2_500_000]);
    ws.addRow([2, 'WARGA 0003', '6202011010100003', 'jamban sehat', '11/02/2026', 2_500_000]);
    ws.addRow([]);
    ws.addRow(['', '', '', '', 'Sampit, 28 Februari 2026']);
    ws.addRow(['', '', '', '', 'Kepala Dinas']);
    ws.getColumn(3).numFmt = '@';
    ws.getColumn(5).numFmt = 'dd/mm/yyyy';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await admin.call('interventions.importList', { fileName: 'jamban.xlsx', bytes, opd: 'Disperkim', dryRun: false });
    expect(r.ok || r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ dataRows: 2, imported: 2, rejected: [], opd: 'Dinas Perumahan dan Kawasan Permukiman' });
    const rows = await core.db.selectFrom('intervensi').select(['jenis', 'tanggal', 'nilai']).where('sumber', '=', 'impor').orderBy('tanggal').execute();
    expect(rows).toEqual([
      { jenis: 'Jamban sehat', tanggal: '2026-02-10', nilai: 2_500_000 },
      { jenis: 'Jamban sehat', tanggal: '2026-02-11', nilai: 2_500_000 },
    ]);
  });

  it('reads the same list saved as CSV, and names the headers it saw when NIK or the kind is missing', async () => {
    const csv = 'NIK;Nama;Jenis Bantuan;Tanggal;Nilai\n6202011501800001;WARGA 0001;Imunisasi;05/01/2026;0\n';
    const r = await admin.call('interventions.importList', { fileName: 'dinkes.csv', bytes: new Uint8Array(new TextEncoder().encode(csv)), opd: 'Dinkes', dryRun: true });
    expect(r.ok && r.value).toMatchObject({ dataRows: 1, rejected: [], tidakDikenal: [] });
    const noKind = 'NIK;Nama;Alamat\n6202011501800001;WARGA 0001;Jl. Uji\n';
    const bad = await admin.call('interventions.importList', { fileName: 'x.csv', bytes: new Uint8Array(new TextEncoder().encode(noKind)), opd: 'Dinkes', dryRun: true });
    expect(bad.ok || bad.error.code).toBe('NO_HEADER');
    expect(bad.ok || bad.error.message).toMatch(/Jenis bantuan.*terbaca.*NIK, Nama, Alamat/);
  });
});
