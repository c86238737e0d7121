/**
 * The whole import (read + check every row + commit in one transaction) of a generated 100,000-row published
 * DTKS sheet (24 columns, valid Kotim NIKs, real desa names), beside exceljs's streaming reader alone on the
 * same file. Yardsticks: import ≤ 1.5 × bare reader; peak RSS < 400 MB. `npm run bench import`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { openTestCore, setUpOffice } from '../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../helpers/registryFixtures';
import { ROOT } from '../helpers/webApp';
import { bundleScript, childEnv, JOB_HEAP_ARGS } from './bundle';
import { record } from './results';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const REPEAT = Number(process.env.IMPORT_BENCH_REPEAT ?? 2);

export async function generate(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('DTKS');
  ws.addRow(['DATA TERPADU KESEJAHTERAAN SOSIAL KABUPATEN KOTAWARINGIN TIMUR']).commit();
  ws.addRow([...DTKS_HEADERS]).commit();
  let n = 0;
  for (const k of makeFamilies(ROWS, 7)) {
    for (const a of k.anggota) {
      if (n >= ROWS) break;
      n++;
      ws.addRow(dtksRow(k, a, n)).commit();
    }
  }
  ws.commit();
  await wb.commit();
}

interface Run {
  ms: number;
  maxRssMb: number;
  /** Import runs: main-thread time spent running code (the rest it waited on SQLite or the file). */
  busyMs?: number;
  /** Import runs: the process's RSS just before the import began (database open, regions loaded). */
  baseRssMb?: number;
  rows?: number;
  counts?: { dataRows: number; imported: number; keluargaBaru: number; rejected: number; duplicateInFile: number; duplicateRegistry: number };
}

let workerScript = '';

/**
 * A run in a fresh process (bundled, under plain node as in the app), so its time and peak RSS are its own. The
 * app's import and preview run under the job worker's heap limit; exceljs's reader, the yardstick, under node's
 * defaults as before (exceljs keeps far more alive and under the limit took 13.4 s instead of 5.5 s here).
 */
function worker(args: string[]): Run {
  const nodeArgs = args[0] === 'read' ? [] : JOB_HEAP_ARGS;
  const out = execFileSync(process.execPath, [...nodeArgs, workerScript, ...args], { encoding: 'utf8', maxBuffer: 1 << 24, cwd: ROOT, env: childEnv() });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

export default async function (): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-import-bench-'));
  const file = path.join(dir, 'dtks.xlsx');
  await generate(file);
  workerScript = bundleScript(path.join(__dirname, 'import-worker.ts'), dir);
  console.log(`sheet: ${ROWS.toLocaleString('id-ID')} rows × 24 columns, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`);

  const template = path.join(dir, 'template.sqlite');
  const core = await openTestCore({ dbPath: template });
  await setUpOffice(core);
  await core.close();

  const reads: Run[] = [];
  const imports: Run[] = [];
  for (let rep = 0; rep < REPEAT; rep++) {
    reads.push(worker(['read', file]));
    const db = path.join(dir, `run${rep}.sqlite`);
    fs.copyFileSync(template, db);
    imports.push(worker(['import', file, db]));
  }
  fs.copyFileSync(template, path.join(dir, 'preview.sqlite'));
  const preview = worker(['preview', file, path.join(dir, 'preview.sqlite')]);
  const bare = Math.min(...reads.map((r) => r.ms));
  const imp = imports.reduce((a, b) => (a.ms <= b.ms ? a : b));
  const c = imp.counts!;
  const ratio = imp.ms / bare;
  const peak = Math.max(...imports.map((r) => r.maxRssMb));
  console.log(`exceljs streaming reader alone : ${(bare / 1000).toFixed(2)} s (best of ${REPEAT}; ${reads[0]!.rows!.toLocaleString('id-ID')} rows; peak RSS ${Math.max(...reads.map((r) => r.maxRssMb)).toFixed(0)} MB)`);
  console.log(`import (read+check+commit)     : ${(imp.ms / 1000).toFixed(2)} s (best of ${REPEAT}) — ${ratio.toFixed(2)} × reader (yardstick ≤ 1.50) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
  console.log(`  rows ${c.dataRows.toLocaleString('id-ID')}: imported ${c.imported.toLocaleString('id-ID')}, families ${c.keluargaBaru.toLocaleString('id-ID')}, rejected ${c.rejected}, duplicates ${c.duplicateInFile + c.duplicateRegistry}`);
  console.log(`  main thread busy ${(imp.busyMs! / 1000).toFixed(2)} s; the import screen's preview pass alone (read+check) ${(preview.ms / 1000).toFixed(2)} s`);
  console.log(`peak RSS of the import process : ${peak.toFixed(0)} MB (yardstick < 400 MB) ${peak < 400 ? 'OK' : 'OVER'}; ${imp.baseRssMb!.toFixed(0)} MB of it before the import began`);

  record({ name: 'import 100k DTKS rows (read+check+commit)', median: imp.ms, yardstick: bare, target: 0.6, unit: 'ms', note: `best of ${REPEAT}; yardstick exceljs streaming reader` });
  record({ name: 'import 100k peak RSS', median: peak, yardstick: null, target: 300, unit: 'MB' });

  fs.rmSync(dir, { recursive: true, force: true });
}
