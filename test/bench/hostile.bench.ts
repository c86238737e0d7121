/**
 * The hostile files of issue 13 (1–2 MB zips inflating to 0.7–2 GB, a reference outside the grid, four central
 * directory bombs), each read in a child of its own: the slowest refusal (target 5 s, was a timed assertion in
 * test/integration/imports/hostile.test.ts, which keeps the error and the memory bound) and the largest peak RSS
 * (target 300 MB). One read per file. `npm run bench hostile`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIRECTORY_BOMBS, HOSTILE_CASES, readInChild, writeBombInChild, type ChildResult } from '../helpers/hostileChild';
import { writeHostile } from '../helpers/hostileXlsx';
import { tempDir } from '../helpers/xlsx';
import { record } from './results';

export default async function (): Promise<void> {
  const dir = await tempDir('dinsos-hostile-bench-');
  const runs: { name: string; r: ChildResult }[] = [];
  try {
    const read = async (name: string, file: string, code: string) => {
      const r = await readInChild(file);
      await fs.rm(file);
      if (r.code !== code) throw new Error(`${name}: ${r.code} (expected ${code})`);
      console.log(`${name.padEnd(36)} ${r.code?.padEnd(18)} ${r.ms.toFixed(0).padStart(5)} ms ${r.maxRssMb.toFixed(0).padStart(4)} MB`);
      runs.push({ name, r });
    };
    for (const c of HOSTILE_CASES) {
      const name = `${c.kind}${c.lie ? ' (size a lie)' : ''}`;
      const file = path.join(dir, `${c.kind}${c.lie ? '-lie' : ''}.xlsx`);
      await writeHostile(file, c.kind, { lie: c.lie });
      await read(name, file, c.code);
    }
    for (const c of DIRECTORY_BOMBS) {
      const file = path.join(dir, `${c.kind}.xlsx`);
      await writeBombInChild(file, c.kind);
      await read(`directory: ${c.kind}`, file, c.code);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  const slowest = runs.reduce((a, b) => (b.r.ms > a.r.ms ? b : a));
  const largest = runs.reduce((a, b) => (b.r.maxRssMb > a.r.maxRssMb ? b : a));
  console.log(`slowest refusal: ${slowest.r.ms.toFixed(0)} ms (${slowest.name}; target < 5000 ms) ${slowest.r.ms < 5000 ? 'OK' : 'OVER'}`);
  console.log(`largest peak RSS: ${largest.r.maxRssMb.toFixed(0)} MB (${largest.name}; target < 300 MB) ${largest.r.maxRssMb < 300 ? 'OK' : 'OVER'}`);
  record({ name: 'hostile files: slowest refusal', median: slowest.r.ms, yardstick: null, target: 5000, unit: 'ms', note: `${runs.length} files, one read each; slowest: ${slowest.name}` });
  record({ name: 'hostile files: largest peak RSS', median: largest.r.maxRssMb, yardstick: null, target: 300, unit: 'MB', note: `child's own peak RSS; largest: ${largest.name}` });
}
