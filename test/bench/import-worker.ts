/**
 * One measured run for import.bench.ts, in its own process so that time and peak memory belong to this run
 * alone: `read FILE` (exceljs's streaming reader), `import FILE DB` (the app's import, committed),
 * `preview FILE DB` (the same pass without writing, as the import screen runs it first) or `commit FILE DB` (a
 * preview, not measured, then the commit that writes from its checked rows, measured: the clerk's Simpan); `--rejected-file` after
 * DB also writes the rejected-rows file from the spool, as the import job does (maxsheet.bench.ts).
 * Prints one JSON line.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { bareReader } from './bareReader';
import { openDatabase } from '../../electron/core/db/database';
import { isPostgresTarget } from '../../electron/core/db/dialect';
import { runImport } from '../../electron/core/imports/pipeline';
import { writeRejectedFile } from '../../electron/core/imports/rejectedFile';
import { RegionIndex } from '../../electron/core/regions/regionIndex';
import { PREVIEW_SAMPLE_LIMIT, type ImportPreviewSample } from '../../shared/api/imports';
import { ownPeakRssMb, resetPeakRss } from '../helpers/peakRss';

/**
 * The V8 heap's largest size seen (sampled whenever the event loop turns, at most every 200 ms): beside the peak
 * RSS it says whether memory grew in the garbage-collected heap or outside it (buffers, SQLite, zlib).
 */
let heapPeakMb = 0;
function sampleHeap(): void {
  heapPeakMb = Math.max(heapPeakMb, v8.getHeapStatistics().total_heap_size / 1024 / 1024);
}
setInterval(sampleHeap, 200).unref();

/**
 * CPU time of the main thread beside the whole process's (every thread, also those gone: the reader thread,
 * libuv's pool that inflates and runs SQLite). On a busy machine wall time says little; these say what a quiet
 * one would take at least: the longer of the busiest thread's CPU and the process's spread over the cores.
 * Linux only (/proc/self/task/<tid>/stat, utime + stime in clock ticks of 10 ms); elsewhere the main's is null.
 */
function taskCpu(tid: string): { name: string; ms: number } {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: (Number(fields[11]) + Number(fields[12])) * 10 };
}

function mainThreadCpuMs(): number | null {
  try {
    return taskCpu(String(process.pid)).ms;
  } catch {
    return null;
  }
}

/**
 * Every thread's CPU so far (Linux), by thread id, kept at its largest: a thread that ends (the import's reader
 * thread) keeps what it had at the last sample, at most 200 ms before its end.
 */
const threadCpu = new Map<string, { name: string; ms: number }>();
function sampleThreads(): void {
  try {
    for (const tid of readdirSync('/proc/self/task')) threadCpu.set(tid, taskCpu(tid));
  } catch {
    // not Linux, or the thread ended while it was read
  }
}
setInterval(sampleThreads, 200).unref();

/** The threads that used most CPU since `before` (the run's start), largest first. */
function busiestThreads(before: Map<string, { name: string; ms: number }>): { name: string; ms: number }[] {
  return [...threadCpu.entries()]
    .map(([tid, t]) => ({ name: tid === String(process.pid) ? 'main' : t.name, ms: t.ms - (before.get(tid)?.ms ?? 0) }))
    .filter((t) => t.ms > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 6);
}

async function main() {
  const [mode, file, dbPath, flag] = process.argv.slice(2);
  if (!file) throw new Error('usage: import-worker read|import|preview|commit FILE [DB]');
  if (mode === 'read') {
    const start = performance.now();
    const rows = await bareReader(file);
    const ms = performance.now() - start;
    console.log(JSON.stringify({ ms, rows, maxRssMb: ownPeakRssMb() }));
    return;
  }
  const db = await openDatabase(dbPath!);
  // Beside the database file; on an office server (a postgres:// URL, issue 18) a temporary folder of its own.
  const workDir = isPostgresTarget(dbPath!) ? mkdtempSync(path.join(tmpdir(), 'dinsos-import-work-')) : path.dirname(dbPath!);
  const regions = await RegionIndex.load(db);
  const base = { db, regions, officeKabKota: '62.02', session: null, path: file, fileName: 'dtks.xlsx', sha256: 'bench', duplicateMode: 'merge' as const, now: new Date(), workDir };
  // As the import job runs them: a preview keeps its checked rows for the commit (imports/checkedRows.ts).
  const checkedRows = mode === 'commit' || mode === 'preview' ? path.join(workDir, `.diperiksa-${process.pid}.ndjson`) : undefined;
  if (mode === 'commit' && checkedRows) {
    (await runImport({ ...base, commit: false, checkedRows })).rejected.dispose();
    resetPeakRss();
  }
  const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
  const baseHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const start = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const mainCpu0 = mainThreadCpuMs();
  sampleThreads();
  const threads0 = new Map(threadCpu);
  // The first progress report: the first rows read, checked and counted (the screen's first sign of the sheet).
  let firstProgressMs: number | null = null;
  let firstProgressRows = 0;
  // When the preview's status first carries its full sample of first rows (issue 20: on screen in < 1 s).
  let firstSampleMs: number | null = null;
  const result = await runImport({
    ...base,
    commit: mode === 'import' || mode === 'commit',
    checkedRows,
    onProgress: (done) => {
      if (firstProgressMs !== null) return;
      firstProgressMs = performance.now() - start;
      firstProgressRows = done;
    },
    ...(mode === 'preview'
      ? {
          onSample: (sample: ImportPreviewSample) => {
            if (firstSampleMs === null && sample.rows.length >= PREVIEW_SAMPLE_LIMIT) firstSampleMs = performance.now() - start;
          },
        }
      : {}),
  });
  // --rejected-file: also write the rejected-rows file from the spool, as the import job does.
  const fileStart = performance.now();
  let rejectedFileRows = 0;
  if (flag === '--rejected-file' && result.rejected.count > 0) {
    const rows = result.rejected.rows();
    async function* counted() {
      for await (const r of rows) {
        rejectedFileRows++;
        yield r;
      }
    }
    await writeRejectedFile(path.join(workDir, 'ditolak.xlsx'), result.columns, counted(), result.rejected.width);
  }
  result.rejected.dispose();
  const rejectedFileMs = performance.now() - fileStart;
  const ms = performance.now() - start;
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  const mainCpu1 = mainThreadCpuMs();
  sampleThreads();
  const threads = busiestThreads(threads0);
  const cpuMs = { process: (cpu.user + cpu.system) / 1000, main: mainCpu0 === null || mainCpu1 === null ? null : mainCpu1 - mainCpu0 };
  sampleHeap();
  await db.destroy();
  const checkedRowsMb = checkedRows && mode === 'preview' ? statSync(checkedRows).size / 1024 / 1024 : undefined;
  if (checkedRows) for (const f of [checkedRows, `${checkedRows}.json`]) rmSync(f, { force: true });
  if (isPostgresTarget(dbPath!)) rmSync(workDir, { recursive: true, force: true });
  console.log(JSON.stringify({ ms, checkedRowsMb, firstProgressMs, firstProgressRows, firstSampleMs, rejectedFileMs, rejectedFileRows, busyMs: elu.active, cpuMs, threads, baseRssMb, baseHeapMb, heapPeakMb, counts: result.counts, maxRssMb: ownPeakRssMb() }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
