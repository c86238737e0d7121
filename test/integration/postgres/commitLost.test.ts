/**
 * The connection to the office server is lost after the app sent COMMIT and before the server's answer came
 * (issue 18's follow-up): the write may well be on the server. "Perubahan ini belum disimpan" there would make a
 * clerk enter the same handover a second time, so the answer says it is unknown and to look first.
 *
 * A TCP relay between the app and the server cuts one connection at exactly that point: the connection whose
 * transaction wrote a given table sends COMMIT, the server answers it, and the relay drops the answer and both
 * sockets instead of passing it on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenyerahanSummary } from '../../../shared/api/handovers';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Program } from '../../../shared/api/programs';
import type { Core } from '../../../electron/core/app';
import { DB_COMMIT_UNKNOWN_JOB_MESSAGE, DB_COMMIT_UNKNOWN_MESSAGE, DB_UNREACHABLE_MESSAGE } from '../../../electron/core/db/connectionLost';
import { fail, kotimSetup, ok, setUpOffice } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { uploadingClients } from '../../helpers/uploads';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';
import { useCluster } from '../../helpers/cluster';
import { cutDone, startRelay, type Relay } from '../../helpers/pgRelay';
import { handoverInput } from '../handovers/fixtures';
import { postgresTestsRun } from '../../support/postgres';

const DATABASE = 'commit_lost';

describe.runIf(postgresTestsRun)('the connection is lost while the server answers a COMMIT (PostgreSQL)', () => {
  const cluster = useCluster();
  let relay: Relay;
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;

  beforeAll(async () => {
    const url = await cluster.createDatabase(DATABASE);
    relay = await startRelay(cluster.port);
    const opened = await openPc(url.replace(`:${cluster.port}/`, `:${relay.port}/`));
    core = uploadingClients(opened, () => opened.paths.dataDir);
    await setUpOffice(core);
    admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await relay?.close();
  });

  const count = async (table: string) => Number((await cluster.query<{ n: string }>(`select count(*) as n from ${table}`, DATABASE))[0]!.n);

  it('a new handover whose COMMIT got no answer is on the server, and the clerk is told to look before saving again, not that it was not saved', async () => {
    const sembako = (await ok<Program[]>(admin, 'programs.list', { q: 'Sembako' }))[0]!;
    const before = await count('penyerahan');
    const cut = relay.cutCommitAfter('insert into "penyerahan"');
    const refused = await fail(admin, 'handovers.create', handoverInput(sembako.id));
    await cutDone(cut);

    // Still DB_UNREACHABLE, so that the window's banner shows; the message is the one for an unknown outcome.
    expect(refused.code).toBe('DB_UNREACHABLE');
    expect(refused.message).toBe(DB_COMMIT_UNKNOWN_MESSAGE);
    expect(refused.details).toEqual({ outcome: 'unknown' }); // the window's "Belum pasti tersimpan" (api/failureNotice.ts)
    expect(refused.message).not.toContain('belum disimpan');
    // It was written, with its audit line: a second Simpan would have made a second handover.
    expect(await count('penyerahan')).toBe(before + 1);
    expect(await count(`audit_log where entity = 'penyerahan' and action = 'create'`)).toBeGreaterThanOrEqual(1);

    // The next call opens a fresh connection; the reloaded list shows the handover.
    const list = await ok<PenyerahanSummary[]>(admin, 'handovers.list', {});
    expect(list.filter((h) => h.tempat === 'Aula Dinas Sosial')).toHaveLength(1);
  }, 60_000);

  it('a call whose connection is lost before its COMMIT still says nothing was saved, and nothing was', async () => {
    const sembako = (await ok<Program[]>(admin, 'programs.list', { q: 'Sembako' }))[0]!;
    const before = await count('penyerahan');
    const cut = relay.cutAt('insert into "penyerahan"');
    const refused = await fail(admin, 'handovers.create', handoverInput(sembako.id, { tanggal: '2026-05-09', tempat: 'Kantor Desa Hanaut' }));
    await cutDone(cut);
    expect(refused).toMatchObject({ code: 'DB_UNREACHABLE', message: DB_UNREACHABLE_MESSAGE });
    expect(refused.message).toContain('belum disimpan');
    expect(await count('penyerahan')).toBe(before);
  }, 60_000);

  it('an import whose COMMIT got no answer ends saying so; its rows are on the server and a second run adds no one', async () => {
    const families = makeFamilies(300, 21, 70_000);
    const people = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const rows: (string | number)[][] = [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))];
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks desa.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
    const before = { anggota: await count('anggota'), importBatch: await count('import_batch') };

    const cut = relay.cutCommitAfter('insert into "anggota"');
    const job = await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
    const ended = await core.services.jobs.wait(job.id);
    await cutDone(cut);

    expect(ended.state).toBe('failed');
    expect(ended.error).toEqual({ code: 'DB_UNREACHABLE', message: DB_COMMIT_UNKNOWN_JOB_MESSAGE });
    expect({ anggota: await count('anggota'), importBatch: await count('import_batch') }).toEqual({ anggota: before.anggota + people.length, importBatch: before.importBatch + 1 });

    // Run again as the message allows once the rows were looked at: matched by NIK, no one is added twice.
    const again = await core.services.jobs.wait((await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(again.error ?? null).toBeNull();
    expect((again.result as ImportReport).counts.imported).toBe(0);
    expect(await count('anggota')).toBe(before.anggota + people.length);
  }, 120_000);
});
