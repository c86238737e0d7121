import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { ensureRegionsLoaded } from '../../electron/core/regions/load';
import { RESOURCES, TEMPLATE_ENV } from './webApp';

/**
 * Builds, once per test run, a migrated database with the region reference loaded; `tempDbPath()` copies
 * it, so each test's fresh database costs a file copy instead of loading 91,599 regions.
 */
export default async function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'dinsos-template-')), 'template.sqlite');
  const db = await openDatabase(path);
  await ensureRegionsLoaded(db, RESOURCES);
  await db.destroy();
  // Worker processes start after this and inherit the environment.
  process.env[TEMPLATE_ENV] = path;
}
