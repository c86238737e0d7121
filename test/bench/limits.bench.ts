/**
 * The reader against hostile input, timed (the tests in test/unit/imports-read/limits.test.ts, legacy.test.ts and
 * csv.test.ts assert what happens; these were their wall-time asserts): scanning 128 MB of text in one element
 * and 256 MB of blanks after </sheetData>, each beside a native search of the same chunks for '<' (the least any
 * scan does); how soon a cancel stops a scan and an .xlsx, .xls and .csv read; how soon an oversized .xls/.ods
 * and an .ods repeat bomb are refused. Best of 3 each. `npm run bench limits`.
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
import type { SourceInput } from '../../electron/core/imports/read';
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

  const scanNote = 'best of 3; yardstick: Buffer.indexOf over the same chunks';
  const longText = await best(() => scanLongText().ms);
  show({ name: 'reader: 128 MB of text in one element', median: longText, yardstick: await best(() => bareSearch(2048, 'A')), target: SCAN_TARGET, unit: 'ms', note: scanNote });
  const pastSheetData = await best(async () => (await scanPastSheetData()).ms);
  show({ name: 'reader: 256 MB of blanks after </sheetData>', median: pastSheetData, yardstick: await best(() => bareSearch(4096, ' ')), target: SCAN_TARGET, unit: 'ms', note: scanNote });

  /** How soon the cancel's own error comes out of `run`. */
  const cancelFigure = async (name: string, run: () => Promise<{ thrown: unknown; stopMs: number }>) => {
    const median = await best(async () => {
      const r = await run();
      if (r.thrown !== cancelled) throw new Error(`${name}: the cancel did not come out: ${String(r.thrown)}`);
      return r.stopMs;
    });
    show({ name, median, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3, from the cancel to the error' });
  };

  /** How soon `input` is refused with `code`. */
  const refusalFigure = async (name: string, input: SourceInput, code: string) => {
    const median = await best(async () => {
      const r = await refusal(input);
      if (r.error.code !== code) throw new Error(`${name}: ${r.error.code} (expected ${code})`);
      return r.ms;
    });
    show({ name, median, yardstick: null, target: 1000, unit: 'ms', note: 'best of 3' });
  };

  await cancelFigure('reader: cancel inside endless junk', () => cancelInEndlessJunk(cancelled));
  const dir = await tempDir();
  try {
    const sheet = await writeBigSheet(path.join(dir, 'big.xlsx'));
    await cancelFigure('reader: cancel reading a 120,000-row .xlsx', () => cancelBigSheet(sheet, cancelled));
    const xls = bigXls(3000);
    await cancelFigure('reader: cancel reading a 3,000-row .xls', () => cancelAtRow({ bytes: xls, fileName: 'besar.xls' }, 500, cancelled));
    const csv = await writeBigCsv(path.join(dir, 'besar.csv'));
    await cancelFigure('reader: cancel reading a 300,000-row .csv', () => cancelAtRow({ path: csv }, 2000, cancelled));

    for (const { name, file } of await oversizedLegacy(dir)) await refusalFigure(`reader: refuse a ${name.slice(-4)} over 30 MB`, { path: file }, 'FILE_TOO_LARGE');
    await refusalFigure('reader: refuse an .ods repeat bomb', { bytes: await odsBomb(), fileName: 'bom.ods' }, 'FILE_TOO_EXPANDED');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
