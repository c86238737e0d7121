/**
 * `npm run bench [name…]`: runs the benchmarks in test/bench/*.bench.ts. Benchmarks are not tests: each
 * prints its figure beside a yardstick measured in the same run (machines are noisy; ratios hold).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main() {
  const wanted = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
    .sort();
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const mod = (await import(join(__dirname, file))) as { default: () => Promise<void> };
    await mod.default();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
