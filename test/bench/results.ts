/**
 * The figures a bench run reaches, written by `npm run bench` to bench/results/latest.json (see
 * bench/results/README.md) so they can be tracked from run to run. Every bench calls record() once per figure,
 * beside the line it prints:
 *
 *     record({ name: 'import 100k DTKS rows', median: ms, yardstick: readerMs, target: 0.6, unit: 'ms' });
 *
 * - `median`: the figure (the median, or the best, of the bench's runs — say which in `note`), in `unit`.
 * - `yardstick`: the same work by the bare tool measured in the same run (exceljs's reader, Chromium alone…), in
 *   `unit`; null when the target is an absolute bound.
 * - `target`: with a yardstick, the largest accepted ratio median / yardstick; without, the largest accepted
 *   median. pass = (ratio ?? median) <= target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Unit = 'ms' | 's' | 'MB';

export interface Figure {
  name: string;
  median: number;
  yardstick: number | null;
  target: number;
  unit: Unit;
  note?: string;
}

export interface RecordedFigure extends Figure {
  ratio: number | null;
  pass: boolean;
  /** The bench file that recorded it. */
  bench: string;
}

const figures: RecordedFigure[] = [];
let currentBench = '';

/** Set by run.ts before each bench file runs. */
export function benchStarted(file: string): void {
  currentBench = file;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The middle value (of an even count, the upper middle one). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export function record(f: Figure): RecordedFigure {
  if (!Number.isFinite(f.median) || (f.yardstick !== null && !(f.yardstick > 0)) || !Number.isFinite(f.target)) {
    throw new Error(`bench figure "${f.name}": median ${f.median}, yardstick ${f.yardstick}, target ${f.target} are not measurements`);
  }
  if (figures.some((x) => x.name === f.name)) throw new Error(`bench figure "${f.name}" recorded twice`);
  const ratio = f.yardstick === null ? null : round(f.median / f.yardstick);
  const entry: RecordedFigure = {
    ...f,
    median: round(f.median),
    yardstick: f.yardstick === null ? null : round(f.yardstick),
    ratio,
    pass: (ratio ?? f.median) <= f.target,
    bench: currentBench,
  };
  figures.push(entry);
  return entry;
}

export function recorded(): readonly RecordedFigure[] {
  return figures;
}

export const RESULTS_FILE = path.join(__dirname, '../../bench/results/latest.json');

/** Writes this run's figures (only the benches that ran; a failed bench leaves out what it did not reach). */
export function writeResults(run: { benches: string[]; failed: string[] }, file = RESULTS_FILE): void {
  const out = {
    ranAt: new Date().toISOString(),
    machine: { platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version },
    benches: run.benches,
    failed: run.failed,
    figures,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
