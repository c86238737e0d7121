/**
 * migrate-to-server for an office of 100,000 people (issue 18): the SQLite file copied into a new PostgreSQL
 * database on a throw-away cluster and verified table by table, through the same core function the command
 * runs. Target: under 3 minutes (a one-time move, done once by the office's IT). Yardstick from the same run:
 * reading the file once for its checksums alone (the copy reads the file once, writes the server, reads it back).
 * `npm run bench migrate` (needs PostgreSQL's binaries, as the tests do).
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openCore } from '../../electron/core/app';
import { openDatabase } from '../../electron/core/db/database';
import { migrateToServer } from '../../electron/core/db/migrateToServer';
import { copyPlan, tableChecksum } from '../../electron/core/db/tableCopy';
import { ensureRegionsLoaded } from '../../electron/core/regions';
import { nullPlatform, setUpOffice } from '../helpers/core';
import { seedRegistry } from '../helpers/registryFixtures';
import { RESOURCES, emptyDbPath } from '../helpers/webApp';
import { startPostgres } from '../support/postgres';
import { record } from './results';

const PEOPLE = Number(process.env.MIGRATE_BENCH_PEOPLE ?? 100_000);

export default async function bench() {
  const file = emptyDbPath();
  const pg = await startPostgres();
  try {
    const core = await openCore({ dbPath: file, resourcesDir: RESOURCES, platform: nullPlatform });
    try {
      await setUpOffice(core);
      await seedRegistry(core.db, PEOPLE);
    } finally {
      await core.close();
    }

    const source = await openDatabase(file, { readonly: true });
    const yardStart = performance.now();
    let rows = 0;
    try {
      for (const plan of await copyPlan(source, source)) rows += (await tableChecksum(source, plan, 2000)).rows;
    } finally {
      await source.destroy();
    }
    const yardMs = performance.now() - yardStart;

    const url = await pg.createDatabase('kantor');
    const started = performance.now();
    const result = await migrateToServer({ from: file, to: url, actor: null, loadReference: (db) => ensureRegionsLoaded(db, RESOURCES).then(() => undefined) });
    const ms = performance.now() - started;
    const copied = result.tables.reduce((n, t) => n + t.rows, 0);
    const biggest = [...result.tables].sort((a, b) => b.rows - a.rows).slice(0, 4).map((t) => `${t.name} ${t.rows}`).join(', ');
    console.log(
      `migrate-to-server, ${PEOPLE} people (${copied} rows in ${result.tables.length} tables: ${biggest}): ${(ms / 1000).toFixed(1)} s (target < 180 s: ${ms < 180_000 ? 'OK' : 'TERLAMBAT'}) · reading the file once for its checksums ${(yardMs / 1000).toFixed(1)} s (${rows} rows)`,
    );
    record({ name: `migrate-to-server (${PEOPLE} people)`, median: ms / 1000, yardstick: yardMs / 1000, target: 180, unit: 's', note: `one run, ${copied} rows copied and verified` });
  } finally {
    await pg.stop();
    rmSync(dirname(file), { recursive: true, force: true });
  }
}
