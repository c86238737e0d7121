/**
 * Whether the office on the server is set up is the server's own answer (issue 18), not each PC's data folder:
 * two PCs (two cores, each with its own data folder) on one PostgreSQL database. A PC joining a set-up office
 * never gets the first-run wizard, even when the office has lost its accounts (then: recovery), and two wizards
 * finishing at the same moment set the office up once.
 */
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../../shared/api/admin';
import type { Core } from '../../../electron/core/app';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun } from '../../support/postgres';

const KOTIM = 'Dinas Sosial Kabupaten Kotawaringin Timur';

describe.runIf(postgresTestsRun)('the office\'s set-up is known from the server, for every PC', () => {
  const cluster = useCluster();
  const cores: Core[] = [];
  let holder: pg.Client | null = null;
  const pc = async (target: string) => {
    const core = await openPc(target);
    cores.push(core);
    return core;
  };

  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = null;
  });
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  it('a PC joining an office that lost its accounts is sent to recovery, and cannot set the office up again there', async () => {
    const target = await cluster.createDatabase('office_lost_accounts');
    const pcA = await pc(target);
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    // The accounts are gone (a damaged server, an account table emptied by hand); the office and its data are not.
    await cluster.query("set session_replication_role = replica; delete from app_user", 'office_lost_accounts');

    const pcB = await pc(target);
    const wizard = pcB.createClient();
    expect(await ok<SetupStatus>(wizard, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true, officeName: KOTIM });
    const again = await fail(wizard, 'admin.completeSetup', kotimSetup({ namaInstansi: 'Kantor Lain' }));
    expect(again.code).toBe('UNAUTHENTICATED');
    const offices = await cluster.query<{ profile_json: string }>('select profile_json from office', 'office_lost_accounts');
    expect(offices.map((o) => (JSON.parse(o.profile_json) as { namaInstansi: string }).namaInstansi)).toEqual([KOTIM]);
    expect(await cluster.query('select username from app_user', 'office_lost_accounts')).toEqual([]);
  });

  it('two PCs finishing the first-run wizard at the same moment set the office up once; the other is told to sign in', async () => {
    const target = await cluster.createDatabase('two_wizards');
    const [pcA, pcB] = [await pc(target), await pc(target)];
    // Both wizards' transactions are held where they add their admin until both have started theirs.
    holder = new pg.Client({ connectionString: cluster.url('two_wizards') });
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table app_user in exclusive mode');
    const finishing = Promise.all([
      pcA.createClient().call('admin.completeSetup', kotimSetup()),
      pcB.createClient().call('admin.completeSetup', { ...kotimSetup({ namaInstansi: 'Dinas Sosial Kantor B' }), admin: { nama: 'Budi', username: 'adminb', password: 'rahasia-kantor-b-2024' } }),
    ]);
    const datname = new URL(cluster.url('two_wizards')).pathname.slice(1);
    for (;;) {
      const waiting = await cluster.query<{ n: string }>(`select count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = '${datname}'`);
      if (Number(waiting[0]!.n) >= 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await holder.query('commit');
    const results = await finishing;

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', message: 'Pengaturan awal sudah pernah diselesaikan. Masuk dengan akun admin.' });
    const winner = results[0]!.ok ? { office: KOTIM, admin: 'admin' } : { office: 'Dinas Sosial Kantor B', admin: 'adminb' };
    expect(await cluster.query('select username from app_user', 'two_wizards')).toEqual([{ username: winner.admin }]);
    const offices = await cluster.query<{ profile_json: string }>('select profile_json from office', 'two_wizards');
    expect(offices.map((o) => (JSON.parse(o.profile_json) as { namaInstansi: string }).namaInstansi)).toEqual([winner.office]);
    for (const core of [pcA, pcB]) expect(await ok<SetupStatus>(core.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false, officeName: winner.office });
  });
});
