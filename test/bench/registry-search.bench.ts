/**
 * Registry of 500,000 people (generated Kotim families): the first page (100 rows) of a name search, of a
 * NIK-prefix and of a No KK-prefix search through the same query module the app uses, p50/p95 over many queries (yardstick: p95 under
 * 30 ms); plus the approximate duplicate scan over everyone (target: under 5 s). `npm run bench registry`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listAnggota } from '../../electron/core/registry/list';
import { scanDuplicates } from '../../electron/core/registry/duplicates';
import { openTestCore, setUpOffice } from '../helpers/core';
import { makeFamilies, seedRegistry } from '../helpers/registryFixtures';
import { record } from './results';

const PEOPLE = Number(process.env.REGISTRY_BENCH_PEOPLE ?? 500_000);
const QUERIES = 200;
const ALL = { all: true, kecamatan: [], desa: [] };

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export default async function (): Promise<void> {
  // REGISTRY_BENCH_DB=<file>: seed it once (100 s for 500,000 people) and reuse it on later runs, for profiling.
  const kept = process.env.REGISTRY_BENCH_DB;
  const reuse = !!kept && fs.existsSync(kept);
  const dir = kept ? path.dirname(kept) : fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-registry-bench-'));
  const core = await openTestCore({ dbPath: kept ?? path.join(dir, 'registry.sqlite') });
  if (reuse) console.log(`reusing ${kept}`);
  else {
    await setUpOffice(core);
    const t0 = performance.now();
    const seeded = await seedRegistry(core.db, PEOPLE, { seed: 11 });
    console.log(`seeded ${seeded.anggota.toLocaleString('id-ID')} people in ${seeded.keluarga.toLocaleString('id-ID')} families (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const regions = await core.services.regions();

  // Queries drawn from the generated people: a name prefix as a clerk types it, and the first 8–12 NIK digits.
  const sample = makeFamilies(QUERIES * 3, 11).flatMap((k) => k.anggota).filter((_, i) => i % 3 === 0).slice(0, QUERIES);
  const names = sample.map((a, i) => a.nama.slice(0, 3 + (i % 6)).toLowerCase());
  const niks = sample.map((a, i) => a.nik.slice(0, 8 + (i % 5)));
  // A No KK as read off the card, whole or its first 10–15 digits: the NIK range first, then the families'.
  const kks = makeFamilies(QUERIES * 3, 11).slice(0, QUERIES).map((k, i) => k.noKk.slice(0, 10 + (i % 7)));
  // A later word of the name (the family name, as clerks often know it), alone and within one kecamatan, and
  // words no one has.
  const words = sample.map((a, i) => (a.nama.split(' ').at(-1) ?? a.nama).slice(0, 3 + (i % 5)).toLowerCase());
  const nobody = Array.from({ length: 20 }, (_, i) => `qx${String.fromCharCode(97 + i)}`);

  const run = async (qs: string[], filter: Record<string, unknown> = {}) => {
    const times: number[] = [];
    let rows = 0;
    for (const q of qs) {
      const start = performance.now();
      const page = await listAnggota(core.db, regions, { q, limit: 100, ...filter }, ALL);
      times.push(performance.now() - start);
      rows += page.rows.length;
    }
    return { p50: pct(times, 50), p95: pct(times, 95), rows: rows / qs.length };
  };
  await run(names.slice(0, 20)); // warm the page cache as a running app would have it
  const byName = await run(names);
  const byNik = await run(niks);
  const byKk = await run(kks);
  const byNameInKec = await run(names, { kecamatan: '62.02.05', status: 'aktif' });
  const byWord = await run(words);
  const byWordInKec = await run(words, { kecamatan: '62.02.05', status: 'aktif' });
  const byNobody = await run(nobody);
  const line = (label: string, r: { p50: number; p95: number; rows: number }) => {
    console.log(`${label.padEnd(44)} p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (yardstick p95 < 30 ms) ${r.p95 < 30 ? 'OK' : 'OVER'} — ${r.rows.toFixed(0)} rows/page`);
    record({ name: `registry search: ${label}`, median: r.p95, yardstick: null, target: 30, unit: 'ms', note: `p95 (the target's figure); p50 ${r.p50.toFixed(1)} ms` });
  };
  line('first page, name prefix', byName);
  line('first page, NIK prefix', byNik);
  line('first page, No KK (prefix or whole)', byKk);
  line('first page, name + kecamatan + status', byNameInKec);
  line('first page, a later word of the name', byWord);
  line('first page, later word + kecamatan + status', byWordInKec);
  line('a word no one has', byNobody);

  const d0 = performance.now();
  const scan = await scanDuplicates(core.db, regions, ALL, { limit: 500 });
  const seconds = (performance.now() - d0) / 1000;
  console.log(`duplicate scan over ${scan.scanned.toLocaleString('id-ID')} people: ${seconds.toFixed(1)} s (target < 5 s) ${seconds < 5 ? 'OK' : 'OVER'} — ${scan.pairs.length} pairs shown`);
  record({ name: 'duplicate scan (approximate)', median: seconds, yardstick: null, target: 5, unit: 's', note: `${scan.scanned} people, one run` });

  await core.close();
  if (!kept) fs.rmSync(dir, { recursive: true, force: true });
}
