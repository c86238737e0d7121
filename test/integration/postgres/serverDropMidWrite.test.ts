/**
 * The office server goes away IN THE MIDDLE of a multi-row write (issue 18): nothing of that write is on the
 * server afterwards, the clerk is told so in Indonesian, and the same work succeeds once the server is back.
 *
 * The write is held at a known point without timing: the superuser takes a lock on audit_log, the table each of
 * these writes touches last, so the app's transaction has written everything else (every row of the sheet, the
 * BAST number) and waits there, uncommitted, when the server is stopped.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Program } from '../../../shared/api/programs';
import type { Core } from '../../../electron/core/app';
import { fail, kotimSetup, ok, setUpOffice } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { uploadingClients } from '../../helpers/uploads';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';
import { handoverInput, seedPeople } from '../handovers/fixtures';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun } from '../../support/postgres';

const DATABASE = 'drop_mid_write';

describe.runIf(postgresTestsRun)('the office server drops in the middle of a multi-row write (PostgreSQL)', () => {
  const cluster = useCluster({ own: 'the server is stopped in the middle of a write' });
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  /** The superuser's session holding audit_log locked, while a test holds a write. */
  let holder: pg.Client | null = null;

  beforeAll(async () => {
    const opened = await openPc(await cluster.createDatabase(DATABASE));
    core = uploadingClients(opened, () => opened.paths.dataDir);
    await setUpOffice(core);
    admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
  }, 120_000);
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = null;
  });
  afterAll(async () => {
    await core?.close();
  });

  const count = async (table: string) => Number((await cluster.query<{ n: string }>(`select count(*) as n from ${table}`, DATABASE))[0]!.n);

  /** Locks audit_log from a superuser session: the app's next write that records its audit line waits there. */
  async function holdAuditLog() {
    holder = new pg.Client({ connectionString: cluster.url(DATABASE) });
    holder.on('error', () => undefined); // ended by the server's stop
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table audit_log in access exclusive mode');
  }

  /** Resolves once one of the app's sessions waits for the audit_log lock (its write is done up to there). */
  async function waitUntilHeld() {
    for (;;) {
      const waiting = await cluster.query<{ n: string }>(
        `select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.relname = 'audit_log'`,
        DATABASE,
      );
      if (Number(waiting[0]!.n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('an import of a few thousand rows stopped mid-commit leaves none of its rows, says why, and runs again once the server is back', async () => {
    const families = makeFamilies(3000, 18);
    const people = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const rows: (string | number)[][] = [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))];
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks kotim.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
    const before = { anggota: await count('anggota'), keluarga: await count('keluarga'), importBatch: await count('import_batch') };

    await holdAuditLog();
    const job = await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
    await waitUntilHeld();
    // Every row of the sheet is written inside the import's transaction, not yet committed.
    expect(await count('anggota')).toBe(before.anggota);
    cluster.pause();
    let failed: JobStatus;
    try {
      failed = await core.services.jobs.wait(job.id);
    } finally {
      cluster.resume();
    }

    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('DB_UNREACHABLE');
    expect(failed.error?.message).toMatch(/^Server basis data kantor terputus .*Tidak ada data dari pekerjaan ini yang tersimpan/);
    expect({ anggota: await count('anggota'), keluarga: await count('keluarga'), importBatch: await count('import_batch') }).toEqual(before);
    expect(await count(`audit_log where action = 'import'`)).toBe(0);

    // The staged sheet is still there: the same commit, asked again, imports it whole.
    const again = await core.services.jobs.wait((await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(again.error ?? null).toBeNull();
    expect((again.result as ImportReport).counts).toMatchObject({ imported: people.length, rejected: 0 });
    expect(await count('anggota')).toBe(before.anggota + people.length);
    expect(await count('import_batch')).toBe(before.importBatch + 1);
  }, 180_000);

  it('an import whose connection the server cuts mid-commit (the server staying up) leaves none of its rows and runs again at once', async () => {
    const families = makeFamilies(2000, 19, 50_000);
    const people = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const rows: (string | number)[][] = [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))];
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks desa.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
    const before = { anggota: await count('anggota'), importBatch: await count('import_batch') };

    await holdAuditLog();
    const job = await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
    await waitUntilHeld();
    // What an administrator's pg_terminate_backend, a server-side timeout or a restarted pooler does to the app's sessions.
    const holderPid = (await holder!.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await cluster.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DATABASE}' and pid <> pg_backend_pid() and pid <> ${holderPid}`);
    const failed = await core.services.jobs.wait(job.id);
    await holder!.query('rollback');

    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'DB_UNREACHABLE' });
    expect(failed.error?.message).toContain('Tidak ada data dari pekerjaan ini yang tersimpan');
    expect({ anggota: await count('anggota'), importBatch: await count('import_batch') }).toEqual(before);
    const again = await core.services.jobs.wait((await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(again.error ?? null).toBeNull();
    expect(await count('anggota')).toBe(before.anggota + people.length);
  }, 180_000);

  it('a handover printed while the server drops gets no half-written number, and the number is neither burnt nor given twice', async () => {
    const ids = await seedPeople(core);
    const sembako = (await ok<Program[]>(admin, 'programs.list', { q: 'Sembako' }))[0]!;
    const handover = async (anggotaId: number) => {
      const h = await ok<PenyerahanDetail>(admin, 'handovers.create', handoverInput(sembako.id));
      return ok<PenyerahanDetail>(admin, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [anggotaId] });
    };
    const first = await handover(ids[0]!);
    const second = await handover(ids[1]!);
    const printsBefore = await count(`audit_log where action = 'print'`);

    await holdAuditLog();
    const print = fail(admin, 'handovers.print', { penyerahanId: first.id, kind: 'bast' });
    await waitUntilHeld();
    cluster.pause();
    let refused: Awaited<typeof print>;
    try {
      refused = await print;
    } finally {
      cluster.resume();
    }
    expect(refused.code).toBe('DB_UNREACHABLE');
    expect(refused.message).toMatch(/^Server basis data kantor tidak dapat dihubungi\. Perubahan ini belum disimpan/);

    // Nothing of the print is on the server: no number on the handover, none counted, no print in the history.
    const stored = await cluster.query<{ nomor_bast: string | null }>(`select nomor_bast from penyerahan where id = ${first.id}`, DATABASE);
    expect(stored[0]!.nomor_bast).toBeNull();
    expect(await count(`document_counter where kind = 'bast'`)).toBe(0);
    expect(await count(`audit_log where action = 'print'`)).toBe(printsBefore);

    // Printed again, it takes the office's first BAST number; the next handover the second: none skipped or doubled.
    const printed = await ok<{ html: string }>(admin, 'handovers.print', { penyerahanId: first.id, kind: 'bast' });
    await ok(admin, 'handovers.print', { penyerahanId: second.id, kind: 'bast' });
    const numbers = await cluster.query<{ id: number; nomor_bast: string }>(`select id, nomor_bast from penyerahan where id in (${first.id}, ${second.id}) order by id`, DATABASE);
    expect(numbers.map((r) => Number(r.nomor_bast.split('/')[0]))).toEqual([1, 2]);
    expect(printed.html).toContain(numbers[0]!.nomor_bast);
    expect(printed.html).not.toContain('nomor diberikan saat dicetak');
  }, 120_000);
});
