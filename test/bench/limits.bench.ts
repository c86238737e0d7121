/**
 * The reader against hostile input, timed (the tests in test/unit/imports-read/limits.test.ts, legacy.test.ts and
 * csv.test.ts assert what happens; these were their wall-time asserts): scanning 128 MB of text in one element and 256 MB of
 * blanks after </sheetData>, each beside a native search of the same chunks for '<' (the least any scan does); how soon a cancel stops a scan and an .xlsx, .xls and .csv read; how soon an oversized
 * .xls/.ods and an .ods repeat bomb are refused. Best of 3 each. `npm run bench limits`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  bigXls,
  cancelAtRow,
  cancelBigSheet,
  cancelInEndlessJunk,
  CHUNK,
  odsBomb,
  oversizedLegacy,
  refusal,
  scanLongText,
  scanPastSheetData,
  writeBigCsv,
  writeBigSheet,
} from '../helpers/readerLimits';
import { tempDir } from '../helpers/xlsx';
import { record, type Figure } from './results';

const RUNS = 3;
/**
 * A linear scan is a few times the native search (2-10x here, on a loaded machine); one that buffers the text or
 * rescans it grows with its square, hundreds of times the search at these sizes. The tests' old bound, 5 s, was
 * about 20x here.
 */
const SCAN_TARGET = 20;

async function best(run: () => Promise<number> | number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  return Math.min(...times);
}

/**
 * The floor of a scan: `chunks` fresh 64 KB buffers of `fill` (as inflate hands them out), each searched natively
 * (Buffer.indexOf) for the '<' that would end a text.
 */
function bareSearch(chunks: number, fill: string): number {
  const start = performance.now();
  let found = 0;
  for (let c = 0; c < chunks; c++) if (Buffer.alloc(CHUNK, fill).indexOf(0x3c) >= 0) found++;
  if (found !== 0) throw new Error('the filler has no "<"');
  return performance.now() - start;
}

function show(f: Figure): void {
  const r = record(f);
  const against = f.yardstick === null ? `target < ${f.target} ms` : `bare search ${f.yardstick.toFixed(0)} ms, ${r.ratio}x (target < ${f.target}x)`;
  console.log(`${f.name}: ${f.median.toFixed(0)} ms, ${against} ${r.pass ? 'OK' : 'OVER'}`);
}

export default async function (): Promise<void> {
  const cancelled = new Error('JOB_CANCELLED');
  const expectCancelled = (thrown: unknown) => {
    if (thrown !== cancelled) throw new Error(`the cancel did not come out: ${String(thrown)}`);
  };

  show({ name: 'reader: 128 MB of text in one element', median: await best(() => scanLongText().ms), yardstick: await best(() => bareSearch(2048, 'A')), target: SCAN_TARGET, unit: 'ms', note: 'best of 3; yardstick: Buffer.indexOf over the same chunks' });
  show({
    name: 'reader: 256 MB of blanks after </sheetData>',
    median: await best(async () => (await scanPastSheetData()).ms),
    yardstick: await best(() => bareSearch(4096, ' ')),
    target: SCAN_TARGET,
    unit: 'ms',
    note: 'best of 3; yardstick: Buffer.indexOf over the same chunks',
  });

  const cancelScan = await best(async () => {
    const r = await cancelInEndlessJunk(cancelled);
    expectCancelled(r.thrown);
    return r.stopMs;
  });
  show({ name: 'reader: cancel inside endless junk', median: cancelScan, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3, from the cancel to the error' });

  const dir = await tempDir();
  try {
    const sheet = await writeBigSheet(path.join(dir, 'big.xlsx'));
    const cancelSheet = await best(async () => {
      const r = await cancelBigSheet(sheet, cancelled);
      expectCancelled(r.thrown);
      return r.stopMs;
    });
    show({ name: 'reader: cancel reading a 120,000-row .xlsx', median: cancelSheet, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3, from the cancel to the error' });

    const xls = bigXls(3000);
    const cancelXls = await best(async () => {
      const r = await cancelAtRow({ bytes: xls, fileName: 'besar.xls' }, 500, cancelled);
      expectCancelled(r.thrown);
      return r.stopMs;
    });
    show({ name: 'reader: cancel reading a 3,000-row .xls', median: cancelXls, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3, from the cancel to the error' });

    const csv = await writeBigCsv(path.join(dir, 'besar.csv'));
    const cancelCsv = await best(async () => {
      const r = await cancelAtRow({ path: csv }, 2000, cancelled);
      expectCancelled(r.thrown);
      return r.stopMs;
    });
    show({ name: 'reader: cancel reading a 300,000-row .csv', median: cancelCsv, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3, from the cancel to the error' });

    for (const { name, file } of await oversizedLegacy(dir)) {
      const ms = await best(async () => {
        const r = await refusal({ path: file });
        if (r.error.code !== 'FILE_TOO_LARGE') throw new Error(`${name}: ${r.error.code}`);
        return r.ms;
      });
      show({ name: `reader: refuse a ${name.slice(-4)} over 30 MB`, median: ms, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3' });
    }

    const bomb = await odsBomb();
    const bombMs = await best(async () => {
      const r = await refusal({ bytes: bomb, fileName: 'bom.ods' });
      if (r.error.code !== 'FILE_TOO_EXPANDED') throw new Error(`bom.ods: ${r.error.code}`);
      return r.ms;
    });
    show({ name: 'reader: refuse an .ods repeat bomb', median: bombMs, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3' });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
