import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchStarted, record, recorded, writeResults } from './results';

describe('bench results (bench/results/latest.json)', () => {
  it('records ratio and pass against the yardstick or the absolute target, and writes them as JSON', () => {
    benchStarted('a.bench.ts');
    const rel = record({ name: 'import', median: 900, yardstick: 2000, target: 0.6, unit: 'ms' });
    expect(rel).toMatchObject({ ratio: 0.45, pass: true, bench: 'a.bench.ts' });
    expect(record({ name: 'export', median: 1300, yardstick: 1000, target: 1.15, unit: 'ms' })).toMatchObject({ ratio: 1.3, pass: false });
    benchStarted('b.bench.ts');
    expect(record({ name: 'memory', median: 310.25, yardstick: null, target: 300, unit: 'MB' })).toMatchObject({ ratio: null, pass: false, bench: 'b.bench.ts' });
    expect(record({ name: 'search p95', median: 12, yardstick: null, target: 30, unit: 'ms' }).pass).toBe(true);
    expect(() => record({ name: 'import', median: 1, yardstick: null, target: 1, unit: 'ms' })).toThrow(/twice/);
    expect(() => record({ name: 'NaN', median: Number.NaN, yardstick: null, target: 1, unit: 'ms' })).toThrow(/not measurements/);
    expect(() => record({ name: 'zero yardstick', median: 1, yardstick: 0, target: 1, unit: 'ms' })).toThrow(/not measurements/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dinsos-bench-results-'));
    try {
      const file = path.join(dir, 'sub', 'latest.json');
      writeResults({ benches: ['a.bench.ts', 'b.bench.ts'], failed: [] }, file);
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { benches: string[]; figures: Record<string, unknown>[]; machine: { cpus: number } };
      expect(json.benches).toEqual(['a.bench.ts', 'b.bench.ts']);
      expect(json.machine.cpus).toBeGreaterThan(0);
      expect(json.figures.map((f) => [f.name, f.median, f.yardstick, f.ratio, f.target, f.pass])).toEqual([
        ['import', 900, 2000, 0.45, 0.6, true],
        ['export', 1300, 1000, 1.3, 1.15, false],
        ['memory', 310.25, null, null, 300, false],
        ['search p95', 12, null, null, 30, true],
      ]);
      expect(recorded()).toHaveLength(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
