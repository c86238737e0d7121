import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOfficeTyped as setUpOffice } from '../../helpers/core';
import { insertFamily } from '../../helpers/family';

const now = '2026-03-01T00:00:00.000Z';

describe("an agency's list read like the registry import: title rows, column-number row, synonyms, footer, CSV", () => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  beforeAll(async () => {
    core = await openTestCore({ now: () => new Date(now) });
    admin = await setUpOffice(core);
    await insertFamily(core.db, { noKk: '6202010101200001', desaKode: '62.02.01.2003', now, members: ['6202011501800001', '6202011010100003'].map((nik) => ({ nik, hubungan: 'Anak' })) });
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
    // A list need not carry the name: NIK is enough for the header (the registry import needs Nama too).
    const noName = 'No;NIK;Jenis Bantuan;Tanggal\n1;6202011010100003;Imunisasi;06/01/2026\n';
    const nameless = await admin.call('interventions.importList', { fileName: 'tanpa-nama.csv', bytes: new Uint8Array(new TextEncoder().encode(noName)), opd: 'Dinkes', dryRun: true });
    expect(nameless.ok ? nameless.value : nameless.error.message).toMatchObject({ dataRows: 1, rejected: [], kolomKurang: [] });
    const noKind = 'NIK;Nama;Alamat\n6202011501800001;WARGA 0001;Jl. Uji\n';
    const bad = await admin.call('interventions.importList', { fileName: 'x.csv', bytes: new Uint8Array(new TextEncoder().encode(noKind)), opd: 'Dinkes', dryRun: true });
    // Not an error that vanishes: the mapping step, with the headers it read and what is missing.
    expect(bad.ok && bad.value).toMatchObject({ kolomKurang: ['jenis', 'tanggal'], dataRows: 0, rejected: [], headerRow: 1 });
    expect(bad.ok && bad.value.columns.map((c) => [c.header, c.field])).toEqual([['NIK', 'nik'], ['Nama', 'nama'], ['Alamat', null]]);
  });

  it('maps unusual headers on the mapping screen: none names the NIK, then the mapping reads the list, and a bad row goes to the rejected file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Realisasi');
    ws.addRow(['REALISASI BANTUAN BEDAH RUMAH TA 2026']);
    ws.addRow(['No.', 'No. Induk Kependudukan', 'Instansi', 'Bentuk Dukungan', 'Tgl Realisasi', 'Pagu']);
    ws.addRow([1, '6202011501800001', 'Disperkim', 'Jamban Sehat', '03/02/2026', 2_000_000]);
    ws.addRow([2, '6202011212900009', 'Disperkim', 'Jamban Sehat', '04/02/2026', 2_000_000]);
    ws.getColumn(2).numFmt = '@';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const base = { fileName: 'realisasi.xlsx', bytes, opd: 'Disperkim' };

    const first = await admin.call('interventions.importList', { ...base, dryRun: true });
    expect(first.ok || first.error.message).toBe(true);
    if (!first.ok) return;
    // No header names a NIK: the row that looks most like one, for the user to map; nothing checked.
    expect(first.value).toMatchObject({ kolomKurang: ['nik', 'jenis', 'tanggal'], headerRow: 2, dataRows: 0, sheet: 'Realisasi' });
    expect(first.value.columns.map((c) => c.header)).toEqual(['No.', 'No. Induk Kependudukan', 'Instansi', 'Bentuk Dukungan', 'Tgl Realisasi', 'Pagu']);

    const mapping = { 'No. Induk Kependudukan': 'nik', Instansi: '', 'Bentuk Dukungan': 'jenis', 'Tgl Realisasi': 'tanggal', Pagu: 'nilai' } as const;
    const preview = await admin.call('interventions.importList', { ...base, mapping, dryRun: true });
    expect(preview.ok || preview.error.message).toBe(true);
    if (!preview.ok) return;
    expect(preview.value).toMatchObject({ kolomKurang: [], dataRows: 2, headerRow: 2 });
    expect(preview.value.columns.filter((c) => c.field).map((c) => [c.letter, c.field])).toEqual([['B', 'nik'], ['D', 'jenis'], ['E', 'tanggal'], ['F', 'nilai']]);
    expect(preview.value.rejected).toEqual([{ row: 4, nik: '6202011212900009', nama: null, reasons: ['NIK 6202011212900009 tidak terdaftar di registri.'] }]);

    const saved = await admin.call('interventions.importList', { ...base, mapping, dryRun: false });
    expect(saved.ok && saved.value.imported).toBe(1);
    const row = await core.db.selectFrom('intervensi').select(['jenis', 'tanggal', 'nilai']).where('tanggal', '=', '2026-02-03').executeTakeFirstOrThrow();
    expect(row).toEqual({ jenis: 'Jamban sehat', tanggal: '2026-02-03', nilai: 2_000_000 });
    // The rejected-rows file keeps the row as read, with the reason.
    const ref = saved.ok ? saved.value.rejectedFile : null;
    expect(ref).not.toBeNull();
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(core.services.outbox.get(ref!.id).path);
    const sheet = out.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'No.', 'No. Induk Kependudukan', 'Instansi', 'Bentuk Dukungan', 'Tgl Realisasi', 'Pagu', 'Baris Asal', 'Keterangan Kesalahan']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual([undefined, 2, '6202011212900009', 'Disperkim', 'Jamban Sehat', '04/02/2026', 2_000_000, 4, 'NIK 6202011212900009 tidak terdaftar di registri.']);
  });
});
