/**
 * A COMMIT whose answer never came, outside a call's or a job's own transaction (commitLost.test.ts): the restore
 * into the office server and the move onto it would wrap it in "tidak diubah" although the server may hold the
 * data; a server backup's read-only snapshot leaves no doubt (nothing was kept); and a connection already dead
 * before COMMIT was even sent is no unknown outcome either.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import { expectedFailure, type AppError } from '../../../electron/core/api/errors';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { DB_UNREACHABLE_JOB_MESSAGE, DB_UNREACHABLE_MESSAGE, isCommitOutcomeUnknown } from '../../../electron/core/db/connectionLost';
import { openDatabase } from '../../../electron/core/db/database';
import { migrateToServer } from '../../../electron/core/db/migrateToServer';
import { ensureRegionsLoaded } from '../../../electron/core/regions';
import { kotimSetup, ok, openTestCore, setUpOffice } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { useCluster } from '../../helpers/cluster';
import { cutDone, startRelay, type Relay } from '../../helpers/pgRelay';
import { PG_TEMPLATE, RESOURCES } from '../../helpers/webApp';
import { postgresTestsRun } from '../../support/postgres';

/** A one-PC office's database file with an extra account `marker`, and its app backup. */
async function onePcOffice(marker: string): Promise<{ dbPath: string; backup: string }> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'dinsos-satu-')), 'dinsos.sqlite');
  const core = await openTestCore({ dbPath });
  try {
    const admin = await setUpOffice(core);
    await ok(admin, 'users.create', { nama: 'Penanda', username: marker, role: 'admin', wilayah: [], password: 'penanda-rahasia-01' });
    const job = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    const backup = join(mkdtempSync(join(tmpdir(), 'dinsos-cadangan-')), 'cadangan.dsbak');
    writeFileSync(backup, readFileSync(core.services.outbox.get(job.result!.id).path));
    return { dbPath, backup };
  } finally {
    await core.close();
  }
}

describe.runIf(postgresTestsRun)('a COMMIT lost outside dispatch (PostgreSQL)', () => {
  const cluster = useCluster();
  let relay: Relay;
  const viaRelay = (url: string) => url.replace(`:${cluster.port}/`, `:${relay.port}/`);
  const hasAccount = async (database: string, username: string) =>
    Number((await cluster.query<{ n: string }>(`select count(*) as n from app_user where username = '${username}'`, database))[0]!.n) === 1;

  beforeAll(async () => {
    relay = await startRelay(cluster.port);
  });
  afterAll(async () => relay?.close());

  it('a restore into the server whose COMMIT got no answer is not "data di server tidak diubah" when the server holds the backup', async () => {
    const { backup } = await onePcOffice('penanda.pulih');
    const url = await cluster.createDatabase('lost_restore', PG_TEMPLATE);
    const first = await openPc(url);
    await setUpOffice(first);
    await first.close();
    const target = await openPc(viaRelay(url));
    try {
      mkdirSync(target.paths.attachmentsDir, { recursive: true });
      writeFileSync(join(target.paths.attachmentsDir, 'lama.txt'), 'lampiran lama');
      const cut = relay.cutCommitAfter('in exclusive mode');
      const error = (await restoreBackup(backup, 'cadangan.dsbak', target.paths, target.services.reopen, new Date()).then(
        () => new Error('the restore was expected to fail'),
        (e: unknown) => e,
      )) as AppError;
      await cutDone(cut);
      // The server did commit: it holds the backup's account now.
      expect(await hasAccount('lost_restore', 'penanda.pulih')).toBe(true);
      expect(error.message).not.toContain('tidak diubah');
      expect(error.code).toBe('DB_UNREACHABLE');
      // The server's data from before is kept aside either way.
      expect(existsSync(join(target.paths.dataDir, 'sebelum-pulih'))).toBe(true);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('a move onto the server whose COMMIT got no answer is not "Basis data server tidak diubah" when the server holds the office', async () => {
    const { dbPath } = await onePcOffice('penanda.pindah');
    const url = await cluster.createDatabase('lost_migrate');
    const cut = relay.cutCommitAfter('in exclusive mode');
    const error = (await migrateToServer({
      from: dbPath,
      to: viaRelay(url),
      actor: null,
      loadReference: (db) => ensureRegionsLoaded(db, RESOURCES).then(() => undefined),
    }).then(
      () => new Error('the move was expected to fail'),
      (e: unknown) => e,
    )) as AppError;
    await cutDone(cut);
    expect(await hasAccount('lost_migrate', 'penanda.pindah')).toBe(true);
    expect(error.message).not.toMatch(/server tidak diubah/);
    expect(error.code).toBe('DB_UNREACHABLE');
  }, 180_000);

  it('a connection already dead when COMMIT is due is "belum disimpan": pg never sent the COMMIT', async () => {
    const url = await cluster.createDatabase('lost_dead', PG_TEMPLATE);
    const db = await openDatabase(url);
    try {
      await sql`create table lost_t (x integer)`.execute(db);
      const error = await db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into lost_t values (1)`.execute(trx);
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await cluster.query(`select pg_terminate_backend(${rows[0]!.pid})`, 'lost_dead');
          // The server's FATAL reaches pg while no query runs: the client is marked not queryable.
          await new Promise((r) => setTimeout(r, 500));
        })
        .then(() => new Error('expected to fail'), (e: unknown) => e);
      expect(Number((await cluster.query<{ n: string }>('select count(*) as n from lost_t', 'lost_dead'))[0]!.n)).toBe(0);
      expect(isCommitOutcomeUnknown(error)).toBe(false);
      expect(expectedFailure(error)?.message).toBe(DB_UNREACHABLE_MESSAGE);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it("a server backup whose read-only snapshot's COMMIT got no answer says nothing was kept, not 'unknown whether saved'", async () => {
    const url = await cluster.createDatabase('lost_backup', PG_TEMPLATE);
    const first = await openPc(url);
    await setUpOffice(first);
    await first.close();
    const pc = await openPc(viaRelay(url));
    try {
      const admin = pc.createClient();
      await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
      const cut = relay.cutCommitAfter('set transaction read only');
      const ended = await pc.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id);
      await cutDone(cut);
      expect(ended.state).toBe('failed');
      // Nothing of a backup is kept when it fails: the outcome is known.
      expect(ended.error).toEqual({ code: 'DB_UNREACHABLE', message: DB_UNREACHABLE_JOB_MESSAGE });
    } finally {
      await pc.close();
    }
  }, 120_000);
});
