import { uploadingClients } from '../../helpers/uploads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { AnggotaListItem } from '../../../shared/api/registry';
import type { Core } from '../../../electron/core/app';
import { engineOf } from '../../../electron/core/db/dialect';
import { kotimSetup, ok } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';
import { bothEngines, openPc } from '../../helpers/engines';

// The same calls through the same API on both engines (issue 18). CI installs PostgreSQL (.ci/run).
const { engines, database } = bothEngines();

describe.each(engines)('first calls on %s: set-up, sign-in, import of a small sheet, search', (engine) => {
  let core: Core;
  const families = makeFamilies(40, 3);
  const people = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));

  beforeAll(async () => {
    const dbPath = await database(engine, 'first_calls');
    const opened = await openPc(dbPath);
    core = uploadingClients(opened, () => opened.paths.dataDir);
  }, 120_000);
  afterAll(async () => {
    await core?.close();
  });

  it('runs on the engine it was given', () => {
    expect(engineOf(core.db)).toBe(engine);
  });

  it('sets up the office with its admin, who then signs in (and a wrong password is refused)', async () => {
    const wizard = core.createClient();
    const setup = kotimSetup();
    await ok(wizard, 'admin.completeSetup', setup);
    const clerk = core.createClient();
    const refused = await clerk.call('auth.login', { username: 'admin', password: 'salah-sekali-123' });
    expect(refused.ok).toBe(false);
    const session = await ok<{ username: string; role: string }>(clerk, 'auth.login', { username: 'admin', password: setup.admin.password });
    expect(session).toMatchObject({ username: 'admin', role: 'admin' });
    const office = await ok<{ namaInstansi: string; kabKotaNama: string }>(clerk, 'admin.getOffice');
    expect(office).toMatchObject({ namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur', kabKotaNama: 'Kabupaten Kotawaringin Timur' });
  });

  it('imports a DTKS sheet of 40 people, then finds people by NIK and by name', async () => {
    const admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const rows: (string | number)[][] = [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))];
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks kotim.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
    const job = await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
    const done = await core.services.jobs.wait(job.id);
    expect(done.error ?? null).toBeNull();
    const report = done.result as ImportReport;
    expect(report.committed).toBe(true);
    expect(report.counts).toMatchObject({ imported: people.length, rejected: 0 });

    const someone = people[7]!.a;
    const byNik = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: someone.nik, limit: 50 });
    expect(byNik.rows.map((r) => r.nik)).toEqual([someone.nik]);
    expect(byNik.rows[0]!.nama.toUpperCase()).toBe(someone.nama.toUpperCase());

    const byName = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: someone.nama.toLowerCase(), limit: 50 });
    expect(byName.rows.map((r) => r.nik)).toContain(someone.nik);
    expect(byName.rows.every((r) => r.nama.toLowerCase().includes(someone.nama.toLowerCase().split(' ')[0]!))).toBe(true);

    const lastWord = someone.nama.split(' ').at(-1)!;
    const byLaterWord = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: lastWord, limit: 50 });
    expect(byLaterWord.rows.map((r) => r.nik)).toContain(someone.nik);

    // Two words of one name match: the person is listed once.
    const k = makeFamilies(200, 3).at(-1)!; // a family after the sheet's
    const kepala = k.anggota[0]!;
    await ok(admin, 'registry.createKeluarga', {
      keluarga: { noKk: k.noKk, alamat: 'Jl. Cilik Riwut 7', desaKode: k.desa.kode },
      kepala: { nik: kepala.nik, nama: 'Ahmad Budi Budiman', hubungan: 'Kepala Keluarga', jenisKelamin: 'L', tanggalLahir: kepala.tanggalLahir, ibuKandung: 'Masnah', programs: [] },
    });
    const twice = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: 'bud', limit: 250 });
    expect(twice.rows.filter((r) => r.nik === kepala.nik)).toHaveLength(1);

    const all = await ok<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { limit: 250 });
    expect(all.rows).toHaveLength(people.length + 1);

    // The import numbered its families itself; a family added afterwards gets the next number, not a taken one.
    const before = await core.db.selectFrom('keluarga').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const added = await core.db
      .insertInto('keluarga')
      .values({ no_kk: '6202019999990001', desa_kode: families[0]!.desa.kode, kecamatan_kode: families[0]!.desa.kecamatanKode, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(added.id).toBeGreaterThan(Number(before.m));
  });
});
