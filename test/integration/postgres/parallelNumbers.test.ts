/**
 * BAST numbers stay unique and gap-free when two PCs of one office print at once (issue 18): every handover is
 * printed from PC A and PC B at the same moment. The second print of a handover used to take a number too, which
 * its guard then threw away (a gap in the office's register of BAST numbers), and printed without a number.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import { openCore, type Core } from '../../../electron/core/app';
import { kotimSetup, nullPlatform, ok, setUpOffice } from '../../helpers/core';
import { RESOURCES, tempDbPath } from '../../helpers/webApp';
import { seedPeople } from '../handovers/fixtures';
import { hasPostgres, startPostgres, type PgCluster } from '../../support/postgres';

const engines = hasPostgres || process.env.CI === 'true' ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

let pg: PgCluster | null = null;
beforeAll(async () => {
  if (engines.length > 1) pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  await pg?.stop();
});

const openPc = (dbPath: string) => openCore({ dbPath, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform });

describe.each(engines)('BAST numbers when two PCs print at once (%s)', (engine) => {
  let pcA: Core;
  let pcB: Core;

  beforeAll(async () => {
    const target = engine === 'postgres' ? await pg!.createDatabase('parallel_numbers') : tempDbPath();
    pcA = await openPc(target);
    await setUpOffice(pcA);
    pcB = await openPc(target);
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  it('every handover printed from both PCs at once gets one number, the same on both prints, and no number is skipped', async () => {
    const signIn = async (core: Core) => {
      const c = core.createClient();
      await ok(c, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
      return c;
    };
    const [clerkA, clerkB] = [await signIn(pcA), await signIn(pcB)];
    const ids = await seedPeople(pcA);
    const sembako = (await ok<Program[]>(clerkA, 'programs.list', { q: 'Sembako' }))[0]!;
    const handovers: PenyerahanDetail[] = [];
    for (const id of ids) {
      const h = await ok<PenyerahanDetail>(clerkA, 'handovers.create', {
        programId: sembako.id, tanggal: '2026-05-08', tempat: 'Aula Dinas Sosial', mode: 'kolektif', dasarNomor: null, dasarTanggal: null, dasarTentang: null,
        pertamaNama: 'Hj. Rina Kartika, S.Sos', pertamaNip: '19750312 200003 2 004', pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial', saksi: [],
      });
      handovers.push(await ok<PenyerahanDetail>(clerkA, 'handovers.addRecipients', { penyerahanId: h.id, anggotaIds: [id] }));
    }

    const prints = await Promise.all(
      handovers.flatMap((h) => [clerkA, clerkB].map((c) => ok<{ html: string }>(c, 'handovers.print', { penyerahanId: h.id, kind: 'bast' }).then((r) => ({ id: h.id, html: r.html })))),
    );

    const stored = await pcA.db.selectFrom('penyerahan').select(['id', 'nomor_bast']).orderBy('id').execute();
    const numbers = stored.map((r) => r.nomor_bast ?? '');
    expect(new Set(numbers).size).toBe(handovers.length);
    // 001 … 00n: each number once, none skipped; the office's counter stands at the last one given.
    expect(numbers.map((n) => Number(n.split('/')[0])).sort((a, b) => a - b)).toEqual(handovers.map((_, i) => i + 1));
    const counter = await pcB.db.selectFrom('document_counter').select('last_seq').where('kind', '=', 'bast').executeTakeFirstOrThrow();
    expect(counter.last_seq).toBe(handovers.length);
    // Both PCs printed the handover's own number, neither the provisional text.
    for (const p of prints) {
      expect(p.html).toContain(stored.find((r) => r.id === p.id)!.nomor_bast!);
      expect(p.html).not.toContain('nomor diberikan saat dicetak');
    }
  });
});
