/**
 * Test files that run the same assertions on both engines (issue 18): SQLite always, PostgreSQL where it is
 * installed and always in CI (.ci/run installs it; a missing server fails there instead of skipping).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openCore } from '../../electron/core/app';
import { hasPostgres, startPostgres, type PgCluster } from '../support/postgres';
import { nullPlatform } from './core';
import { ENGINE_ENV, RESOURCES, tempDbPath } from './webApp';

export type Engine = 'sqlite' | 'postgres';

/** The engine this run's test databases are on: `DINSOS_TEST_ENGINE=postgres` (npm run test:pg) or SQLite. */
export const testEngine: Engine = process.env[ENGINE_ENV] === 'postgres' ? 'postgres' : 'sqlite';

/**
 * For a test of what only SQLite has, by nature (the database file and its swap, WAL, the SQLite driver, the
 * app's own backup, which the server refuses): `describe.skipIf(sqliteOnly('why'))`. True on a PostgreSQL run,
 * where the skip and its one-line reason are printed; the reason also tells the reader why.
 */
export function sqliteOnly(reason: string): boolean {
  if (testEngine !== 'postgres') return false;
  console.info(`skipped on PostgreSQL: ${reason}`);
  return true;
}

/** The engines for `describe.each`, with one throw-away PostgreSQL cluster for the file when it is among them. */
export function bothEngines(): { engines: readonly Engine[]; database(engine: Engine, name: string): Promise<string> } {
  // On a PostgreSQL run (test:pg) the files' SQLite half is the SQLite run's: tempDbPath() gives server databases there.
  const engines: readonly Engine[] = testEngine === 'postgres' ? ['postgres'] : hasPostgres || process.env.CI === 'true' ? ['sqlite', 'postgres'] : ['sqlite'];
  let pg: PgCluster | null = null;
  beforeAll(async () => {
    if (engines.includes('postgres')) pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });
  return { engines, database: async (engine, name) => (engine === 'postgres' ? pg!.createDatabase(name) : tempDbPath()) };
}

/** One PC of the office: a core with its own data folder, on the database (file or server) named by `dbPath`. */
export const openPc = (dbPath: string) => openCore({ dbPath, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform });
