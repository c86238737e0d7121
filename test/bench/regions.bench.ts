/**
 * First start: loading the region reference of all Indonesia (91,599 regions, aliases, the BPS bridge) into a
 * fresh database. Target: under 5 s (was a timed assertion in test/integration/foundation/regions.test.ts, which
 * now checks only what is loaded). Median of 3 fresh databases. `npm run bench regions`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { ensureRegionsLoaded } from '../../electron/core/regions/load';
import { emptyDbPath, RESOURCES } from '../helpers/webApp';
import { record } from './results';

export default async function (): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const file = emptyDbPath();
    const db = await openDatabase(file);
    try {
      const t = performance.now();
      const n = await ensureRegionsLoaded(db, RESOURCES);
      times.push(performance.now() - t);
      if (n === 0) throw new Error('regions were already loaded: the bench needs a fresh database');
    } finally {
      await db.destroy();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
  const median = [...times].sort((a, b) => a - b)[1]!;
  console.log(`region reference, first start: median ${median.toFixed(0)} ms of 3 (${times.map((t) => t.toFixed(0)).join(', ')} ms) (target < 5000 ms) ${median < 5000 ? 'OK' : 'OVER'}`);
  record({ name: 'region reference load (first start)', median, yardstick: null, target: 5000, unit: 'ms', note: 'median of 3 fresh databases' });
}
