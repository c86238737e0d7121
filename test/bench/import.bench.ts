/**
 * The whole import (read + check every row + commit in one transaction) of a generated 100,000-row published
 * DTKS sheet (24 columns, valid Kotim NIKs, real desa names), beside exceljs's streaming reader alone on the
 * same file. Yardsticks: import ≤ 1.5 × bare reader; peak RSS < 400 MB. `npm run bench import`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runImport } from '../../electron/core/imports/pipeline';
import { READER_OPTIONS } from '../../electron/core/imports/read/xlsx';
import { sha256File } from '../../electron/core/imports/staging';
import { openTestCore, setUpOffice } from '../helpers/core';
import { DTKS_HEADERS, dtksRow, makeKeluarga } from '../helpers/registryFixtures';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);

async function generate(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('DTKS');
  ws.addRow(['DATA TERPADU KESEJAHTERAAN SOSIAL KABUPATEN KOTAWARINGIN TIMUR']).commit();
  ws.addRow([...DTKS_HEADERS]).commit();
  let n = 0;
  for (let i = 0; n < ROWS; i++) {
    const k = makeKeluarga(i, 7);
    for (const a of k.anggota) {
      if (n >= ROWS) break;
      n++;
      ws.addRow(dtksRow(k, a, n)).commit();
    }
  }
  ws.commit();
  await wb.commit();
}

async function bareReader(file: string): Promise<number> {
  let n = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS);
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== undefined) cells++;
      });
      n++;
    }
  }
  return cells > 0 ? n : 0;
}

async function measured<T>(f: () => Promise<T>): Promise<{ ms: number; peakMb: number; value: T }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const start = performance.now();
  try {
    const value = await f();
    return { ms: performance.now() - start, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, value };
  } finally {
    clearInterval(t);
  }
}

export default async function (): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-import-bench-'));
  const file = path.join(dir, 'dtks.xlsx');
  await generate(file);
  console.log(`sheet: ${ROWS.toLocaleString('id-ID')} rows × 24 columns, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`);

  const core = await openTestCore({ dbPath: path.join(dir, 'bench.sqlite') });
  await setUpOffice(core);
  const regions = await core.services.regions();
  const sha256 = await sha256File(file);

  const bare = await measured(() => bareReader(file));
  const imp = await measured(() =>
    runImport({
      db: core.db, regions, officeKabKota: '62.02', session: null, path: file, fileName: 'dtks.xlsx', sha256,
      duplicateMode: 'merge', commit: true, now: new Date(),
    }),
  );
  const c = imp.value.counts;
  const ratio = imp.ms / bare.ms;
  console.log(`exceljs streaming reader alone : ${(bare.ms / 1000).toFixed(2)} s (${bare.value.toLocaleString('id-ID')} rows)`);
  console.log(`import (read+check+commit)     : ${(imp.ms / 1000).toFixed(2)} s — ${ratio.toFixed(2)} × reader (yardstick ≤ 1.50) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
  console.log(`  rows ${c.dataRows.toLocaleString('id-ID')}: imported ${c.imported.toLocaleString('id-ID')}, families ${c.keluargaBaru.toLocaleString('id-ID')}, rejected ${c.rejected}, duplicates ${c.duplicateInFile + c.duplicateRegistry}`);
  console.log(`peak RSS during import         : ${imp.peakMb.toFixed(0)} MB (yardstick < 400 MB) ${imp.peakMb < 400 ? 'OK' : 'OVER'}`);
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
