/**
 * An office server whose database was recreated empty, or lost its accounts (issue 18, review findings 6 and 8):
 * a PC that worked with the office there says so and offers the restore from backup instead of the first-run
 * wizard (which would hand the first person at the PC a new admin account over the office's server); a PC that
 * never did gets the wizard, as for any new database. The set-up status the screens follow and who may recover
 * are one answer, the server's together with what this PC remembers. "Uji koneksi" names a set-up office without
 * accounts as such, not as an empty database.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../../shared/api/admin';
import type { ConnectionTest } from '../../../shared/api/connection';
import type { JobStatus } from '../../../shared/api/jobs';
import { openCore, type Core } from '../../../electron/core/app';
import { startPc } from '../../helpers/connection';
import { useCluster } from '../../helpers/cluster';
import { fail, kotimSetup, nullPlatform, ok, signedIn } from '../../helpers/core';
import { withUploads } from '../../helpers/uploads';
import { PG_TEMPLATE, RESOURCES } from '../../helpers/webApp';
import { postgresTestsRun } from '../../support/postgres';

const KOTIM = 'Dinas Sosial Kabupaten Kotawaringin Timur';
const PASSWORD = kotimSetup().admin.password;

describe.runIf(postgresTestsRun)('an office server database recreated empty, or without accounts', () => {
  const cluster = useCluster();
  const cores: Core[] = [];
  const pc = async (target: string, dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'))) => {
    const core = await openCore({ dbPath: target, dataDir, resourcesDir: RESOURCES, platform: nullPlatform });
    cores.push(core);
    return core;
  };
  const realName = (target: string) => decodeURIComponent(new URL(target).pathname.slice(1));
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  /** The office set up on the server from a PC, and an app backup of it taken there. */
  async function officeWithBackup(name: string) {
    const target = await cluster.createDatabase(name, PG_TEMPLATE);
    const first = await pc(target);
    await ok(first.createClient(), 'admin.completeSetup', kotimSetup());
    const admin = await signedIn(first, 'admin', PASSWORD);
    const job = (await first.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    const backup = readFileSync(first.services.outbox.get(job.result!.id).path);
    return { target, first, backup };
  }

  const recover = (core: Core, backup: Buffer) =>
    withUploads(core.paths.dataDir, core.createClient().call)('backup.recover', { fileName: 'kantor.dsbak', bytes: new Uint8Array(backup), username: 'admin', password: PASSWORD, acceptWarnings: [] });

  it('a PC that worked with the office finds the server database recreated empty: recovery, not the wizard; a new PC gets the wizard', async () => {
    const { target, first, backup } = await officeWithBackup('recreated');
    const dataDir = first.paths.dataDir;
    await first.close();
    // The IT person drops the database and makes it again, empty.
    await cluster.query(`drop database "${realName(target)}" with (force)`);
    await cluster.query(`create database "${realName(target)}"`);

    const again = await pc(target, dataDir);
    const visitor = again.createClient();
    const status = await ok<SetupStatus>(visitor, 'admin.setupStatus');
    expect(status).toMatchObject({ needsSetup: false, needsRecovery: true, connectionUnreadable: false, officeName: null });
    expect(status.serverProblem).toMatch(/kosong: tampaknya dibuat ulang atau diganti/);
    expect((await fail(visitor, 'admin.completeSetup', kotimSetup({ namaInstansi: 'Kantor Baru' }))).code).toBe('UNAUTHENTICATED');

    // A PC that never worked with this server: a new database, the wizard, as before.
    const fresh = await pc(target);
    expect(await ok<SetupStatus>(fresh.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: true, needsRecovery: false, serverProblem: null });

    const restored = await recover(again, backup);
    expect(restored.ok).toBe(true);
    await signedIn(again, 'admin', PASSWORD);
    // Every PC of the office has it again: the new PC now signs in instead of setting up.
    expect(await ok<SetupStatus>(fresh.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false, officeName: KOTIM });
  }, 180_000);

  it('a PC joining an office whose accounts are gone is told so by "Uji koneksi", and may recover it from a backup', async () => {
    const { target, backup } = await officeWithBackup('lost_accounts');
    await cluster.query('set session_replication_role = replica; delete from app_user', 'lost_accounts');

    const joining = await startPc();
    cores.push(joining.core);
    const url = new URL(target);
    const tested = await ok<ConnectionTest>(joining.core.createClient(), 'connection.test', { host: url.hostname, port: Number(url.port), database: realName(target), user: 'postgres', password: '' });
    expect(tested).toMatchObject({ state: 'tanpaAkun', officeName: KOTIM });
    expect(tested.message).toMatch(/tidak ada lagi akun pengguna/);
    expect(tested.message).not.toMatch(/pengaturan awal/);

    // The screens and the restore agree: the server says set up, this PC's folder has never been (no marker).
    const onServer = await pc(target);
    const status = await ok<SetupStatus>(onServer.createClient(), 'admin.setupStatus');
    expect(status).toMatchObject({ needsSetup: false, needsRecovery: true, officeName: KOTIM });
    expect(status.serverProblem).toMatch(/tidak ada lagi akun pengguna/);
    const restored = await recover(onServer, backup);
    expect(restored.ok).toBe(true);
    await signedIn(onServer, 'admin', PASSWORD);
  }, 180_000);
});
