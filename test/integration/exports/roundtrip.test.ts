/**
 * Round trip: files exported with the SIKS-NG and DTKS templates import back through the app's own importer
 * (the same pipeline as the Impor screen) into an empty registry with no rejected row and the same data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport } from '../../../electron/core/imports/pipeline';
import { exportFile, templateByKey } from './helpers';
import { NOW, openSeededCore, seedRegistry } from './seed';

let source: Core;
let sourceClient: ReturnType<Core['createClient']>;
const opened: Core[] = [];

beforeAll(async () => {
  ({ core: source, client: sourceClient } = await openSeededCore());
  await seedRegistry(source);
  // The SIKS-NG template lists proposals: here one for every active person, so the file holds the whole registry.
  await sql`delete from usulan`.execute(source.db);
  await sql`insert into usulan (anggota_id, program, created_at, updated_at) select id, 'PKH', created_at, created_at from anggota where status = 'aktif'`.execute(source.db);
});
afterAll(async () => {
  await source?.close();
  for (const c of opened) await c.close();
});

interface Person {
  nik: string;
  nama: string;
  jenis_kelamin: string | null;
  tempat_lahir: string | null;
  tanggal_lahir: string | null;
  ibu_kandung: string | null;
  pekerjaan: string | null;
  status_kawin: string | null;
  hubungan: string | null;
  disabilitas: string | null;
  hamil: number;
  padan: string;
  id_dtks: string | null;
  no_kk: string | null;
  alamat: string;
  rt: string | null;
  rw: string | null;
  dusun: string | null;
  desa_kode: string;
  k_id_dtks: string | null;
}

async function people(core: Core): Promise<Person[]> {
  return core.db
    .selectFrom('anggota as a')
    .innerJoin('keluarga as k', 'k.id', 'a.keluarga_id')
    .select(['a.nik', 'a.nama', 'a.jenis_kelamin', 'a.tempat_lahir', 'a.tanggal_lahir', 'a.ibu_kandung', 'a.pekerjaan', 'a.status_kawin', 'a.hubungan', 'a.disabilitas', 'a.hamil', 'a.padan', 'a.id_dtks'])
    .select(['k.no_kk', 'k.alamat', 'k.rt', 'k.rw', 'k.dusun', 'k.desa_kode', 'k.id_dtks as k_id_dtks'])
    .where('a.status', '=', 'aktif')
    .orderBy('a.nik')
    .execute();
}

async function programs(core: Core): Promise<string[]> {
  const rows = await core.db.selectFrom('anggota_program as p').innerJoin('anggota as a', 'a.id', 'p.anggota_id').select(['a.nik', 'p.program']).where('a.status', '=', 'aktif').execute();
  return rows.map((r) => `${r.nik}:${r.program.toUpperCase().replace(/[^A-Z]/g, '')}`).sort();
}

async function importInto(path: string) {
  const { core } = await openSeededCore();
  opened.push(core);
  const result = await runImport({
    db: core.db,
    regions: await core.services.regions(),
    officeKabKota: '62.02',
    session: null,
    path,
    fileName: 'ekspor.xlsx',
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    duplicateMode: 'merge',
    commit: true,
    now: NOW,
  });
  return { core, result };
}

describe('round trip through the importer', () => {
  it('SIKS-NG usulan: zero rejected rows, the same people (names in the template’s upper case)', async () => {
    const t = await templateByKey(sourceClient, 'siks-ng-usulan');
    const { path, result: exported } = await exportFile(source, sourceClient, t.id);
    const { core, result } = await importInto(path);
    expect(result.preset.id).toBe('siks-ng-usulan');
    expect(result.counts.rejected).toBe(0);
    expect(result.counts.dataRows).toBe(exported.rows);
    expect(result.counts.imported).toBe(exported.rows);
    const upper = (s: string | null) => (s === null ? null : s.toUpperCase());
    const fields = (p: Person) => ({
      nik: p.nik,
      nama: upper(p.nama),
      jenis_kelamin: p.jenis_kelamin,
      tempat_lahir: upper(p.tempat_lahir),
      tanggal_lahir: p.tanggal_lahir,
      ibu_kandung: upper(p.ibu_kandung),
      pekerjaan: p.pekerjaan,
      status_kawin: p.status_kawin,
      disabilitas: p.disabilitas,
      hamil: p.hamil,
      no_kk: p.no_kk,
      alamat: upper(p.alamat),
      rt: p.rt,
      rw: p.rw,
      desa_kode: p.desa_kode,
    });
    expect((await people(core)).map(fields)).toEqual((await people(source)).map(fields));
  });

  it('DTKS: zero rejected rows and identical data, programmes and padan included', async () => {
    const t = await templateByKey(sourceClient, 'dtks');
    const { path, result: exported } = await exportFile(source, sourceClient, t.id);
    const { core, result } = await importInto(path);
    expect(result.preset.id).toBe('dtks');
    expect(result.counts.rejected).toBe(0);
    expect(result.counts.imported).toBe(exported.rows);
    const fields = (p: Person) => ({ ...p, disabilitas: undefined, hamil: undefined, status_kawin: undefined, k_id_dtks: undefined });
    expect((await people(core)).map(fields)).toEqual((await people(source)).map(fields));
    expect(await programs(core)).toEqual(await programs(source));
  });
});
