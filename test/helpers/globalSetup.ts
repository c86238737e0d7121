import { mkdtempSync } from 'node:fs';
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
  if (process.env[ENGINE_ENV] === 'postgres') return setupPostgres();
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
