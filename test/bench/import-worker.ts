/**
 * One measured run for import.bench.ts, in its own process so that time and peak memory belong to this run
 * alone: `read FILE` (exceljs's streaming reader), `import FILE DB` (the app's import, committed) or
 * `preview FILE DB` (the same pass without writing, as the import screen runs it first).
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { bareReader } from './bareReader';
import { openDatabase } from '../../electron/core/db/database';
import { runImport } from '../../electron/core/imports/pipeline';
import { RegionIndex } from '../../electron/core/regions/regionIndex';

async function main() {
  const [mode, file, dbPath] = process.argv.slice(2);
  if (!file) throw new Error('usage: import-worker read|import|preview FILE [DB]');
  if (mode === 'read') {
    const start = performance.now();
    const rows = await bareReader(file);
    const ms = performance.now() - start;
    console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const db = await openDatabase(dbPath!);
  const regions = await RegionIndex.load(db);
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const baseHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const start = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const result = await runImport({
    db, regions, officeKabKota: '62.02', session: null, path: file, fileName: 'dtks.xlsx', sha256: 'bench',
    duplicateMode: 'merge', commit: mode === 'import', now: new Date(),
  });
  const ms = performance.now() - start;
  const elu = performance.eventLoopUtilization(elu0);
  await db.destroy();
  console.log(JSON.stringify({ ms, busyMs: elu.active, baseRssMb, baseHeapMb, counts: result.counts, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
