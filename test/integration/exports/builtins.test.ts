import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { BUILTIN_TEMPLATES } from '../../../electron/core/exports/builtins';
import type { ExportOptions, ExportPreview } from '../../../shared/api/exports';
import { call, exportFile, findRow, rowTexts, sheetXml, templateByKey, workbookXml } from './helpers';
import { hasAidTables, openSeededCore, seedAid, seedRegistry } from './seed';
import { runCalcTests, soffice } from '../../support/soffice';

let core: Core;
let client: ReturnType<Core['createClient']>;
let aid = false;
let penyerahanSembako = 0;
let penyerahanBahanPokok = 0;

beforeAll(async () => {
  ({ core, client } = await openSeededCore());
  const ids = await seedRegistry(core);
  aid = await hasAidTables(core);
  if (aid) ({ penyerahanSembako, penyerahanBahanPokok } = await seedAid(core, ids));
});
afterAll(async () => core?.close());

const headersOf = (ws: ExcelJS.Worksheet, row: number) => rowTexts(ws, row).map((v) => (v === null ? null : String(v)));

describe('SIKS-NG usulan baru', () => {
  it('exports the recorded proposals, each with the programme it was proposed for, RT/RW and codes as numbers', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const { ws, result, wb } = await exportFile(core, client, t.id);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['DATA']);
    expect(headersOf(ws, 1)).toEqual([
      'NIK', 'PROGRAM BANSOS', 'NOKK', 'NAMA', 'TEMPAT LAHIR', 'TANGGAL LAHIR\n(31/01/2000)', 'IBU KANDUNG', 'JENIS KELAMIN',
      'JENIS PEKERJAAN', 'STATUS KAWIN', 'ALAMAT', 'RT', 'RW', 'PROVINSI', 'KABUPATEN', 'KECAMATAN', 'KELURAHAN',
      'STATUS DISABILITAS', 'KODE JENIS DISABILITAS', 'STATUS HAMIL', 'TGL MULAI HAMIL\n(31/12/2021)',
    ]);
    // The proposals, not the registry: Ahmad twice (PKH and BPNT), Dimas without a programme, Sulastri for PBI;
    // Rina (a PKH member, never proposed) is not in it, nor Yusuf, who moved away.
    const proposals = Array.from({ length: ws.rowCount - 1 }, (_, i) => `${String(ws.getCell(i + 2, 1).value)} ${String(ws.getCell(i + 2, 2).value)}`);
    expect(proposals.sort()).toEqual(['6202010101150003 NON BANSOS', '6202011203850001 BPNT', '6202011203850001 PKH', '6202065006500004 PBI']);
    expect(result.rows).toBe(4);
    const r = findRow(ws, 1, '6202011203850001');
    expect(ws.getCell(r, 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(r, 3).type).toBe(ExcelJS.ValueType.String);
    expect(rowTexts(ws, r)).toEqual([
      '6202011203850001', 'PKH', '6202010101200001', 'AHMAD FAUZI', 'SAMPIT', '12/03/1985', 'SITI AMINAH', 'LAKI-LAKI',
      'Buruh Tani', 'Kawin', 'JL. PALANGAN NO. 5', 3, 1, 'Kalimantan Tengah', 'Kabupaten Kotawaringin Timur',
      'Kota Besi', 'Palangan', 'TIDAK', null, null, null,
    ]);
    // RT and RW are numbers, as the template has them.
    expect([ws.getCell(r, 12).type, ws.getCell(r, 13).type]).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.Number]);
    const dimas = findRow(ws, 1, '6202010101150003');
    expect([ws.getCell(dimas, 18).value, ws.getCell(dimas, 19).value]).toEqual(['YA', 2]);
    expect(ws.getCell(dimas, 19).type).toBe(ExcelJS.ValueType.Number);
    const sulastri = findRow(ws, 1, '6202065006500004');
    expect([ws.getCell(sulastri, 12).value, ws.getCell(sulastri, 13).value, ws.getCell(sulastri, 20).value]).toEqual([10, 2, 'TIDAK']);
    // Frozen header, filter on the header row, office paper (F4 = Excel code 14) landscape.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:U5');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(14);
    expect(ws.getColumn(1).width).toBe(20);
  });

  it('--program PKH gives exactly the PKH proposals, not the PKH members', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const { ws, result } = await exportFile(core, client, t.id, { program: 'PKH' });
    expect(result.rows).toBe(1);
    expect(rowTexts(ws, 2).slice(0, 4)).toEqual(['6202011203850001', 'PKH', '6202010101200001', 'AHMAD FAUZI']);
    expect(result.file.name).toBe('TEMPLATE_EXCEL_USULAN - Kabupaten Kotawaringin Timur - JUNI 2025.xlsx');
    // A programme however it was stored: PBI-JK is a PBI proposal; "NON BANSOS" finds those without a programme.
    const pbi = await exportFile(core, client, t.id, { program: 'pbi' });
    expect(rowTexts(pbi.ws, 2).slice(0, 2)).toEqual(['6202065006500004', 'PBI']);
    const non = await exportFile(core, client, t.id, { program: 'NON BANSOS' });
    expect(rowTexts(non.ws, 2).slice(0, 2)).toEqual(['6202010101150003', 'NON BANSOS']);
    expect(non.result.rows).toBe(1);
    // The screen's programme list offers the proposals' programmes by those names.
    const options = await call<ExportOptions>(client, 'exports.options', undefined);
    expect(options.programs).toEqual(expect.arrayContaining(['PKH', 'BPNT', 'PBI', 'NON BANSOS']));
  });

  it('takes the proposals of the chosen period, and names the file after its month', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const { ws, result } = await exportFile(core, client, t.id, { dari: '2025-05-01', sampai: '2025-05-31' });
    expect(result.rows).toBe(3);
    expect(Array.from({ length: 3 }, (_, i) => ws.getCell(i + 2, 1).value)).not.toContain('6202065006500004');
    expect(result.file.name).toBe('TEMPLATE_EXCEL_USULAN - Kabupaten Kotawaringin Timur - MEI 2025.xlsx');
  });

  it('limits to a kecamatan and names the file after it', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const { result, ws } = await exportFile(core, client, t.id, { wilayah: '62.02.06' });
    expect(result.rows).toBe(1);
    expect(ws.getCell(2, 16).value).toBe('Mentawa Baru Ketapang');
    expect(result.file.name).toBe('TEMPLATE_EXCEL_USULAN - Kecamatan Mentawa Baru Ketapang - JUNI 2025.xlsx');
  });
});

describe('formula injection', () => {
  it('writes user text starting with = + - @ as text cells that can never run', async () => {
    const t = await templateByKey(client, 'dtks');
    const { ws, path } = await exportFile(core, client, t.id, { status: 'semua' });
    const header = findRow(ws, 1, 'No');
    const cols = headersOf(ws, header);
    const r = findRow(ws, cols.indexOf('NIK') + 1, '6202065006500004');
    const cell = (h: string) => ws.getCell(r, cols.indexOf(h) + 1);
    for (const [h, v] of [
      ['Alamat', '=HYPERLINK("http://evil.example","klik")'],
      ['Nama', '@Sulastri'],
      ['Tempat Lahir', '+Pangkalan Bun'],
      ['Nama Ibu Kandung', '-Inah'],
    ] as const) {
      expect(cell(h).type).toBe(ExcelJS.ValueType.String);
      expect(cell(h).value).toBe(v);
      expect(cell(h).formula).toBeUndefined();
      // Text format: editing the cell in Excel keeps it text.
      expect(cell(h).numFmt).toBe('@');
    }
    // Not a single formula element in the sheet.
    expect(sheetXml(path)).not.toMatch(/<f[ >]/);
  });
});

describe('DTKS per desa', () => {
  it('has the 24 published columns (Tanggal Lahir before Tempat Lahir), title rows and programme flags', async () => {
    const t = await templateByKey(client, 'dtks');
    const { ws, result } = await exportFile(core, client, t.id, { wilayah: '62.02.01.2003' });
    expect(ws.name).toBe('DTKS');
    expect(ws.getCell(1, 1).value).toBe('DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS)');
    expect(ws.getCell(2, 1).value).toBe('Desa Palangan');
    expect(ws.getCell(3, 1).value).toBe('Keadaan data: 30/06/2025');
    expect(headersOf(ws, 5)).toEqual([
      'No', 'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW', 'NO KK', 'NIK',
      'Nama', 'Tanggal Lahir', 'Tempat Lahir', 'Jenis Kelamin', 'Pekerjaan', 'Nama Ibu Kandung', 'Hub Keluarga', 'Keterangan Padan',
      'BANSOS BPNT', 'BANSOS PKH', 'BANSOS BPNT-PPKM', 'PBI JKN',
    ]);
    expect(result.rows).toBe(3);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(rowTexts(ws, 6)).toEqual([
      1, 'A-0001', 'Kalimantan Tengah', 'Kabupaten Kotawaringin Timur', 'Kota Besi', 'Palangan', 'Jl. Palangan No. 5', 'Dusun I', '3', '1',
      '6202010101200001', '6202011203850001', 'Ahmad Fauzi', '12/03/1985', 'Sampit', 'Laki-laki', 'Buruh Tani', 'Siti Aminah', 'Kepala Keluarga',
      'Padan', 'Ya', 'Ya', 'Tidak', 'Tidak',
    ]);
    expect(ws.getCell(6, 1).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell(6, 12).type).toBe(ExcelJS.ValueType.String);
  });
});

describe('P3KE', () => {
  it('keluarga: one row per family with the head of family, 10-digit Kemendagri code and desil as a number', async () => {
    const t = await templateByKey(client, 'p3ke-keluarga');
    const { ws, result } = await exportFile(core, client, t.id);
    expect(result.rows).toBe(2);
    const h = headersOf(ws, 4);
    expect(h).toHaveLength(31);
    expect(h.slice(0, 16)).toEqual([
      'No', 'ID Keluarga P3KE', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Kode Kemendagri', 'Desil Kesejahteraan',
      'Alamat', 'Kepala Keluarga', 'NIK', 'Padan Dukcapil', 'Jenis Kelamin', 'Tanggal Lahir', 'Pekerjaan', 'Pendidikan',
    ]);
    expect(h.slice(25)).toEqual(['Penerima BPNT', 'Penerima BPUM', 'Penerima BST', 'Penerima PKH', 'Penerima SEMBAKO', 'Resiko Stunting']);
    const r = findRow(ws, 2, 'K-0001');
    const cell = (name: string) => ws.getCell(r, h.indexOf(name) + 1);
    expect(cell('Kode Kemendagri').value).toBe('6202012003');
    expect(cell('Kode Kemendagri').type).toBe(ExcelJS.ValueType.String);
    expect(cell('Desil Kesejahteraan').value).toBe(1);
    expect(cell('Kepala Keluarga').value).toBe('Ahmad Fauzi');
    expect(cell('NIK').value).toBe('6202011203850001');
    expect(cell('Penerima PKH').value).toBe('Ya');
    expect(cell('Jenis Atap').value).toBeNull();
  });

  it('individu: age bands computed on the export date', async () => {
    const t = await templateByKey(client, 'p3ke-individu');
    const { ws, result } = await exportFile(core, client, t.id);
    expect(result.rows).toBe(4);
    const h = headersOf(ws, 4);
    const r = findRow(ws, h.indexOf('NIK') + 1, '6202010101150003');
    const bands = ['Usia < 7 Tahun', 'Usia 7–12', 'Usia 13–15', 'Usia 16–18', 'Usia 19–21', 'Usia 22–59', 'Usia ≥ 60'].map((b) => ws.getCell(r, h.indexOf(b) + 1).value);
    expect(bands).toEqual(['Tidak', 'Ya', 'Tidak', 'Tidak', 'Tidak', 'Tidak', 'Tidak']);
    expect(ws.getCell(r, h.indexOf('ID Individu') + 1).value).toBe('A-0003');
  });
});

describe('daftar penerima', () => {
  it('per programme from the registry (PKH): §1.10 columns with a column-number row', async () => {
    const t = await templateByKey(client, 'penerima-program');
    const { ws, result } = await exportFile(core, client, t.id, { program: 'PKH' });
    expect(ws.getCell(1, 1).value).toBe('DAFTAR PENERIMA PKH');
    expect(headersOf(ws, 5)).toEqual(['No', 'NIK', 'No. KK', 'Nama Penduduk', 'No. Kartu Peserta', 'Tempat Lahir', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Desa/Kelurahan', 'Kecamatan', 'Keterangan']);
    expect(rowTexts(ws, 6)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.rows).toBe(2);
    expect([ws.getCell(7, 4).value, ws.getCell(8, 4).value].sort()).toEqual(['Ahmad Fauzi', 'Rina Marlina']);
  });

  it('"Semua program" adds a Program column, so every row says which programme it is for', async () => {
    const t = await templateByKey(client, 'penerima-program');
    const { ws, result } = await exportFile(core, client, t.id, { wilayah: '62.02.01' });
    // The capitals title says so in capitals, as it does a chosen programme ('DAFTAR PENERIMA PKH').
    expect(ws.getCell(1, 1).value).toBe('DAFTAR PENERIMA SEMUA PROGRAM');
    expect(headersOf(ws, 5)).toEqual(['No', 'NIK', 'No. KK', 'Nama Penduduk', 'Program', 'No. Kartu Peserta', 'Tempat Lahir', 'Tanggal Lahir', 'Jenis Kelamin', 'Alamat', 'Desa/Kelurahan', 'Kecamatan', 'Keterangan']);
    expect(rowTexts(ws, 6)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const rows = Array.from({ length: result.rows }, (_, i) => `${String(ws.getCell(i + 7, 4).value)}: ${String(ws.getCell(i + 7, 5).value)}`);
    // Registry programmes first, then what was handed over (Kota Besi's recipients).
    expect(rows.slice(0, 3).sort()).toEqual(['Ahmad Fauzi: BPNT', 'Ahmad Fauzi: PKH', 'Rina Marlina: PKH']);
    if (aid) expect(rows).toEqual(expect.arrayContaining(['Dimas Fauzi: Uji Kaki Palsu', 'Ahmad Fauzi: Uji Sembako', 'Ahmad Fauzi: Uji Bahan Pokok', 'Ahmad Fauzi: Uji Paket Lansia']));
    // The sample the screen shows has the same column.
    const preview = await call<ExportPreview>(client, 'exports.preview', { templateId: t.id, filters: {} });
    expect(preview.headers[4]).toBe('Program');
  });

  it('puts the filter buttons right above the data: the column-number row is never filtered or sorted away', async () => {
    const t = await templateByKey(client, 'penerima-program');
    const { ws, result } = await exportFile(core, client, t.id, { program: 'PKH' });
    expect(result.rows).toBe(2);
    // Row 5 headers, row 6 the column numbers, rows 7–8 the two members.
    expect(ws.getCell(6, 1).value).toBe(1);
    expect(ws.autoFilter).toBe('A6:L8');
    const dtks = await exportFile(core, client, (await templateByKey(client, 'dtks')).id, {});
    expect(dtks.ws.autoFilter).toBe(`A5:X${4 + 1 + dtks.result.rows}`);
  });

  it.runIf(() => aid)('per programme from handovers: only received, in the period', async () => {
    const t = await templateByKey(client, 'penerima-program');
    const { ws, result } = await exportFile(core, client, t.id, { program: 'Uji Sembako', dari: '2025-04-01', sampai: '2025-04-30' });
    expect(result.rows).toBe(2);
    expect([ws.getCell(7, 2).value, ws.getCell(8, 2).value].sort()).toEqual(['6202011203850001', '6202065006500004']);
    expect(ws.getCell(3, 1).value).toBe('Wilayah: Kabupaten Kotawaringin Timur — Periode: 01/04/2025 s.d. 30/04/2025');
  });

  it.runIf(() => aid)('per handover: items, value and a JUMLAH row; cancelled recipients left out', async () => {
    const t = await templateByKey(client, 'penerima-penyerahan');
    const { ws, result } = await exportFile(core, client, t.id, { penyerahanId: penyerahanSembako });
    expect(ws.getCell(1, 1).value).toBe('DAFTAR PENERIMA BANTUAN UJI SEMBAKO');
    expect(ws.getCell(3, 1).value).toBe('Penyerahan: 15/04/2025, Aula Dinsos');
    expect(result.rows).toBe(2);
    const h = headersOf(ws, 5);
    const total = findRow(ws, h.indexOf('NIK') + 1, 'JUMLAH');
    expect(total).toBe(9);
    expect(ws.getCell(total, h.indexOf('Jumlah') + 1).value).toBe(3);
    // Whole quantities print as 3 paket, not 3,00 (in the list and in JUMLAH).
    expect([7, 8, total].map((r) => ws.getCell(r, h.indexOf('Jumlah') + 1).numFmt)).toEqual(['#,##0', '#,##0', '#,##0']);
    expect(ws.getCell(total, h.indexOf('Satuan') + 1).value).toBe('paket');
    expect(ws.getCell(total, h.indexOf('Nilai (Rp)') + 1).value).toBe(750_000);
    expect(ws.getCell(total, h.indexOf('Nilai (Rp)') + 1).numFmt).toBe('"Rp "#,##0');
    // Filter from the column-number row to the last recipient: neither header nor JUMLAH row is sorted into the list.
    expect(ws.autoFilter).toBe('A6:M8');
  });

  it.runIf(() => aid)('per handover: quantities are never added across units (karung and botol stay apart, also in JUMLAH)', async () => {
    const t = await templateByKey(client, 'penerima-penyerahan');
    const { ws, result } = await exportFile(core, client, t.id, { penyerahanId: penyerahanBahanPokok });
    expect(result.rows).toBe(3);
    const h = headersOf(ws, 5);
    const col = (name: string) => h.indexOf(name) + 1;
    const row = (nik: string) => findRow(ws, col('NIK'), nik);
    const ahmad = row('6202011203850001');
    expect([ws.getCell(ahmad, col('Bantuan')).value, ws.getCell(ahmad, col('Jumlah')).value, ws.getCell(ahmad, col('Satuan')).value, ws.getCell(ahmad, col('Nilai (Rp)')).value]).toEqual([
      'Beras premium 25 kg (1 karung), Minyak goreng 1 L (2 botol)',
      '1 karung, 2 botol',
      null,
      390_000,
    ]);
    const rina = row('6202014507880002');
    expect([ws.getCell(rina, col('Bantuan')).value, ws.getCell(rina, col('Jumlah')).value, ws.getCell(rina, col('Satuan')).value]).toEqual(['Beras premium 25 kg', 2, 'karung']);
    expect(ws.getCell(rina, col('Jumlah')).type).toBe(ExcelJS.ValueType.Number);
    const total = findRow(ws, col('NIK'), 'JUMLAH');
    // "Karung" and "karung" are one unit; 4 karung and 4 botol, not 8.
    expect(ws.getCell(total, col('Jumlah')).value).toBe('4 karung, 4 botol');
    expect(ws.getCell(total, col('Satuan')).value).toBeNull();
    expect(ws.getCell(total, col('Nilai (Rp)')).value).toBe(1_480_000);
  });
});

describe.runIf(() => aid)('rekap penyaluran', () => {
  it('rows per kecamatan, columns per jenis bantuan (penerima, unit, Rupiah), JUMLAH row and column', async () => {
    const t = await templateByKey(client, 'rekap-penyaluran');
    const { ws } = await exportFile(core, client, t.id, { dari: '2025-01-01', sampai: '2025-06-30' });
    expect(ws.getCell(1, 1).value).toBe('REKAPITULASI PENYALURAN BANTUAN SOSIAL');
    expect(ws.getCell(3, 1).value).toBe('Sumber dana: Semua sumber dana — Periode: 01/01/2025 s.d. 30/06/2025');
    expect(headersOf(ws, 5)).toEqual(['No', 'Kecamatan', 'Uji Kaki Palsu (unit)', 'Uji Kaki Palsu (unit)', 'Uji Kaki Palsu (unit)', 'Uji Sembako (paket)', 'Uji Sembako (paket)', 'Uji Sembako (paket)', 'JUMLAH', 'JUMLAH']);
    expect(headersOf(ws, 6).slice(2)).toEqual(['Penerima (orang)', 'Jumlah', 'Nilai (Rp)', 'Penerima (orang)', 'Jumlah', 'Nilai (Rp)', 'Penerima (orang)', 'Nilai (Rp)']);
    const kotaBesi = findRow(ws, 2, 'Kota Besi');
    expect(rowTexts(ws, kotaBesi).slice(2)).toEqual([2, 2, 6_500_000, 1, 1, 250_000, 2, 6_750_000]);
    const mentawa = findRow(ws, 2, 'Mentawa Baru Ketapang');
    expect(rowTexts(ws, mentawa).slice(2)).toEqual([0, 0, 0, 1, 2, 500_000, 1, 500_000]);
    const total = findRow(ws, 2, 'JUMLAH');
    expect(total).toBe(ws.rowCount);
    expect(rowTexts(ws, total).slice(2)).toEqual([2, 2, 6_500_000, 2, 3, 750_000, 3, 7_250_000]);
    // Every kecamatan of the kabupaten is listed, with zeros where nothing was handed over.
    expect(total - 7).toBe(17);
  });

  it('keeps quantities per unit: a column per unit where items come in several, paket where the programme hands out packages', async () => {
    const t = await templateByKey(client, 'rekap-penyaluran');
    const { ws } = await exportFile(core, client, t.id, { dari: '2025-08-01', sampai: '2025-08-31' });
    // The region is named once: the office's name already says which kabupaten.
    expect(ws.getCell(2, 1).value).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    expect(headersOf(ws, 5)).toEqual(['No', 'Kecamatan', 'Uji Bahan Pokok', 'Uji Bahan Pokok', 'Uji Bahan Pokok', 'Uji Bahan Pokok', 'Uji Paket Lansia (paket)', 'Uji Paket Lansia (paket)', 'Uji Paket Lansia (paket)', 'JUMLAH', 'JUMLAH']);
    expect(headersOf(ws, 6).slice(2)).toEqual(['Penerima (orang)', 'Jumlah (karung)', 'Jumlah (botol)', 'Nilai (Rp)', 'Penerima (orang)', 'Jumlah', 'Nilai (Rp)', 'Penerima (orang)', 'Nilai (Rp)']);
    expect(rowTexts(ws, findRow(ws, 2, 'Kota Besi')).slice(2)).toEqual([2, 3, 2, 1_090_000, 1, 1, 155_000, 2, 1_245_000]);
    expect(rowTexts(ws, findRow(ws, 2, 'Mentawa Baru Ketapang')).slice(2)).toEqual([1, 1, 2, 390_000, 1, 1, 155_000, 1, 545_000]);
    expect(rowTexts(ws, findRow(ws, 2, 'JUMLAH')).slice(2)).toEqual([3, 4, 4, 1_480_000, 2, 2, 310_000, 3, 1_790_000]);
  });

  it('funding source filter keeps only that source and names it in the title', async () => {
    const t = await templateByKey(client, 'rekap-penyaluran');
    const { ws } = await exportFile(core, client, t.id, { sumberDana: 'apbn' });
    expect(ws.getCell(3, 1).value).toBe('Sumber dana: APBN — Periode: semua tanggal');
    expect(headersOf(ws, 5)).toEqual(['No', 'Kecamatan', 'Uji Sembako (paket)', 'Uji Sembako (paket)', 'Uji Sembako (paket)', 'JUMLAH', 'JUMLAH']);
  });
});

describe.runIf(() => aid)('interventions and extreme poverty', () => {
  it('intervensi per OPD: people, families, extreme-poor families and value', async () => {
    const t = await templateByKey(client, 'intervensi-opd');
    const { ws } = await exportFile(core, client, t.id);
    const h = headersOf(ws, 5);
    expect(h).toEqual(['No', 'OPD', 'Jenis Intervensi', 'Jumlah Orang', 'Jumlah Keluarga', 'Keluarga Miskin Ekstrem', 'Nilai (Rp)', 'Tanggal Pertama', 'Tanggal Terakhir']);
    // "{kabupaten} — {wilayah}" without a chosen area names the kabupaten once.
    expect(ws.getCell(2, 1).value).toBe('Kabupaten Kotawaringin Timur');
    const sosial = findRow(ws, 2, 'Dinas Sosial');
    expect(rowTexts(ws, sosial).slice(2)).toEqual(['Bantuan pangan', 2, 2, 1, 750_000, '2025-04-15', '2025-04-15']);
    expect(ws.getCell(sosial, 8).numFmt).toBe('dd/mm/yyyy');
    // JUMLAH counts families, not rows: Ahmad Fauzi (Dinas Sosial) and his wife Rina (Dinas Kesehatan) are one family.
    const total = findRow(ws, 2, 'JUMLAH');
    expect(rowTexts(ws, total).slice(3, 7)).toEqual([3, 2, 1, 750_000]);
    expect(ws.getCell(3, 1).value).toMatch(/dihitung sekali/);
  });

  it('kemiskinan ekstrem per desa: registry counts and intervention coverage', async () => {
    const t = await templateByKey(client, 'kemiskinan-desa');
    const { ws } = await exportFile(core, client, t.id, { wilayah: '62.02.01', dari: '2025-01-01', sampai: '2025-06-30' });
    expect(ws.getCell(2, 1).value).toBe('Kabupaten Kotawaringin Timur — Kecamatan Kota Besi');
    const r = findRow(ws, 3, 'Palangan');
    expect(rowTexts(ws, r).slice(3)).toEqual(['6202012003', 1, 3, 1, 1, 3, 1, 0, 1]);
    expect(ws.getCell(r, 12).numFmt).toBe('0.00%');
    const other = findRow(ws, 3, 'Hanjalipan');
    expect(rowTexts(ws, other).slice(4, 11)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('SPM sosial: Y from the registry, X from aid received in the period, X/Y as percent', async () => {
    const t = await templateByKey(client, 'spm-sosial');
    const { ws } = await exportFile(core, client, t.id, { dari: '2025-01-01', sampai: '2025-12-31' });
    expect(ws.getCell(1, 1).value).toBe('REALISASI PENCAPAIAN SPM BIDANG SOSIAL TAHUN 2025');
    expect(ws.getCell(2, 1).value).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    const h = headersOf(ws, 5);
    expect(h).toEqual(['No', 'Jenis Pelayanan Dasar', 'Perhitungan', 'Membutuhkan Layanan (Y)', 'Terlayani (X)', 'Capaian (X/Y)', 'Target', 'Keterangan']);
    const values = [7, 8, 9, 10, 11].map((r) => [ws.getCell(r, 4).value, ws.getCell(r, 5).value, ws.getCell(r, 6).value]);
    expect(values).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
      [0, 0, null],
      [0, 0, null],
    ]);
  });
});

describe.runIf(() => aid)('SPM year', () => {
  it('is the chosen period’s, never the clock’s; without a period the export asks for one', async () => {
    const t = await templateByKey(client, 'spm-sosial');
    const y2024 = await exportFile(core, client, t.id, { dari: '2024-01-01', sampai: '2024-12-31' });
    expect(y2024.ws.getCell(1, 1).value).toBe('REALISASI PENCAPAIAN SPM BIDANG SOSIAL TAHUN 2024');
    expect(y2024.result.file.name).toBe('SPM Sosial 2024.xlsx');
    const span = await exportFile(core, client, t.id, { dari: '2024-07-01', sampai: '2025-06-30' });
    expect(span.ws.getCell(1, 1).value).toBe('REALISASI PENCAPAIAN SPM BIDANG SOSIAL TAHUN 2024–2025');
    const none = await client.call('exports.run', { templateId: t.id, filters: {} });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toContain('Pilih periode laporan SPM');
  });
});

/*
 * Where the filter buttons go (issue 14). In OOXML (and as LibreOffice 7.4 imports it: a database range with
 * filter buttons whose first row is the header) the first row of the autoFilter range carries the buttons and
 * EVERY row under it is data that a filter hides and a sort moves. A column-number row between the header and
 * the data would therefore be filtered and sorted into the list if the range started on the header row; so the
 * buttons sit on the row directly above the data — the header row itself when there is no number row, the
 * number row (under its header) when there is one — and the range ends with the last data row, above JUMLAH.
 */
describe.runIf(() => aid)('filter buttons of every built-in report', () => {
  const filters: Record<string, Record<string, unknown>> = {
    'penerima-program': { program: 'PKH' },
    'penerima-penyerahan': {},
    'rekap-penyaluran': { dari: '2025-01-01', sampai: '2025-12-31' },
    'intervensi-opd': { dari: '2025-01-01', sampai: '2025-12-31' },
    'kemiskinan-desa': { dari: '2025-01-01', sampai: '2025-12-31' },
    'spm-sosial': { dari: '2025-01-01', sampai: '2025-12-31' },
  };
  it.each(BUILTIN_TEMPLATES.map((b) => [b.key, b.def.numberRow, b.def.totalsRow] as const))('%s: on the row right above the data, covering the data only', async (key, numberRow, totalsRow) => {
    const t = await templateByKey(client, key);
    const f = key === 'penerima-penyerahan' ? { penyerahanId: penyerahanSembako } : (filters[key] ?? {});
    const { ws, result, path } = await exportFile(core, client, t.id, f);
    expect(result.rows).toBeGreaterThan(0);
    // The frozen rows end right above the data.
    const top = (ws.views[0] as { ySplit: number }).ySplit;
    const lastCol = ws.getRow(top).cellCount;
    const letter = ws.getColumn(lastCol).letter;
    expect(ws.autoFilter).toBe(`A${top}:${letter}${top + result.rows}`);
    // The workbook defines the filter's database, hidden and local to the sheet, as Excel does: LibreOffice builds
    // the filter from it and drops the buttons without it.
    expect(filterDatabases(path)).toEqual([{ attrs: 'name="_xlnm._FilterDatabase" localSheetId="0" hidden="1"', ref: `'${ws.name}'!$A$${top}:$${letter}$${top + result.rows}` }]);
    if (numberRow) {
      // The buttons' row is the column numbers 1..n; the header texts are on the row above it, outside the range.
      expect(rowTexts(ws, top)).toEqual(Array.from({ length: lastCol }, (_, i) => i + 1));
      expect(String(ws.getCell(top - 1, 1).value)).toBe('No');
    } else {
      expect(typeof ws.getCell(top, 1).value).toBe('string');
    }
    // The row after the range is JUMLAH (totals) or nothing.
    const after = rowTexts(ws, top + result.rows + 1).filter((v) => v !== null);
    if (totalsRow) expect(after).toContain('JUMLAH');
    else expect(after).toEqual([]);
  });
});

/** The `_xlnm._FilterDatabase` names of a workbook, their attributes and reference. */
function filterDatabases(path: string) {
  return [...workbookXml(path).matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)]
    .filter((m) => m[1]!.includes('"_xlnm._FilterDatabase"'))
    .map((m) => ({ attrs: m[1]!, ref: m[2]!.replace(/&apos;/g, "'") }));
}

describe.runIf(runCalcTests)('filter buttons through LibreOffice Calc', () => {
  it.each(['dtks', 'rekap-penyaluran'])('%s: Calc opens the export with its filter and saves it back with the same range', async (key) => {
    const t = await templateByKey(client, key);
    const { ws, result, path } = await exportFile(core, client, t.id, key === 'rekap-penyaluran' ? { dari: '2025-01-01', sampai: '2025-12-31' } : {});
    const dir = mkdtempSync(join(tmpdir(), 'dinsos-calc-'));
    try {
      const file = join(dir, `${key}.xlsx`);
      copyFileSync(path, file);
      const run = spawnSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), file], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const saved = join(dir, 'out', `${key}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(saved);
      const top = (ws.views[0] as { ySplit: number }).ySplit;
      expect(result.rows).toBeGreaterThan(0);
      expect(wb.worksheets[0]!.autoFilter).toBe(ws.autoFilter);
      // Calc writes the name back (unquoted where the sheet name needs no quotes).
      expect(filterDatabases(saved).map((d) => d.ref.replace(/^'(.*)'!/, '$1!'))).toEqual([`${ws.name}!$A$${top}:$${ws.getColumn(ws.getRow(top).cellCount).letter}$${top + result.rows}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

it('every built-in template is covered above', () => {
  expect(BUILTIN_TEMPLATES.map((b) => b.key)).toEqual([
    'siks-ng-usulan', 'dtks', 'p3ke-keluarga', 'p3ke-individu', 'penerima-program', 'penerima-penyerahan', 'rekap-penyaluran',
    'intervensi-opd', 'kemiskinan-desa', 'spm-sosial',
  ]);
});
