import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runCli } from '../../../electron/cli/run';
import type { ExportPreview, ExportTemplate, HasilImportResult } from '../../../shared/api/exports';
import type { JobStatus } from '../../../shared/api/jobs';
import { RESOURCES } from '../../helpers/webApp';
import { call, exportFile, templateByKey } from './helpers';
import { openSeededCore, seedRegistry } from './seed';

let core: Core;
let client: ReturnType<Core['createClient']>;
let dbPath: string;

beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'dinsos-exp-')), 'dinsos.sqlite');
  ({ core, client } = await openSeededCore(dbPath));
  await seedRegistry(core);
});
afterAll(async () => core?.close());

describe('templates as data', () => {
  it('built-ins cannot be edited or deleted, only copied; the copy is edited (rename, reorder, drop a column)', async () => {
    const siks = await templateByKey(client, 'siks-ng-usulan');
    const edit = await client.call('exports.saveTemplate', { id: siks.id, nama: siks.nama, deskripsi: '', def: siks.def });
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.error.code).toBe('TEMPLATE_BUILTIN');
    const del = await client.call('exports.deleteTemplate', { id: siks.id });
    expect(del.ok).toBe(false);

    const copy = await call<ExportTemplate>(client, 'exports.duplicateTemplate', { id: siks.id, nama: 'Usulan Kotim' });
    expect(copy.builtin).toBe(false);
    expect(copy.basedOnId).toBe(siks.id);
    const clash = await client.call('exports.duplicateTemplate', { id: siks.id, nama: 'usulan kotim' });
    expect(clash.ok).toBe(false);

    const columns = [...copy.def.columns];
    const nik = columns.shift()!;
    columns.splice(3, 0, { ...nik, header: 'NOMOR INDUK KEPENDUDUKAN' }); // after NAMA
    const withoutHamil = columns.filter((c) => c.field !== 'statusHamil' && c.field !== 'tanggalMulaiHamil');
    const saved = await call<ExportTemplate>(client, 'exports.saveTemplate', { id: copy.id, nama: 'Usulan Kotim', deskripsi: 'Untuk rapat', def: { ...copy.def, sheetName: 'USULAN', columns: withoutHamil } });
    expect(saved.def.columns).toHaveLength(19);

    const { ws } = await exportFile(core, client, saved.id);
    expect(ws.name).toBe('USULAN');
    expect([1, 2, 3, 4].map((c) => ws.getCell(1, c).value)).toEqual(['PROGRAM BANSOS', 'NOKK', 'NAMA', 'NOMOR INDUK KEPENDUDUKAN']);
    expect(ws.getCell(2, 4).type).toBe(ExcelJS.ValueType.String);
    expect(ws.columnCount).toBe(19);
    // The built-in is untouched.
    expect((await templateByKey(client, 'siks-ng-usulan')).def.columns[0]!.header).toBe('NIK');

    const audit = await core.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'export_template').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'export']));
  });

  it('rejects a column whose value is not a field of the source, and bad sheet names, with Indonesian messages', async () => {
    const dtks = await templateByKey(client, 'dtks');
    const copy = await call<ExportTemplate>(client, 'exports.duplicateTemplate', { id: dtks.id, nama: 'DTKS salinan' });
    const bad = await client.call('exports.saveTemplate', {
      id: copy.id,
      nama: copy.nama,
      deskripsi: '',
      def: { ...copy.def, sheetName: 'DATA/2025', columns: [...copy.def.columns, { header: 'X', field: 'select * from app_user', width: 10, kind: 'text' }] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_INPUT');
      const messages = bad.error.issues?.map((i) => i.message).join(' | ') ?? '';
      expect(messages).toContain('Nama sheet tidak boleh memuat');
      expect(messages).toContain('tidak tersedia untuk sumber data ini');
    }
  });

  it('a deleted copy disappears from the list and can be restored', async () => {
    const t = await templateByKey(client, 'p3ke-keluarga');
    const copy = await call<ExportTemplate>(client, 'exports.duplicateTemplate', { id: t.id, nama: 'P3KE sementara' });
    await call(client, 'exports.deleteTemplate', { id: copy.id });
    let list = await call<ExportTemplate[]>(client, 'exports.templates', {});
    expect(list.some((x) => x.id === copy.id)).toBe(false);
    await call(client, 'exports.restoreTemplate', { id: copy.id });
    list = await call<ExportTemplate[]>(client, 'exports.templates', {});
    expect(list.some((x) => x.id === copy.id)).toBe(true);
  });

  it('only an admin may change templates; petugas may export', async () => {
    const created = await client.call('users.create', { username: 'petugas1', nama: 'Petugas Satu', role: 'petugas', password: 'rahasia-sekali-123', wilayah: [] });
    expect(created.ok).toBe(true);
    const other = core.createClient();
    const login = await other.call('auth.login', { username: 'petugas1', password: 'rahasia-sekali-123' });
    expect(login.ok).toBe(true);
    const t = await templateByKey(other, 'dtks');
    const dup = await other.call('exports.duplicateTemplate', { id: t.id, nama: 'Tidak boleh' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('FORBIDDEN');
    const preview = await other.call('exports.preview', { templateId: t.id, filters: {} });
    expect(preview.ok).toBe(true);
  });
});

describe('a user limited to a region', () => {
  it('exports only inside it and is refused elsewhere', async () => {
    const created = await client.call('users.create', { username: 'petugas2', nama: 'Petugas Mentawa', role: 'petugas', password: 'rahasia-sekali-123', wilayah: ['62.02.06'] });
    expect(created.ok).toBe(true);
    // Only operators get regions today (and they do not export); the limit is enforced for any role that has one.
    await core.db.updateTable('app_user').set({ wilayah_json: JSON.stringify(['62.02.06']) }).where('username', '=', 'petugas2').execute();
    const other = core.createClient();
    expect((await other.call('auth.login', { username: 'petugas2', password: 'rahasia-sekali-123' })).ok).toBe(true);
    const t = await templateByKey(other, 'siks-ng-usulan');
    const own = await call<ExportPreview>(other, 'exports.preview', { templateId: t.id, filters: {} });
    expect(own.rows).toBe(1);
    expect(own.sample[0]![0]).toBe('6202065006500004');
    const outside = await other.call('exports.run', { templateId: t.id, filters: { wilayah: '62.02.01' } });
    expect(outside.ok).toBe(false);
    if (!outside.ok) expect(outside.error.code).toBe('FORBIDDEN');
  });
});

describe('preview and run', () => {
  it('counts the rows the export will have before writing, and shows the first rows', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const all = await call<ExportPreview>(client, 'exports.preview', { templateId: t.id, filters: {} });
    expect(all.rows).toBe(4);
    expect(all.sample).toHaveLength(4);
    expect(all.headers[0]).toBe('NIK');
    expect(all.sample.map((r) => r[0])).toContain('6202011203850001');
    const semua = await call<ExportPreview>(client, 'exports.preview', { templateId: t.id, filters: { status: 'semua' } });
    expect(semua.rows).toBe(5);
    const none = await call<ExportPreview>(client, 'exports.preview', { templateId: t.id, filters: { dari: '2026-01-01' } });
    expect(none.rows).toBe(0);
    const ignored = await call<ExportPreview>(client, 'exports.preview', { templateId: t.id, filters: { sumberDana: 'apbn' } });
    expect(ignored.ignoredFilters).toEqual(['sumberDana']);
  });

  it('refuses an empty export and an inverted period with a message', async () => {
    const t = await templateByKey(client, 'siks-ng-usulan');
    const empty = await client.call('exports.run', { templateId: t.id, filters: { dari: '2026-01-01' } });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('Tidak ada baris');
    const inverted = await client.call('exports.run', { templateId: t.id, filters: { dari: '2025-06-01', sampai: '2025-01-01' } });
    expect(inverted.ok).toBe(false);
    if (!inverted.ok) expect(inverted.error.issues?.[0]?.message).toBe('Tanggal awal periode harus sebelum tanggal akhir.');
  });

  it('a cancelled export leaves no file behind', async () => {
    // Enough rows for several pages, so the cancel lands between pages.
    const at = '2025-05-01T00:00:00.000Z';
    const k = await core.db.insertInto('keluarga').values({ no_kk: '6202019999000001', alamat: 'Massal', dusun: null, rt: null, rw: null, desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', id_dtks: null, desil: null, sumber: null, import_batch_id: null, catatan: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const rows = Array.from({ length: 9000 }, (_, i) => ({ keluarga_id: k.id, nik: `62020199${String(i).padStart(8, '0')}`, nama: `Orang ${i}`, nama_key: `orang ${i}`, jenis_kelamin: null, tempat_lahir: null, tanggal_lahir: null, hubungan: null, ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: at, updated_at: at }));
    for (let i = 0; i < rows.length; i += 500) await core.db.insertInto('anggota').values(rows.slice(i, i + 500)).execute();
    const t = await templateByKey(client, 'dtks');
    const outbox = core.paths.outboxDir;
    const before = new Set(readdirSync(outbox));
    const job = await call<JobStatus>(client, 'exports.run', { templateId: t.id, filters: {} });
    await call(client, 'jobs.cancel', { id: job.id });
    const done = await core.services.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(done.error?.message).toContain('Dibatalkan');
    const added = readdirSync(outbox).filter((f) => !before.has(f));
    expect(added).toEqual([]);
  });
});

describe('SIKS-NG result file', () => {
  it('updates each proposal and the padan status by NIK; unknown NIK and bad rows are listed, not lost', async () => {
    const csv = [
      'nama_kec,nama_desa,nik_usulan,program_bansos,hasil,padan,nama_lgkp,ket_vali',
      'KOTA BESI,PALANGAN,6202014507880002,PKH,DITERIMA,PADAN,RINA MARLINA,Lolos verifikasi',
      'KOTA BESI,PALANGAN,6202011203850001,BPNT,DITOLAK,TIDAK PADAN,AHMAD FAUZI,NIK tidak ditemukan di Dukcapil',
      'KOTA BESI,PALANGAN,6202019999999999,PKH,DITERIMA,PADAN,ORANG LAIN,',
      'KOTA BESI,PALANGAN,12345,PKH,DITERIMA,PADAN,SALAH,',
    ].join('\r\n');
    const result = await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil.csv', bytes: new TextEncoder().encode(csv) } });
    expect(result).toMatchObject({ rows: 4, updated: 2, padanChanged: 2 });
    expect(result.notFound).toEqual([{ row: 4, nik: '6202019999999999', nama: 'ORANG LAIN' }]);
    expect(result.rejected.map((r) => r.row)).toEqual([5]);
    const padan = await core.db.selectFrom('anggota').select(['nik', 'padan']).where('nik', 'in', ['6202014507880002', '6202011203850001']).orderBy('nik').execute();
    expect(padan).toEqual([
      { nik: '6202011203850001', padan: 'tidak_padan' },
      { nik: '6202014507880002', padan: 'padan' },
    ]);
    const usulan = await call<{ nik: string; hasil: string; program: string }[]>(client, 'exports.usulan', { q: 'Rina' });
    expect(usulan).toMatchObject([{ nik: '6202014507880002', program: 'PKH', hasil: 'DITERIMA' }]);
    const audits = await core.db.selectFrom('audit_log').select('entity').where('entity', '=', 'usulan').execute();
    expect(audits).toHaveLength(2);
    // Ahmad's BPNT proposal got its result; his PKH proposal still waits for one.
    const ahmad = await core.db.selectFrom('usulan').innerJoin('anggota', 'anggota.id', 'usulan.anggota_id').select(['usulan.program', 'usulan.hasil']).where('anggota.nik', '=', '6202011203850001').orderBy('usulan.id').execute();
    expect(ahmad).toEqual([{ program: 'PKH', hasil: null }, { program: 'BPNT', hasil: 'DITOLAK' }]);

    // The SIKS-NG template now proposes Rina for the programme recorded in her usulan.
    const t = await templateByKey(client, 'siks-ng-usulan');
    const { ws } = await exportFile(core, client, t.id, { wilayah: '62.02.01.2003' });
    let rina = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '6202014507880002') rina = n;
    });
    expect(ws.getCell(rina, 2).value).toBe('PKH');
  });

  it('reads a result file without a recognisable header in the documented column order', async () => {
    const csv = ['KEC;DESA;NIK;PROG;HSL;PDN;NAMA;KET', 'MENTAWA BARU KETAPANG;KETAPANG;6202065006500004;PBI;DITOLAK;PADAN;SULASTRI;Data ganda'].join('\n');
    const result = await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil-siks.csv', bytes: new TextEncoder().encode(csv) } });
    expect(result).toMatchObject({ rows: 1, updated: 1, padanChanged: 1 });
    // Her proposal recorded as PBI-JK is the one SIKS-NG answered about (PBI): updated, not a second proposal.
    const rows = await core.db.selectFrom('usulan').innerJoin('anggota', 'anggota.id', 'usulan.anggota_id').select(['usulan.program', 'usulan.hasil', 'usulan.keterangan', 'anggota.padan']).where('anggota.nik', '=', '6202065006500004').execute();
    expect(rows).toEqual([{ program: 'PBI-JK', hasil: 'DITOLAK', keterangan: 'Data ganda', padan: 'padan' }]);
  });

  it('reads the result as .xlsx too, finding the columns by header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hasil');
    ws.addRow(['Hasil verifikasi SIKS-NG']);
    ws.addRow(['KETERANGAN', 'NIK USULAN', 'HASIL', 'PADAN', 'PROGRAM BANSOS']);
    ws.addRow(['ok', '6202010101150003', 'DITERIMA', 'PADAN', 'PBI']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const result = await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil.xlsx', bytes } });
    expect(result).toMatchObject({ rows: 1, updated: 1, notFound: [], rejected: [] });
    const dimas = await core.db.selectFrom('usulan').innerJoin('anggota', 'anggota.id', 'usulan.anggota_id').select(['usulan.program', 'usulan.hasil', 'usulan.keterangan']).where('anggota.nik', '=', '6202010101150003').orderBy('usulan.id').execute();
    // A new proposal beside his earlier one without a programme.
    expect(dimas).toEqual([
      { program: '(tanpa program)', hasil: null, keterangan: null },
      { program: 'PBI', hasil: 'DITERIMA', keterangan: 'ok' },
    ]);
  });
});

describe('undo of a SIKS-NG result import', () => {
  const csv = (hasil: string, padan: string) =>
    new TextEncoder().encode(['nik_usulan,program_bansos,hasil,padan', `6202010101150003,PKH,${hasil},${padan}`].join('\n'));
  const state = async () => ({
    padan: (await core.db.selectFrom('anggota').select('padan').where('nik', '=', '6202010101150003').executeTakeFirstOrThrow()).padan,
    usulan: (await core.db.selectFrom('usulan').innerJoin('anggota', 'anggota.id', 'usulan.anggota_id').select(['usulan.program', 'usulan.hasil']).where('anggota.nik', '=', '6202010101150003').orderBy('usulan.program').execute()),
  });

  it('puts back the proposals and padan it changed, once', async () => {
    const before = await state();
    const imported = await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil-1.csv', bytes: csv('DITOLAK', 'TIDAK PADAN') } });
    expect(await state()).not.toEqual(before);
    expect(await call(client, 'exports.undoHasil', { batchId: imported.batchId })).toEqual({ restored: 1 });
    expect(await state()).toEqual(before);
    const again = await client.call('exports.undoHasil', { batchId: imported.batchId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('Impor hasil SIKS-NG ini sudah dibatalkan.');
  });

  it('refuses when a later import changed the same people', async () => {
    const first = await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil-2.csv', bytes: csv('DITOLAK', 'TIDAK PADAN') } });
    await call<HasilImportResult>(client, 'exports.importHasil', { file: { fileName: 'hasil-3.csv', bytes: csv('DITERIMA', 'PADAN') } });
    const undo = await client.call('exports.undoHasil', { batchId: first.batchId });
    expect(undo.ok).toBe(false);
    if (!undo.ok) {
      expect(undo.error.code).toBe('CONFLICT');
      expect(undo.error.message).toContain('6202010101150003');
    }
  });
});

describe('command line', () => {
  it('lists templates and writes an export with filters', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['templates', '--db', dbPath], io, RESOURCES)).toBe(0);
    expect(out.join('\n')).toContain('siks-ng-usulan');
    const file = join(mkdtempSync(join(tmpdir(), 'cli-out-')), 'usulan.xlsx');
    out.length = 0;
    const code = await runCli(['export', 'siks-ng-usulan', '--out', file, '--db', dbPath, '--kecamatan', '62.02.06', '--json'], io, RESOURCES);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ rows: 1, template: 'siks-ng-usulan' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('DATA')!.getCell(2, 1).value).toBe('6202065006500004');
    expect(readdirSync(join(file, '..'))).toEqual(['usulan.xlsx']);
    // --program PKH: exactly the recorded PKH proposals of active people, each saying PKH.
    out.length = 0;
    expect(await runCli(['export', 'siks-ng-usulan', '--out', file, '--db', dbPath, '--program', 'PKH', '--json'], io, RESOURCES)).toBe(0);
    const pkh = await core.db.selectFrom('usulan as u').innerJoin('anggota as a', 'a.id', 'u.anggota_id').select('a.nik').where('u.program', '=', 'PKH').where('a.status', '=', 'aktif').execute();
    expect(pkh.length).toBeGreaterThan(0);
    const pkhFile = new ExcelJS.Workbook();
    await pkhFile.xlsx.readFile(file);
    const data = pkhFile.getWorksheet('DATA')!;
    const rows = Array.from({ length: data.rowCount - 1 }, (_, i) => [String(data.getCell(i + 2, 1).value), data.getCell(i + 2, 2).value]);
    expect(rows.map((r) => r[0]).sort()).toEqual(pkh.map((r) => r.nik).sort());
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['PKH']));
    expect(JSON.parse(out[0]!)).toMatchObject({ rows: pkh.length });
    expect(await runCli(['export', 'tidak-ada', '--out', file, '--db', dbPath], io, RESOURCES)).toBe(2);
    expect(err.join('\n')).toContain('Templat tidak dikenal');
    expect(await runCli(['export', 'dtks', '--out', file, '--db', dbPath, '--from', '31-12-2025'], io, RESOURCES)).toBe(2);
    expect(existsSync(file)).toBe(true);
  });
});
