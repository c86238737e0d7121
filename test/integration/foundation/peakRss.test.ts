/**
 * The peak RSS our benches and the hostile-file test print is the measured process's own, not that of the
 * process that started it (Linux keeps ru_maxrss across fork and exec). Before, the maxsheet bench printed its
 * runner's 1,187 MB for an import that peaked at 370 MB.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownPeakRssMb } from '../../helpers/peakRss';

const ROOT = path.resolve(__dirname, '../../..');
const HELPER = path.join(ROOT, 'test/helpers/peakRss.ts');

function childPeakMb(): number {
  const script = `import(${JSON.stringify(HELPER)}).then((m) => console.log((m.ownPeakRssMb ?? m.default.ownPeakRssMb)()))`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1));
}

describe('ownPeakRssMb', () => {
  it.runIf(process.platform === 'linux')('reports a child its own peak, not the larger peak of the process that started it', () => {
    const small = childPeakMb();
    // This process holds 600 MB more while it starts the same child again.
    const held = Buffer.alloc(600 * 1024 * 1024, 1);
    const parentRssMb = process.memoryUsage().rss / 1024 / 1024;
    const child = childPeakMb();
    expect(held.at(-1)).toBe(1);
    expect(parentRssMb).toBeGreaterThan(600);
    expect(child).toBeLessThan(parentRssMb - 400);
    expect(Math.abs(child - small)).toBeLessThan(150);
  });

  it('is at least what this process holds now', () => {
    expect(ownPeakRssMb()).toBeGreaterThanOrEqual(process.memoryUsage().rss / 1024 / 1024 - 1);
  });
});
