import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { isPostgres } from '../../../electron/core/db/dialect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { DEFERRED_INDEXES } from '../../../electron/core/imports/bulkIndexes';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import { writeRejectedFile } from '../../../electron/core/imports/rejectedFile';
import { undoBatch } from '../../../electron/core/imports/undo';
import { createIntervensi } from '../../../electron/core/interventions/mutations';
import type { AppError } from '../../../electron/core/api/errors';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { importOptions } from './importOptions';
import { kk, messySheets, nik } from './messySheet';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';

let core: Core;
let dir: string;

beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
  await setUpOffice(core);
  dir = await tempDir('dinsos-imp-');
});
afterEach(async () => {
  await core.close();
});

function options(path: string, extra: Partial<ImportOptions> = {}): Promise<ImportOptions> {
  return importOptions(core, path, extra);
}

/** Every member carries its family's kecamatan (anggota.kec_kode), which the registry's kecamatan filter reads. */
async function expectKecamatanCopies() {
  const members = await core.db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select(['anggota.nik', 'anggota.kec_kode', 'keluarga.kecamatan_kode'])
    .execute();
  expect(members.length).toBeGreaterThan(0);
  expect(members.map((m) => [m.nik, m.kec_kode])).toEqual(members.map((m) => [m.nik, m.kecamatan_kode]));
}

async function counts() {
  const k = await core.db.selectFrom('keluarga').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const a = await core.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const p = await core.db.selectFrom('anggota_program').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { keluarga: Number(k.n), anggota: Number(a.n), program: Number(p.n) };
}

describe('import of a messy operator sheet', () => {
  it('gives every data row exactly one outcome with its reasons, and writes nothing in the preview', async () => {
    const { sheets, expected } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    const result = await runImport(await options(path));

    expect(result.sheet).toBe('DATA');
    expect(result.headerRow).toBe(4);
    expect(result.counts.dataRows).toBe(expected.length);
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    for (const e of expected) {
      const r = byRow.get(e.row);
      if (e.outcome === 'imported' && !e.warnings) {
        expect(r, `row ${e.row} should be a clean import`).toBeUndefined();
        continue;
      }
      expect(r?.outcome, `row ${e.row}`).toBe(e.outcome);
      for (const code of e.codes ?? []) expect(r!.reasons.map((p) => p.code), `row ${e.row}`).toContain(code);
      for (const code of e.warnings ?? []) expect(r!.warnings.map((p) => p.code), `row ${e.row}`).toContain(code);
      if (e.duplicateOfRow) expect(r!.duplicateOfRow).toBe(e.duplicateOfRow);
    }
    // No row appears that the sheet does not have as data (title, header, numbers, footer).
    for (const r of result.rows) expect(expected.map((e) => e.row)).toContain(r.row);
    expect(result.counts).toMatchObject({ imported: 6, rejected: 4, duplicateInFile: 1, updated: 0, duplicateRegistry: 0 });

    const suggestion = byRow.get(11)!.reasons.find((p) => p.code === 'REGION_DESA')!;
    expect(suggestion.message).toContain('Baamang Ulu Raya');
    expect(suggestion.message).toContain('Mungkin maksudnya');
    expect(suggestion.message).toContain('Baamang Hulu');
    expect(byRow.get(9)!.reasons[0]!.message).toMatch(/^NIK: .*tersimpan sebagai angka/i);
    expect(byRow.get(17)!.reasons[0]!.message).toMatch(/^No KK: .*tersimpan sebagai angka/i);

    expect(await counts()).toEqual({ keluarga: 0, anggota: 0, program: 0 });
  });

  it('commits the good rows in one batch with the data as read, and the rejected rows come back as Excel', async () => {
    const { sheets } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    const result = await runImport(await options(path, { commit: true }));
    expect(result.batchId).toBeGreaterThan(0);
    // A SIKS-NG usulan sheet proposes programmes: usulan rows, nothing received (usulanSheet.test.ts).
    expect(await counts()).toEqual({ keluarga: 3, anggota: 6, program: 0 });

    const budi = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.kepala).executeTakeFirstOrThrow();
    expect(budi).toMatchObject({ nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '1980-03-12', hubungan: 'Kepala Keluarga' });
    const rina = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.istri).executeTakeFirstOrThrow();
    expect(rina).toMatchObject({ jenis_kelamin: 'P', tanggal_lahir: '1984-01-31', keluarga_id: budi.keluarga_id, hubungan: 'Istri/Suami' });
    const andi = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.anak).executeTakeFirstOrThrow();
    expect(andi).toMatchObject({ tanggal_lahir: '2010-01-05', jenis_kelamin: 'L' });
    const dewi = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.wanitaDitulisL).executeTakeFirstOrThrow();
    expect(dewi.jenis_kelamin).toBe('L'); // as written; the mismatch is a warning, not a correction
    const keluarga = await core.db.selectFrom('keluarga').selectAll().where('no_kk', '=', kk.satu).executeTakeFirstOrThrow();
    expect(keluarga).toMatchObject({ desa_kode: '62.02.05.1003', kecamatan_kode: '62.02.05', rt: '3', rw: '1', import_batch_id: result.batchId });
    const ubar = await core.db.selectFrom('keluarga').selectAll().where('no_kk', '=', kk.tiga).executeTakeFirstOrThrow();
    expect(ubar.desa_kode).toBe('62.02.13.2011');
    await expectKecamatanCopies();
    const programs = await core.db.selectFrom('usulan').select('program').where('anggota_id', '=', budi.id).orderBy('program').execute();
    expect(programs.map((p) => p.program)).toEqual(['BPNT', 'PKH']);

    const batch = await core.db.selectFrom('import_batch').selectAll().where('id', '=', result.batchId!).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ file_name: 'usulan baamang.xlsx', data_rows: 11, imported: 6, rejected: 4, duplicates: 1, status: 'committed' });
    expect(batch.sha256).toMatch(/^[a-f0-9]{64}$/);
    const audit = await core.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);

    const out = join(dir, 'ditolak.xlsx');
    await writeRejectedFile(out, result.columns, result.rejected.rows(), result.rejected.width);
    const spoolFolder = result.rejected.folder;
    expect(spoolFolder).not.toBeNull();
    result.rejected.dispose();
    expect(existsSync(spoolFolder!)).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('Keterangan Kesalahan');
    expect(header.at(-2)).toBe('Baris Asal');
    expect(ws.rowCount).toBe(1 + 4);
    const nikCol = header.indexOf('NIK') + 1;
    const kkCol = header.indexOf('NO KK') + 1;
    const rowOf = (n: number) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(header.length - 1).value === n) return ws.getRow(r);
      throw new Error(`row ${n} missing`);
    };
    expect(rowOf(9).getCell(nikCol).type).toBe(ExcelJS.ValueType.String);
    expect(String(rowOf(9).getCell(header.length).value)).toMatch(/angka/);
    expect(rowOf(17).getCell(kkCol).type).toBe(ExcelJS.ValueType.String);
    expect(String(rowOf(12).getCell(header.length).value)).toMatch(/Nama kosong.*;|;.*Nama kosong/);
    expect(rowOf(11).getCell(nikCol).value).toBe(nik.salahDesa);
  });

  it('an injected failure half-way leaves the registry exactly as it was', async () => {
    const { sheets } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    await runImport(await options(path, { commit: true }));
    const before = await counts();
    const batches = await core.db.selectFrom('import_batch').selectAll().execute();

    const second = await writeXlsx(join(dir, 'lagi.xlsx'), sheets.map((s) => (s.name === 'DATA' ? { ...s, rows: s.rows.map((r) => r.map((c) => (c === 'Budi Santoso' ? 'Budi Santoso Ubah' : c))) } : s)));
    await expect(runImport(await options(second, { commit: true, failAfterRows: 5 }))).rejects.toThrow(/sengaja/);
    expect(await counts()).toEqual(before);
    expect(await core.db.selectFrom('import_batch').selectAll().execute()).toEqual(batches);
    const budi = await core.db.selectFrom('anggota').select('nama').where('nik', '=', nik.kepala).executeTakeFirstOrThrow();
    expect(budi.nama).toBe('Budi Santoso');
  });

  it('a failure after several chunks were written rolls all of them back', async () => {
    const rows: (string | number)[][] = [[...DTKS_HEADERS]];
    for (const k of makeFamilies(2500, 3)) for (const a of k.anggota) rows.push(dtksRow(k, a, rows.length));
    const path = await writeXlsx(join(dir, 'dtks.xlsx'), [{ name: 'DTKS', rows }]);
    const ok = await runImport(await options(path));
    expect(ok.counts.imported).toBe(rows.length - 1);
    expect(ok.preset.id).toBe('dtks');
    await expect(runImport(await options(path, { commit: true, failAfterRows: 2300 }))).rejects.toThrow(/sengaja/);
    expect(await counts()).toEqual({ keluarga: 0, anggota: 0, program: 0 });
    expect(await core.db.selectFrom('import_batch').selectAll().execute()).toEqual([]);
    const done = await runImport(await options(path, { commit: true }));
    expect(await counts()).toMatchObject({ anggota: done.counts.imported });
  });

  it('a first import larger than the registry rebuilds the search indexes at the end, exactly as they were; a failure after the switch restores them', async () => {
    // On SQLite the name-words trigger is deferred with the indexes (bulkIndexes.ts): it must come back as it was.
    const indexSql = async () =>
      (isPostgres(core.db)
        ? await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() order by indexname`.execute(core.db)
        : await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null order by name`.execute(core.db)
      ).rows;
    const before = await indexSql();
    expect(before.map((i) => i.name)).toEqual(expect.arrayContaining([...DEFERRED_INDEXES]));
    const rows: (string | number)[][] = [[...DTKS_HEADERS]];
    for (const k of makeFamilies(7000, 11)) for (const a of k.anggota) if (rows.length <= 7000) rows.push(dtksRow(k, a, rows.length));
    const path = await writeXlsx(join(dir, 'dtks.xlsx'), [{ name: 'DTKS', rows }]);

    // Chunks of 800: the indexes are dropped once 5,600 people are written, well before row 6,500 fails.
    await expect(runImport(await options(path, { commit: true, failAfterRows: 6500 }))).rejects.toThrow(/sengaja/);
    expect(await indexSql()).toEqual(before);
    expect(await counts()).toEqual({ keluarga: 0, anggota: 0, program: 0 });

    const labels: string[] = [];
    const done = await runImport(await options(path, { commit: true, onProgress: (_d, _t, label) => labels.push(label) }));
    expect(done.counts.imported).toBe(7000);
    // PostgreSQL keeps its indexes: dropping one there would lock the table for every other PC (postgres/importLocks).
    expect(labels.some((l) => l.includes('menyusun indeks'))).toBe(!isPostgres(core.db));
    expect(await indexSql()).toEqual(before);
    // SQLite's planner is asked to use the rebuilt index; PostgreSQL's picks by its statistics, and the definitions
    // compared above are the proof there.
    if (!isPostgres(core.db)) {
      const plan = await sql<{ detail: string }>`explain query plan select id from anggota where kec_kode = '62.02.01' and nama_key like 'a%'`.execute(core.db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/anggota_kec_nama/);
    }
    expect(await counts()).toMatchObject({ anggota: 7000 });
    await expectKecamatanCopies();
    // Every later word of every imported name is filed for the search (anggota_kata), also those written while
    // the trigger was deferred.
    const people = await core.db.selectFrom('anggota').select(['id', 'nama_key']).execute();
    const words = new Set(people.flatMap((p) => p.nama_key.split(' ').slice(1).map((w) => `${w}|${p.id}`)));
    const filed = await core.db.selectFrom('anggota_kata').select(['kata', 'anggota_id']).execute();
    expect(new Set(filed.map((k) => `${k.kata}|${k.anggota_id}`))).toEqual(words);
  });

  it('a second import merges changed people (or skips them), and undo restores the previous values', async () => {
    const { sheets } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    const first = await runImport(await options(path, { commit: true }));
    const changed = sheets.map((s) =>
      s.name === 'DATA' ? { ...s, rows: s.rows.map((r) => r.map((c) => (c === 'Budi Santoso' ? 'Budi Santosa' : c === 'Jl. Pelita No. 3' ? 'Jl. Pelita No. 5' : c))) } : s,
    );
    const path2 = await writeXlsx(join(dir, 'perbaikan.xlsx'), changed);

    const skipped = await runImport(await options(path2, { duplicateMode: 'skip' }));
    expect(skipped.counts).toMatchObject({ imported: 0, updated: 0, duplicateRegistry: 6 });

    const merged = await runImport(await options(path2, { commit: true, now: new Date('2024-06-02T03:00:00Z') }));
    expect(merged.counts).toMatchObject({ imported: 0, updated: 1, duplicateRegistry: 5, rejected: 4 });
    // The preview says what the update changes, in the person and in the family.
    const updatedRow = merged.rows.find((r) => r.outcome === 'updated')!;
    expect(updatedRow.nik).toBe(nik.kepala);
    expect(updatedRow.changes).toEqual([
      { field: 'nama', label: 'Nama', before: 'Budi Santoso', after: 'Budi Santosa' },
      { field: 'alamat', label: 'Alamat', before: 'Jl. Pelita No. 3', after: 'Jl. Pelita No. 5' },
    ]);
    const budi = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.kepala).executeTakeFirstOrThrow();
    expect(budi.nama).toBe('Budi Santosa');
    const fam = await core.db.selectFrom('keluarga').selectAll().where('no_kk', '=', kk.satu).executeTakeFirstOrThrow();
    expect(fam.alamat).toBe('Jl. Pelita No. 5');
    await expectKecamatanCopies();

    // The first batch cannot be undone while the second one depends on it.
    await expect(undoBatch(core.db, first.batchId!, null, new Date('2024-06-03T00:00:00Z'))).rejects.toMatchObject({ code: 'UNDO_BLOCKED' });

    const undone = await undoBatch(core.db, merged.batchId!, null, new Date('2024-06-03T00:00:00Z'));
    expect(undone.batch.status).toBe('undone');
    const back = await core.db.selectFrom('anggota').selectAll().where('nik', '=', nik.kepala).executeTakeFirstOrThrow();
    expect(back.nama).toBe('Budi Santoso');
    expect(back.updated_at).toBe(budi.created_at);
    const famBack = await core.db.selectFrom('keluarga').selectAll().where('no_kk', '=', kk.satu).executeTakeFirstOrThrow();
    expect(famBack.alamat).toBe('Jl. Pelita No. 3');

    const firstUndo = await undoBatch(core.db, first.batchId!, null, new Date('2024-06-03T00:00:00Z'));
    expect(firstUndo.removed).toBe(9);
    expect(await counts()).toEqual({ keluarga: 0, anggota: 0, program: 0 });
  });

  it('an undo blocked by another feature names the person and what they are recorded as; it runs once that is gone', async () => {
    const { sheets } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    const first = await runImport(await options(path, { commit: true }));
    const id = await createIntervensi(core.db, null, { nik: nik.kepala, opd: 'Dinas Kesehatan', jenis: 'Pemeriksaan kesehatan', tanggal: '2024-06-02', nilai: 0 }, 'manual', new Date('2024-06-02T03:00:00Z'));
    await createIntervensi(core.db, null, { nik: nik.kepala, opd: 'Dinas Kesehatan', jenis: 'Imunisasi', tanggal: '2024-06-02', nilai: 0 }, 'manual', new Date('2024-06-02T03:00:00Z'));

    const refused = await undoBatch(core.db, first.batchId!, null, new Date('2024-06-03T00:00:00Z')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'UNDO_BLOCKED' });
    const error = refused as AppError;
    expect(error.message).toContain(`Budi Santoso (NIK ${nik.kepala}) tercatat sebagai intervensi (2 catatan)`);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { entity: 'anggota', id: expect.any(Number), label: `Budi Santoso (NIK ${nik.kepala})`, reason: 'tercatat sebagai intervensi (2 catatan)' },
        { entity: 'keluarga', id: expect.any(Number), label: `Keluarga No KK ${kk.satu}`, reason: 'tercatat sebagai intervensi (2 catatan)' },
      ]),
    );
    expect(await counts()).toMatchObject({ anggota: 6 });

    await core.db.deleteFrom('intervensi').where('anggota_id', 'in', core.db.selectFrom('anggota').select('id').where('nik', '=', nik.kepala)).execute();
    expect(id).toBeGreaterThan(0);
    const undone = await undoBatch(core.db, first.batchId!, null, new Date('2024-06-03T00:00:00Z'));
    expect(undone.batch.status).toBe('undone');
    expect(await counts()).toEqual({ keluarga: 0, anggota: 0, program: 0 });
  });

  it('a corrected column mapping is used, saved by name, and found again for the same layout', async () => {
    const headers = ['NOMOR IDENTITAS', 'NAMA', 'NO KK', 'KELURAHAN', 'KECAMATAN', 'KELAMIN (L/P)'];
    const path = await writeXlsx(join(dir, 'aneh.xlsx'), [
      { name: 'Data', rows: [headers, [nik.kepala, 'Budi Santoso', kk.satu, 'Baamang Hulu', 'Baamang', 'L'], [nik.istri, 'Rina', kk.satu, 'Baamang Hulu', 'Baamang', 'P']] },
    ]);
    const mapping = { 'NOMOR IDENTITAS': 'nik', NAMA: 'nama', 'NO KK': 'noKk', KELURAHAN: 'desa', KECAMATAN: 'kecamatan', 'KELAMIN (L/P)': 'jenisKelamin' };
    const first = await runImport(await options(path, { mapping, commit: true, saveMappingAs: 'Format kelurahan Baamang' }));
    expect(first.counts.imported).toBe(2);
    expect(first.columns.find((c) => c.header === 'NOMOR IDENTITAS')!.field).toBe('nik');
    const again = await runImport(await options(path));
    expect(again.savedMapping).toBe('Format kelurahan Baamang');
    expect(again.columns.find((c) => c.header === 'NOMOR IDENTITAS')!.field).toBe('nik');
    expect(again.counts).toMatchObject({ dataRows: 2, duplicateRegistry: 2 });
  });

  it('an operator cannot import rows outside their villages', async () => {
    const { sheets } = messySheets();
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), sheets);
    const result = await runImport(
      await options(path, { session: { userId: 2, username: 'op', nama: 'Op', role: 'operator', permissions: [], wilayah: ['62.02.13'] } }),
    );
    expect(result.counts.imported).toBe(1); // only Sungai Ubar Mandiri lies in Cempaga Hulu
    const out = result.rows.find((r) => r.row === 6)!;
    expect(out.outcome).toBe('rejected');
    expect(out.reasons.map((p) => p.code)).toContain('OUTSIDE_WILAYAH');
  });
});
