/**
 * The features whose SQL differs between the engines (issue 18): the duplicate scan (a group's people as JSON,
 * a group's ids joined), the SIKS-NG usulan rows (a JSON array read as a table), the undo of an import (the
 * foreign keys read from the schema), the overlaps of interventions (a group's agencies and dates joined) and
 * the audit search (case-insensitive LIKE) and export (read in batches: streaming needs a cursor package on
 * PostgreSQL). The same assertions run on SQLite and on PostgreSQL.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../shared/api/audit';
import type { FileRef } from '../../../shared/api/files';
import type { Overlap } from '../../../shared/api/interventions';
import type { Core } from '../../../electron/core/app';
import type { AppError } from '../../../electron/core/api/errors';
import { engineOf } from '../../../electron/core/db/dialect';
import { runImport } from '../../../electron/core/imports/pipeline';
import { undoBatch } from '../../../electron/core/imports/undo';
import { scanDuplicates } from '../../../electron/core/registry/duplicates';
import { ok, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, familiesOfAtLeast, seedRegistry } from '../../helpers/registryFixtures';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { usulanRow } from '../imports/usulanTemplate';
import { SIKS_NG_USULAN } from '../../unit/imports-read/headerTexts';
import { importOptions } from '../imports/importOptions';
import { bothEngines, openPc } from '../../helpers/engines';

const { engines, database } = bothEngines();

const families = (n: number, from: number) => familiesOfAtLeast(n, from, 2, 14);

describe.each(engines)('features whose SQL differs by engine, on %s', (engine) => {
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  let dir: string;

  beforeAll(async () => {
    const dbPath = await database(engine, 'feature_sql');
    core = await openPc(dbPath);
    admin = await setUpOffice(core);
    dir = await tempDir('dinsos-feature-sql-');
  }, 120_000);
  afterAll(async () => {
    await core?.close();
  });

  it('runs on the engine it was given', () => {
    expect(engineOf(core.db)).toBe(engine);
  });

  it('the duplicate scan finds a person written twice with a typo, and one with the same name and mother', async () => {
    await seedRegistry(core.db, 300, { seed: 5 });
    const first = await core.db.selectFrom('anggota').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const copy = (nik: string, changes: Partial<typeof first>) =>
      core.db
        .insertInto('anggota')
        .values({ ...first, id: undefined as never, nik, created_at: now, updated_at: now, ...changes })
        .returning('id')
        .executeTakeFirstOrThrow();
    // Same desa and birth date, the name typed with one more letter.
    const typo = await copy(`${first.nik.slice(0, 12)}9991`, { nama: `${first.nama}a`, nama_key: `${first.nama_key}a` });
    // Same name and mother's name (typed with spaces and capitals), no birth date.
    const sameMother = await copy(`${first.nik.slice(0, 12)}9992`, { tanggal_lahir: null, ibu_kandung: ` ${first.ibu_kandung?.toUpperCase()} ` });

    const scan = await scanDuplicates(core.db, await core.services.regions(), { all: true, kecamatan: [], desa: [] }, { limit: 5000 });
    const pairs = scan.pairs.map((p) => `${p.a.id}-${p.b.id} ${p.kind}`);
    expect(pairs).toContain(`${first.id}-${typo.id} lahir-nama`);
    expect(pairs).toContain(`${first.id}-${sameMother.id} nama-ibu`);
    expect(scan.truncated).toBe(false);
  });

  it('records the proposals of a SIKS-NG usulan sheet, and the undo of an import is refused while an intervention names its person', async () => {
    const [f1, f2] = families(2, 300);
    const [a, b] = f1!.anggota;
    const dtksPath = await writeXlsx(join(dir, `dtks-${engine}.xlsx`), [{ name: 'DATA', rows: [[...DTKS_HEADERS], ...f2!.anggota.map((x, i) => dtksRow(f2!, x, i + 1))] }]);
    const dtks = await runImport(await importOptions(core, dtksPath, { fileName: 'dtks.xlsx', commit: true }));
    dtks.rejected.dispose();
    expect(dtks.counts.imported).toBe(f2!.anggota.length);

    const path = await writeXlsx(join(dir, `usulan-${engine}.xlsx`), [{ name: 'DATA', rows: [[...SIKS_NG_USULAN], usulanRow(f1!, a!, 'PKH'), usulanRow(f1!, b!, 'PKH, BPNT')] }]);
    const usulan = await runImport(await importOptions(core, path, { fileName: 'usulan.xlsx', commit: true }));
    usulan.rejected.dispose();
    const proposals = () =>
      core.db.selectFrom('usulan as u').innerJoin('anggota as x', 'x.id', 'u.anggota_id').select(['x.nik', 'u.program', 'u.import_batch_id']).orderBy('x.nik').orderBy('u.program').execute();
    const batch = usulan.batchId!;
    expect(await proposals()).toEqual(
      [
        { nik: a!.nik, program: 'PKH', import_batch_id: batch },
        { nik: b!.nik, program: 'BPNT', import_batch_id: batch },
        { nik: b!.nik, program: 'PKH', import_batch_id: batch },
      ].sort((x, y) => (x.nik === y.nik ? 0 : x.nik < y.nik ? -1 : 1)),
    );
    await undoBatch(core.db, batch, null, new Date());
    expect(await proposals()).toEqual([]);
    expect(await core.db.selectFrom('anggota').select('nik').where('nik', 'in', [a!.nik, b!.nik]).execute()).toEqual([]);

    // An agency recorded help for a person of the DTKS import: that import cannot be undone, naming the person.
    const someone = f2!.anggota[0]!;
    await ok(admin, 'interventions.create', { nik: someone.nik, opd: 'Dinas Kesehatan', jenis: 'BPJS PBI', tanggal: '2026-01-15', nilai: 0 });
    const error = (await undoBatch(core.db, dtks.batchId!, null, new Date()).catch((x: unknown) => x)) as AppError;
    expect(error.code).toBe('UNDO_BLOCKED');
    expect(error.message).toContain(`NIK ${someone.nik}`);
    expect(error.message).toContain('tercatat sebagai intervensi');
    expect(await core.db.selectFrom('anggota').select('nik').where('nik', '=', someone.nik).execute()).toHaveLength(1);

    // The same help again from another agency, the kind written in other capitals: one overlap, both agencies and dates.
    await ok(admin, 'interventions.create', { nik: someone.nik, opd: 'Dinas Sosial', jenis: 'bpjs pbi', tanggal: '2026-02-20', nilai: 0 });
    const overlaps = await ok<Overlap[]>(admin, 'interventions.overlaps', {});
    expect(overlaps.find((o) => o.nik === someone.nik)).toMatchObject({ kali: 2, opd: ['Dinas Kesehatan', 'Dinas Sosial'], tanggal: ['2026-01-15', '2026-02-20'] });
  });

  it('the audit search ignores capitals', async () => {
    const lower = await ok<{ rows: AuditRow[]; total: number }>(admin, 'audit.list', { filter: { q: 'dinas kesehatan' } });
    const upper = await ok<{ rows: AuditRow[]; total: number }>(admin, 'audit.list', { filter: { q: 'DINAS KESEHATAN' } });
    expect(lower.total).toBeGreaterThan(0);
    expect(upper.rows.map((r) => r.id)).toEqual(lower.rows.map((r) => r.id));
  });

  it('exports the audit log as a sheet, one row per entry of the filter, oldest first', async () => {
    const shown = await ok<{ rows: AuditRow[]; total: number }>(admin, 'audit.list', { filter: { entity: 'intervensi' } });
    const file = await ok<FileRef>(admin, 'audit.export', { entity: 'intervensi' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(core.services.outbox.get(file.id).path);
    const sheet = workbook.getWorksheet('Log Audit')!;
    expect(sheet.rowCount - 1).toBe(shown.total);
    expect(sheet.getRow(2).getCell(6).value).toBe(String(Math.min(...shown.rows.map((r) => Number(r.entityId)))));
  });
});
