/**
 * `npm run bench [name…]`: runs the benchmarks in test/bench/*.bench.ts. Benchmarks are not tests: each
 * prints its figure beside a yardstick measured in the same run (machines are noisy; ratios hold), and
 * record()s it (results.ts); the run's figures are written to bench/results/latest.json, also when a bench fails.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { benchStarted, recorded, RESULTS_FILE, writeResults } from './results';

async function main() {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
    .sort();
  const ran: string[] = [];
  try {
    for (const file of files) {
      console.log(`\n=== ${file} ===`);
      benchStarted(file);
      ran.push(file);
      const mod = (await import(join(__dirname, file))) as { default: () => Promise<void> };
      await mod.default();
      if (!recorded().some((f) => f.bench === file)) console.warn(`${file} recorded no figure: call record() from ./results beside its printed figures`);
    }
    writeResults({ benches: ran, failed: [] });
  } catch (error) {
    writeResults({ benches: ran, failed: ran.slice(-1) });
    throw error;
  } finally {
    const figures = recorded();
    console.log(`\n${figures.length} figures (${figures.filter((f) => !f.pass).length} not reaching their target) → ${relative(process.cwd(), RESULTS_FILE)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
