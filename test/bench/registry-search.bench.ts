/**
 * Registry of 500,000 people (generated Kotim families): the first page (100 rows) of a name search, of a
 * NIK-prefix and of a No KK-prefix search through the same query module the app uses, p50/p95 over many queries (yardstick: p95 under
 * 30 ms); plus the approximate duplicate scan over everyone (target: under 5 s). `npm run bench registry`.
 *
 * On both engines (issue 18): SQLite, then a throw-away PostgreSQL cluster (test/support/postgres.ts) with the
 * same people, each figure printed beside its SQLite counterpart from the same run.
 * REGISTRY_BENCH_ENGINES=sqlite|postgres runs one of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openCore, type Core } from '../../electron/core/app';
import { countMatches, listAnggota } from '../../electron/core/registry/list';
import { scanDuplicates } from '../../electron/core/registry/duplicates';
import { nullPlatform, openTestCore, setUpOffice } from '../helpers/core';
import { makeFamilies, seedRegistry } from '../helpers/registryFixtures';
import { RESOURCES } from '../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../support/postgres';
import { record } from './results';

const PEOPLE = Number(process.env.REGISTRY_BENCH_PEOPLE ?? 500_000);
const QUERIES = 200;
const ALL = { all: true, kecamatan: [], desa: [] };
/** Shapes whose label starts so time the list's count line (countMatches, what registry.count answers) instead of its first page. */
const COUNT_PREFIX = 'count, ';

type Engine = 'sqlite' | 'postgres';
const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

interface Shape {
  p50: number;
  p95: number;
  rows: number;
}

interface EngineRun {
  seededS: number | null;
  shapes: Map<string, Shape>;
  scan: { seconds: number; scanned: number; pairs: number };
}

// Queries drawn from the generated people: a name prefix as a clerk types it, and the first 8–12 NIK digits.
function queryShapes(): [label: string, qs: string[], filter: Record<string, unknown>][] {
  const sample = makeFamilies(QUERIES * 3, 11).flatMap((k) => k.anggota).filter((_, i) => i % 3 === 0).slice(0, QUERIES);
  const names = sample.map((a, i) => a.nama.slice(0, 3 + (i % 6)).toLowerCase());
  const niks = sample.map((a, i) => a.nik.slice(0, 8 + (i % 5)));
  // A No KK as read off the card, whole or its first 10–15 digits: the NIK range first, then the families'.
  const kks = makeFamilies(QUERIES * 3, 11).slice(0, QUERIES).map((k, i) => k.noKk.slice(0, 10 + (i % 7)));
  // A later word of the name (the family name, as clerks often know it), alone and within one kecamatan, and
  // words no one has.
  const words = sample.map((a, i) => (a.nama.split(' ').at(-1) ?? a.nama).slice(0, 3 + (i % 5)).toLowerCase());
  const nobody = Array.from({ length: 20 }, (_, i) => `qx${String.fromCharCode(97 + i)}`);
  const inKec = { kecamatan: '62.02.05', status: 'aktif' };
  return [
    ['first page, name prefix', names, {}],
    ['first page, NIK prefix', niks, {}],
    ['first page, No KK (prefix or whole)', kks, {}],
    ['first page, name + kecamatan + status', names, inKec],
    ['first page, a later word of the name', words, {}],
    ['first page, later word + kecamatan + status', words, inKec],
    ['a word no one has', nobody, {}],
    // The list's count line ("N anggota dari M keluarga"), asked beside every search's first page.
    [COUNT_PREFIX + 'name prefix or later word', [...names.slice(0, 50), ...words.slice(0, 50)], {}],
    [COUNT_PREFIX + 'a word no one has', nobody, {}],
  ];
}

/** Every query shape's p50/p95 and the duplicate scan, on a core whose registry holds the people. */
async function measure(core: Core, seededS: number | null): Promise<EngineRun> {
  const regions = await core.services.regions();
  const run = async (qs: string[], filter: Record<string, unknown> = {}, count = false): Promise<Shape> => {
    const times: number[] = [];
    let rows = 0;
    for (const q of qs) {
      const start = performance.now();
      if (count) {
        const n = await countMatches(core.services.db, { q, ...filter }, ALL);
        rows += 'lebihDari' in n ? n.lebihDari : n.anggota;
      }
      else rows += (await listAnggota(core.services.db, regions, { q, limit: 100, ...filter }, ALL)).rows.length;
      times.push(performance.now() - start);
    }
    return { p50: pct(times, 50), p95: pct(times, 95), rows: rows / qs.length };
  };
  const shapes = queryShapes();
  await run(shapes[0]![1].slice(0, 20)); // warm the page cache as a running app would have it
  const measured = new Map<string, Shape>();
  for (const [label, qs, filter] of shapes) measured.set(label, await run(qs, filter, label.startsWith(COUNT_PREFIX)));
  const d0 = performance.now();
  const scan = await scanDuplicates(core.services.db, regions, ALL, { limit: 500 });
  return { seededS, shapes: measured, scan: { seconds: (performance.now() - d0) / 1000, scanned: scan.scanned, pairs: scan.pairs.length } };
}

async function seed(core: Core): Promise<number> {
  await setUpOffice(core);
  const t0 = performance.now();
  const seeded = await seedRegistry(core.services.db, PEOPLE, { seed: 11 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`seeded ${seeded.anggota.toLocaleString('id-ID')} people in ${seeded.keluarga.toLocaleString('id-ID')} families (${seconds.toFixed(1)} s)`);
  return seconds;
}

async function onSqlite(): Promise<EngineRun> {
  // REGISTRY_BENCH_DB=<file>: seed it once (100 s for 500,000 people) and reuse it on later runs, for profiling.
  const kept = process.env.REGISTRY_BENCH_DB;
  const reuse = !!kept && fs.existsSync(kept);
  const dir = kept ? path.dirname(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-registry-bench-'));
  const core = await openTestCore({ dbPath: kept ?? path.join(dir, 'registry.sqlite') });
  try {
    if (reuse) console.log(`reusing ${kept}`);
    return await measure(core, reuse ? null : await seed(core));
  } finally {
    await core.close();
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same people on PostgreSQL. REGISTRY_BENCH_PG=<postgres://… URL of a database>: seeded when empty, reused
 * when it already holds the people (for profiling); otherwise a throw-away cluster for this run.
 */
async function onPostgres(): Promise<EngineRun> {
  const kept = process.env.REGISTRY_BENCH_PG;
  let cluster: PgCluster | null = null;
  const url = kept ?? (await (cluster = await startPostgres()).createDatabase('registry_bench'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-registry-bench-pc-'));
  const core = await openCore({ dbPath: url, dataDir, resourcesDir: RESOURCES, platform: nullPlatform });
  try {
    const people = await core.services.db.selectFrom('anggota').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const reuse = Number(people.n) > 0;
    if (reuse) console.log(`reusing ${url} (${Number(people.n).toLocaleString('id-ID')} people)`);
    const seededS = reuse ? null : await seed(core);
    // As autovacuum leaves a server soon after a large import: fresh statistics, index pending lists merged.
    await sql`vacuum analyze`.execute(core.services.db);
    return await measure(core, seededS);
  } finally {
    await core.close();
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function (): Promise<void> {
  const wanted = process.env.REGISTRY_BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
  const engines = (['sqlite', 'postgres'] as const).filter((e) => wanted.includes(e));
  if (engines.includes('postgres') && !hasPostgres) {
    throw new Error('PostgreSQL is not installed here (Debian: apt-get install postgresql); REGISTRY_BENCH_ENGINES=sqlite runs SQLite alone');
  }
  const runs = new Map<Engine, EngineRun>();
  for (const engine of engines) {
    console.log(`--- ${ENGINE_NAME[engine]}, ${PEOPLE.toLocaleString('id-ID')} people`);
    runs.set(engine, engine === 'sqlite' ? await onSqlite() : await onPostgres());
  }

  const cell = (s: Shape | undefined) => (s ? `p50 ${s.p50.toFixed(1).padStart(5)} ms, p95 ${s.p95.toFixed(1).padStart(5)} ms` : '—'.padEnd(28));
  console.log(`\n${'registry search (target p95 < 30 ms)'.padEnd(44)} ${engines.map((e) => ENGINE_NAME[e].padEnd(34)).join('')}rows/page (count: matches)`);
  for (const [label] of queryShapes()) {
    const shapes = engines.map((e) => runs.get(e)!.shapes.get(label)!);
    const verdicts = shapes.map((s) => `${cell(s)} ${s.p95 < 30 ? 'OK  ' : 'OVER'}  `);
    console.log(`${label.padEnd(44)} ${verdicts.join('')}${shapes[0]!.rows.toFixed(0)}`);
    for (const engine of engines) {
      const s = runs.get(engine)!.shapes.get(label)!;
      // SQLite's figures keep the names they always had, so earlier results compare.
      const name = engine === 'sqlite' ? `registry search: ${label}` : `registry search (PostgreSQL): ${label}`;
      record({ name, median: s.p95, yardstick: null, target: 30, unit: 'ms', note: `p95 (the target's figure); p50 ${s.p50.toFixed(1)} ms` });
    }
  }
  for (const engine of engines) {
    const { scan } = runs.get(engine)!;
    console.log(`duplicate scan, ${ENGINE_NAME[engine].padEnd(10)} over ${scan.scanned.toLocaleString('id-ID')} people: ${scan.seconds.toFixed(1)} s (target < 5 s) ${scan.seconds < 5 ? 'OK' : 'OVER'} — ${scan.pairs} pairs shown`);
    const name = engine === 'sqlite' ? 'duplicate scan (approximate)' : 'duplicate scan (approximate, PostgreSQL)';
    record({ name, median: scan.seconds, yardstick: null, target: 5, unit: 's', note: `${scan.scanned} people, one run` });
  }
  for (const engine of engines) {
    const s = runs.get(engine)!.seededS;
    if (s !== null) console.log(`seeding ${PEOPLE.toLocaleString('id-ID')} people, ${ENGINE_NAME[engine]}: ${s.toFixed(1)} s (the bench's own set-up, not a target)`);
  }
}
