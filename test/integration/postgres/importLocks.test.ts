/**
 * A large import on the office server does not stop the other PCs (issue 18). On SQLite a big import into a
 * small registry drops the search indexes and builds them again at the end (imports/bulkIndexes.ts); on
 * PostgreSQL a DROP INDEX locks the whole table until the import commits, so every other clerk's list and search
 * would wait for it. The import is held uncommitted at its last table (audit_log, locked by the superuser)
 * while the second PC reads.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Core } from '../../../electron/core/app';
import { kotimSetup, ok, setUpOffice } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { uploadingClients } from '../../helpers/uploads';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun } from '../../support/postgres';
import { PG_TEMPLATE } from '../../helpers/webApp';

const DATABASE = 'import_locks';

describe.runIf(postgresTestsRun)('a large import on the office server (PostgreSQL)', () => {
  const cluster = useCluster();
  let pcA: Core;
  let pcB: Core;

  beforeAll(async () => {
    const url = await cluster.createDatabase(DATABASE, PG_TEMPLATE);
    const opened = await openPc(url);
    pcA = uploadingClients(opened, () => opened.paths.dataDir);
    await setUpOffice(pcA);
    pcB = await openPc(url);
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  const signIn = async (core: Core) => {
    const client = core.createClient();
    await ok(client, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    return client;
  };

  it('takes no table lock that stops another PC listing the registry while it writes', async () => {
    const families = makeFamilies(5200, 23);
    const people = families.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    // More people than the registry holds and than the rebuild threshold: SQLite would drop its indexes here.
    expect(people.length).toBeGreaterThan(5_000);
    const rows: (string | number)[][] = [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))];
    const clerkA = await signIn(pcA);
    const clerkB = await signIn(pcB);
    const staged = await ok<StagedFile>(clerkA, 'imports.upload', { fileName: 'dtks kotim.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });

    const holder = new pg.Client({ connectionString: cluster.url(DATABASE) });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table audit_log in access exclusive mode');
      const job = await ok<JobStatus>(clerkA, 'imports.commit', { stagingId: staged.stagingId });
      for (;;) {
        const waiting = await holder.query<{ n: string }>(`select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.relname = 'audit_log'`);
        if (Number(waiting.rows[0]!.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // Every row is written, uncommitted. No session holds the registry's tables exclusively...
      const exclusive = await holder.query<{ relname: string }>(`
        select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.granted and l.mode = 'AccessExclusiveLock' and l.pid <> pg_backend_pid() and c.relname in ('anggota', 'keluarga', 'anggota_program')`);
      expect(exclusive.rows.map((r) => r.relname)).toEqual([]);
      // ...so PC B lists and counts the registry as it was before the import.
      const listed = await ok<{ rows: unknown[] }>(clerkB, 'registry.list', { limit: 50 });
      expect(listed.rows).toEqual([]);
      await holder.query('rollback');
      const done = await pcA.services.jobs.wait(job.id);
      expect(done.error ?? null).toBeNull();
      expect((done.result as ImportReport).counts).toMatchObject({ imported: people.length, rejected: 0 });
    } finally {
      await holder.end();
    }
    const after = await ok<{ anggota: number }>(clerkB, 'registry.count', {});
    expect(after.anggota).toBe(people.length);
  }, 180_000);
});
