/**
 * Two operators import their sheets at the same time from two PCs of one office (issue 18). Each import
 * numbers the families and people it writes before writing them; on PostgreSQL two imports used to count on
 * from the same max(id), and the second failed on the key. (SQLite has one writer at a time: a second import
 * waits for the first, as the app's job queue already makes it.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnggotaListItem } from '../../../shared/api/registry';
import { openCore, type Core } from '../../../electron/core/app';
import { runImport } from '../../../electron/core/imports/pipeline';
import { kotimSetup, nullPlatform, ok, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies, newKeluargaInput, seedRegistry } from '../../helpers/registryFixtures';
import { PG_TEMPLATE, RESOURCES } from '../../helpers/webApp';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { importOptions } from '../imports/importOptions';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';

const openPc = (dbPath: string) => openCore({ dbPath, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform });

describe.runIf(run)('two sheets imported at once from two PCs on PostgreSQL', () => {
  const pg = useCluster();
  let pcA: Core;
  let pcB: Core;

  beforeAll(async () => {
    const target = await pg.createDatabase('parallel_imports', PG_TEMPLATE);
    pcA = await openPc(target);
    await setUpOffice(pcA);
    // A registry that already holds people: both imports look their rows up, and count ids on from theirs.
    await seedRegistry(pcA.db, 200, { seed: 9 });
    pcB = await openPc(target);
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  it('both commit, every person of both sheets is registered once, and each PC finds the other\'s', async () => {
    const dir = await tempDir('dinsos-parallel-');
    // Two desa operators' sheets of different families, none of them registered yet; A's is long enough to be
    // still writing when B starts.
    const sheetA = makeFamilies(3000, 101, 10_000);
    const sheetB = makeFamilies(300, 202, 20_000);
    const peopleA = sheetA.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const peopleB = sheetB.flatMap((k) => k.anggota.map((a) => ({ k, a })));
    const niksA = new Set(peopleA.map((p) => p.a.nik));
    expect(peopleB.filter((p) => niksA.has(p.a.nik) || sheetA.some((k) => k.noKk === p.k.noKk))).toEqual([]);
    const write = (name: string, people: typeof peopleA) =>
      writeXlsx(join(dir, `${name}.xlsx`), [{ name: 'DTKS', rows: [[...DTKS_HEADERS], ...people.map(({ k, a }, i) => dtksRow(k, a, i + 1))] }]);
    const [pathA, pathB] = await Promise.all([write('a', peopleA), write('b', peopleB)]);
    const before = Number((await pcA.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    // B starts once A has written its first rows (its transaction still open).
    let startB!: () => void;
    const aWriting = new Promise<void>((resolve) => (startB = resolve));
    const optsB = await importOptions(pcB, pathB, { fileName: 'desa b.xlsx', commit: true });
    const [a, b] = await Promise.all([
      runImport({ ...(await importOptions(pcA, pathA, { fileName: 'desa a.xlsx', commit: true })), onProgress: () => startB() }),
      aWriting.then(() => runImport(optsB)),
    ]);
    a.rejected.dispose();
    b.rejected.dispose();
    expect(a.counts).toMatchObject({ imported: peopleA.length, rejected: 0 });
    expect(b.counts).toMatchObject({ imported: peopleB.length, rejected: 0 });

    const after = Number((await pcB.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before + peopleA.length + peopleB.length);
    // Each person's family is the one of their sheet (no family taken over by the other import).
    const kk = await pcA.db
      .selectFrom('anggota')
      .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
      .select(['anggota.nik', 'keluarga.no_kk'])
      .where('anggota.import_batch_id', 'in', [a.batchId!, b.batchId!])
      .execute();
    const want = new Map([...peopleA, ...peopleB].map(({ k, a: p }) => [p.nik, k.noKk]));
    expect(kk).toHaveLength(want.size);
    expect(kk.every((r) => want.get(r.nik) === r.no_kk)).toBe(true);

    // PC B finds a person of PC A's sheet, and a family then entered by hand on PC B gets an id of its own.
    const clerkB = pcB.createClient();
    await ok(clerkB, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const someoneA = peopleA[5]!.a;
    const found = await ok<{ rows: AnggotaListItem[] }>(clerkB, 'registry.list', { q: someoneA.nik, limit: 10 });
    expect(found.rows.map((r) => r.nik)).toEqual([someoneA.nik]);
    const k = makeFamilies(1, 303, 30_000)[0]!;
    const created = await ok<{ keluargaId: number }>(clerkB, 'registry.createKeluarga', newKeluargaInput(k));
    expect(kk.some((r) => r.no_kk === k.noKk)).toBe(false);
    expect(created.keluargaId).toBeGreaterThan(0);
  });
});
