import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { ensureRegionsLoaded } from '../../electron/core/regions/load';
import { startPostgres } from '../support/postgres';
import { ENGINE_ENV, PG_BASE_ENV, PG_TEMPLATE, RESOURCES, TEMPLATE_ENV } from './webApp';

/**
 * Builds, once per test run, a migrated database with the region reference loaded; `tempDbPath()` copies
 * it, so each test's fresh database costs a file copy instead of loading 91,599 regions.
 */
export default async function setup() {
  const removeRunDir = useRunTempDir();
  const stopPostgres = process.env[ENGINE_ENV] === 'postgres' ? await setupPostgres() : undefined;
  if (!stopPostgres) await setupSqlite();
  return async () => {
    await stopPostgres?.();
    removeRunDir();
  };
}

/**
 * Every temporary file of the run (databases, uploads of 150 MB, PostgreSQL clusters, browser profiles) goes
 * under one folder that is removed at the end: one run left 4.4 GB behind, and the leftovers of many runs
 * filled the disk until SQLite answered SQLITE_FULL. Forked workers, and what they spawn, inherit TMPDIR.
 * DINSOS_KEEP_TMP=1 keeps the folder to look into.
 */
function useRunTempDir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'dinsos-run-'));
  chmodSync(dir, 0o711); // the postgres user, which test clusters run as under root, must reach its folder inside
  process.env.TMPDIR = dir;
  return () => {
    if (process.env.DINSOS_KEEP_TMP) console.log(`temporary files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}

async function setupSqlite() {
  const path = join(mkdtempSync(join(tmpdir(), 'dinsos-template-')), 'template.sqlite');
  const db = await openDatabase(path);
  await ensureRegionsLoaded(db, RESOURCES);
  await db.destroy();
  // Worker processes start after this and inherit the environment.
  process.env[TEMPLATE_ENV] = path;
}

/**
 * DINSOS_TEST_ENGINE=postgres (issue 18): the same integration tests against PostgreSQL. One throw-away cluster
 * for the run, a migrated template database with the regions; `tempDbPath()` then gives each test a copy of it.
 */
async function setupPostgres() {
  const pg = await startPostgres();
  const db = await openDatabase(await pg.createDatabase(PG_TEMPLATE));
  await ensureRegionsLoaded(db, RESOURCES);
  await db.destroy();
  process.env[PG_BASE_ENV] = pg.url('');
  return () => pg.stop();
}
