/**
 * Test files that run the same assertions on both engines (issue 18): SQLite always, PostgreSQL where it is
 * installed and always in CI (.ci/run installs it; a missing server fails there instead of skipping).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core/app';
import { postgresTestsRun } from '../support/postgres';
import { useCluster } from './cluster';
import { nullPlatform } from './core';
import { ENGINE_ENV, PG_TEMPLATE, RESOURCES, tempDbPath } from './webApp';

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

/**
 * For a file that asks nothing of a database (a sheet read from a file, a page laid out from given data): its run
 * on SQLite is the whole test, so a PostgreSQL run skips it and says why. A file that writes or reads the
 * database, even only to set an office up, runs on both.
 */
export function noDatabase(what: string): boolean {
  return sqliteOnly(`${what}: no database in it, its SQLite run is the whole test`);
}

/**
 * The engines for `describe.each`, and a database for each: on PostgreSQL a copy of the run's template (migrated,
 * regions loaded), as tempDbPath() is on SQLite.
 */
export function bothEngines(): { engines: readonly Engine[]; database(engine: Engine, name: string): Promise<string> } {
  // On a PostgreSQL run (test:pg) the files' SQLite half is the SQLite run's.
  const engines: readonly Engine[] = testEngine === 'postgres' ? ['postgres'] : postgresTestsRun ? ['sqlite', 'postgres'] : ['sqlite'];
  const pg = engines.includes('postgres') ? useCluster() : null;
  return { engines, database: async (engine, name) => (engine === 'postgres' ? pg!.createDatabase(name, PG_TEMPLATE) : tempDbPath()) };
}

/** One PC of the office: a core with its own data folder, on the database (file or server) named by `dbPath`. */
export const openPc = (dbPath: string) => openCore({ dbPath, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform });
