import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { headerRow, xlsxBytes } from '../../helpers/xlsx';
import { caller, DESA, KEC_MBK, KEC_MHU, nik } from './fixtures';

describe('operator directory', () => {
  let core: Core;
  let api: ReturnType<typeof caller>;
  beforeEach(async () => {
    core = await openTestCore();
    api = caller(core, await setUpOffice(core));
  });
  afterEach(async () => core.close());

  it('saves an operator with normalised phone and NIK, and refuses a second operator with the same NIK', async () => {
    const { operator, warnings } = await api.ok('meetings.saveOperator', {
      nama: '  Rina Marlina ',
      nik: '6202 0612 0390 0001',
      noHp: '+62 812-5123-4567',
      email: 'Rina@Gmail.com',
      desaKode: DESA.ketapang,
      skNomor: '400/12/DSP/2022',
      skTanggal: '2022-03-01',
    });
    expect(operator).toMatchObject({
      nama: 'Rina Marlina',
      nik: '6202061203900001',
      noHp: '081251234567',
      email: 'rina@gmail.com',
      desaNama: 'Ketapang',
      kecamatanKode: KEC_MBK,
      kecamatanNama: 'Mentawa Baru Ketapang',
      jabatan: 'Operator DTKS',
      aktif: true,
    });
    expect(warnings).toEqual([]);

    const dup = await api.fail('meetings.saveOperator', { nama: 'Orang Lain', nik: '6202061203900001', desaKode: DESA.sawahan });
    expect(dup.code).toBe('INVALID_INPUT');
    expect(dup.message).toContain('NIK sudah dipakai operator Rina Marlina');

    const badPhone = await api.fail('meetings.saveOperator', { nama: 'Budi', noHp: '12345', desaKode: DESA.sawahan });
    expect(badPhone.issues?.[0]).toMatchObject({ path: 'noHp' });
    const badNik = await api.fail('meetings.saveOperator', { nama: 'Budi', nik: '1234567890123456', desaKode: DESA.sawahan });
    expect(badNik.issues?.[0]?.path).toBe('nik');

    // A desa outside the office's kabupaten (Palangka Raya, 62.71) is refused.
    const foreign = await api.fail('meetings.saveOperator', { nama: 'Budi Santoso', desaKode: '62.71.01.1001' });
    expect(foreign.message).toMatch(/bukan wilayah/);

    // NIK from another kabupaten is only a warning.
    const other = await api.ok('meetings.saveOperator', { nama: 'Sari Dewi', nik: '6271015203900002', noHp: '0813 4455 6677', desaKode: DESA.sawahan });
    expect(other.warnings.join(' ')).toMatch(/wilayah lain/);
  });

  it('lists villages without an active operator, and deactivating an operator puts the village back on that list', async () => {
    const a = await api.ok('meetings.saveOperator', { nama: 'Rina Marlina', noHp: '081251234567', desaKode: DESA.ketapang });
    await api.ok('meetings.saveOperator', { nama: 'Joko Susilo', noHp: '081251234568', desaKode: DESA.pondokDamar });
    let cov = await api.ok('meetings.coverage', undefined);
    const mbk = cov.find((k) => k.kode === KEC_MBK)!;
    expect(mbk.desa.find((d) => d.kode === DESA.ketapang)!.operatorAktif).toBe(1);
    expect(mbk.tanpaOperator).toBe(mbk.desa.length - 1);
    expect(cov.find((k) => k.kode === '62.02.01')!.tanpaOperator).toBe(cov.find((k) => k.kode === '62.02.01')!.desa.length);

    await api.ok('meetings.saveOperator', { ...a.operator, aktif: false, desaKode: a.operator.desaKode });
    cov = await api.ok('meetings.coverage', undefined);
    expect(cov.find((k) => k.kode === KEC_MBK)!.tanpaOperator).toBe(mbk.desa.length);
    const audit = await core.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'operator_desa').orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'create', 'status']);
  });

  it('imports a sheet with title rows and synonym headers, rejecting bad rows with row numbers and committing nothing half-way', async () => {
    await api.ok('meetings.saveOperator', { nama: 'Rina Marlina', nik: nik(1), noHp: '081251234567', email: 'rina@gmail.com', desaKode: DESA.ketapang });
    const bytes = (await xlsxBytes([
      {
        name: 'Operator',
        rows: [
          ['DAFTAR OPERATOR SIKS-NG DESA/KELURAHAN'],
          ['KABUPATEN KOTAWARINGIN TIMUR TAHUN 2022'],
          [],
          headerRow(['NO', 'NAMA OPERATOR', 'NIK', 'KEC.', 'DESA/KEL', 'NO. HP / WA', 'NO SK', 'TGL SK', 'KET']),
          ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
          [1, 'RINA MARLINA', nik(1), 'Mentawa Baru Ketapang', 'Ketapang', '', '', '', 'Ganti HP'], // row 6: update, empty HP keeps the old one
          [2, 'Agus Salim', nik(2), 'mentawa baru ketapang', 'kel. sawahan', '0812 5000 1111', '12/SK/2022', '01/03/2022', ''], // row 7: new
          [3, 'Dedi Kurniawan', 6202061203900003, KEC_MHU, 'Pondok Damar', '081250001112', '', '', ''], // row 8: NIK as number
          [4, 'Yanti', nik(4, true), 'Mentaya Hilir Utara', 'Bagendang Hilirr', '081250001113', '', '', ''], // row 9: typo → accepted via spelling tolerance? no: match never guesses
          [5, 'Siti Aminah', nik(5, true), 'Mentaya Hilir Utara', 'Natai Baru', '0812-abc', '', '', ''], // row 10: bad phone
          [6, 'Agus Salim', nik(2), 'Mentawa Baru Ketapang', 'Sawahan', '081250001111', '', '', ''], // row 11: duplicate of row 7
          [7, 'Hendra', nik(7), 'Mentaya Hilir Utara', 'Natai Baru', '081250001114', '', '31/02/2022', ''], // row 12: bad date
          [],
          ['', 'Sampit, 17 November 2022'],
          ['', 'Mengetahui,', '', '', 'Operator Kabupaten'],
          ['', 'Kepala Bidang Linjamsos'],
          [],
          ['', 'H. ABDUL RAHMAN', '', '', 'SITI'],
          ['', 'NIP. 19660503 199102 1 001'],
        ],
      },
    ])) as Uint8Array<ArrayBuffer>;
    const file = { fileName: 'operator kotim.xlsx', bytes };
    const preview = await api.ok('meetings.importOperators', { file });
    expect(preview.committed).toBe(false);
    expect(preview.sheet).toBe('Operator');
    expect(preview.baru).toBe(1);
    expect(preview.diperbarui).toBe(1);
    const rejected = new Map(preview.ditolak.map((r) => [r.row, r.reasons.join(' | ')]));
    expect([...rejected.keys()].sort((x, y) => x - y)).toEqual([8, 9, 10, 11, 12]);
    expect(preview.dilewati.map((d) => d.row)).toEqual([14, 15, 16, 18, 19]);
    expect(preview.dilewati[0]!.teks).toBe('Sampit, 17 November 2022');
    expect(rejected.get(8)).toMatch(/Kecamatan "62.02.07"|NIK: Nomor tersimpan sebagai angka/);
    expect(rejected.get(9)).toMatch(/Bagendang Hilirr.*Maksudnya Bagendang Hilir/);
    expect(rejected.get(10)).toMatch(/No. HP\/WA: Nomor HP tidak dikenali/);
    expect(rejected.get(11)).toMatch(/NIK sama dengan baris 7/);
    expect(rejected.get(12)).toMatch(/Tanggal SK "31\/02\/2022"/);

    // Commit without consent to skip rejected rows: refused, nothing written.
    const refused = await api.fail('meetings.importOperators', { file, commit: true });
    expect(refused.code).toBe('IMPORT_HAS_REJECTED');
    expect(await core.db.selectFrom('operator_desa').select('id').execute()).toHaveLength(1);

    const done = await api.ok('meetings.importOperators', { file, commit: true, lewatiDitolak: true });
    expect(done.committed).toBe(true);
    const rows = await api.ok('meetings.listOperators', { aktif: 'semua' });
    expect(rows.map((r) => r.nama).sort()).toEqual(['Agus Salim', 'RINA MARLINA']);
    const rina = rows.find((r) => r.nik === nik(1))!;
    expect(rina.noHp).toBe('081251234567'); // empty cell did not erase
    expect(rina.email).toBe('rina@gmail.com');
    expect(rina.catatan).toBe('Ganti HP');
    const agus = rows.find((r) => r.nama === 'Agus Salim')!;
    expect(agus).toMatchObject({ desaKode: DESA.sawahan, noHp: '081250001111', skNomor: '12/SK/2022', skTanggal: '2022-03-01' });
    const imported = await core.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').executeTakeFirstOrThrow();
    expect(JSON.parse(imported.after_json!)).toMatchObject({ baru: 1, diperbarui: 1 });

    // Undo: the added operator goes, the updated one gets its old data back; a second undo is refused.
    expect(await api.ok('meetings.undoOperatorImport', { batch: done.batch! })).toEqual({ dihapus: 1, dipulihkan: 1 });
    const after = await api.ok('meetings.listOperators', { aktif: 'semua' });
    expect(after.map((r) => [r.nama, r.noHp, r.catatan])).toEqual([['Rina Marlina', '081251234567', null]]);
    expect((await api.fail('meetings.undoOperatorImport', { batch: done.batch! })).message).toMatch(/sudah dibatalkan/);
  });

  it('refuses to undo an import whose operators were invited or edited since', async () => {
    const bytes = (await xlsxBytes([
      { name: 'S', rows: [headerRow(['Nama', 'Kecamatan', 'Desa', 'No HP']), ['Agus Salim', 'Mentawa Baru Ketapang', 'Sawahan', '081250001111'], ['Joko', 'Mentaya Hilir Utara', 'Pondok Damar', '081250001112']] },
    ])) as Uint8Array<ArrayBuffer>;
    const done = await api.ok('meetings.importOperators', { file: { fileName: 'x.xlsx', bytes }, commit: true });
    const m = await api.ok('meetings.saveMeeting', { judul: 'Rapat Operator DTKS', jenis: 'operator_dtks', tanggal: '2022-11-17', jamMulai: '09:00', tempat: 'Aula', pimpinan: { nama: 'Kepala Dinas', jabatan: 'Kepala Dinas Sosial' }, agenda: [{ judul: 'Pemutakhiran' }] });
    await api.ok('meetings.inviteOperators', { rapatId: m.id, kecamatanKodes: [KEC_MHU] });
    const agus = (await api.ok('meetings.listOperators', { q: 'agus' }))[0]!;
    await api.ok('meetings.saveOperator', { ...agus, noHp: '081299990000' });
    const refused = await api.fail('meetings.undoOperatorImport', { batch: done.batch! });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Agus Salim sudah diubah setelah impor');
    expect(refused.message).toContain('Joko sudah tercatat sebagai peserta rapat');
    expect(await core.db.selectFrom('operator_desa').select('id').execute()).toHaveLength(2);
  });

  it('refuses a file that is not a workbook or has no recognisable header', async () => {
    const notXlsx = await api.fail('meetings.importOperators', { file: { fileName: 'a.xlsx', bytes: new TextEncoder().encode('nama,desa\nA,B') as Uint8Array<ArrayBuffer> } });
    expect(notXlsx.message).toMatch(/bukan buku kerja Excel/);
    const noHeader = await api.fail('meetings.importOperators', { file: { fileName: 'b.xlsx', bytes: (await xlsxBytes([{ name: 'S', rows: [['Foo', 'Bar'], ['1', '2']] }])) as Uint8Array<ArrayBuffer> } });
    expect(noHeader.code).toBe('IMPORT_NO_HEADER');
  });

  it('exports the directory with NIK and phone as text cells, and the export imports back unchanged', async () => {
    await api.ok('meetings.saveOperator', { nama: '=HYPERLINK("x")', nik: nik(1), noHp: '081251234567', desaKode: DESA.ketapang, skTanggal: '2022-03-01' });
    await api.ok('meetings.saveOperator', { nama: 'Joko Susilo', nik: nik(9), noHp: '081251234568', desaKode: DESA.pondokDamar });
    const ref = await api.ok('meetings.exportOperators', { aktif: 'semua' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(core.services.outbox.get(ref.id).path);
    const ws = wb.getWorksheet('Operator')!;
    expect(ws.getRow(4).values).toContain('NIK');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBeTruthy();
    const first = ws.getRow(5);
    expect(first.getCell(5).value).toBe('=HYPERLINK("x")');
    expect(first.getCell(5).numFmt).toBe('@');
    expect(first.getCell(6).value).toBe(nik(1));
    expect(typeof first.getCell(6).value).toBe('string');
    expect(first.getCell(7).value).toBe('081251234567');
    expect(first.getCell(11).numFmt).toBe('dd/mm/yyyy');

    const back = await api.ok('meetings.importOperators', { file: { fileName: ref.name, bytes: new Uint8Array(readFileSync(core.services.outbox.get(ref.id).path)) as Uint8Array<ArrayBuffer> } });
    expect(back).toMatchObject({ dataRows: 2, baru: 0, diperbarui: 2, ditolak: [] });
  });
});
