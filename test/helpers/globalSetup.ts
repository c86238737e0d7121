import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/database';
import { ensureRegionsLoaded } from '../../electron/core/regions/load';
import { postgresTestsRun, startPostgres, type PgCluster } from '../support/postgres';
import type { SharedClusterState } from './cluster';
import { RUN_TMP_ENV } from './runTmp';
import { ENGINE_ENV, PG_BASE_ENV, PG_TEMPLATE, RESOURCES, SHARED_PG_ENV, TEMPLATE_ENV } from './webApp';

/**
 * Builds, once per test run, a migrated database with the region reference loaded; `tempDbPath()` copies
 * it, so each test's fresh database costs a file copy instead of loading 91,599 regions.
 */
export default async function setup() {
  const removeRunDir = useRunTempDir();
  const onPostgres = process.env[ENGINE_ENV] === 'postgres';
  const cluster = onPostgres || postgresTestsRun ? startRunCluster() : undefined;
  if (onPostgres) {
    // DINSOS_TEST_ENGINE=postgres (issue 18): tempDbPath() gives every test a copy of the template on this cluster.
    process.env[PG_BASE_ENV] = (await cluster!.ready).url('');
  } else {
    await setupSqlite();
  }
  return async () => {
    await cluster?.stop();
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
  process.env[RUN_TMP_ENV] = dir;
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
 * The run's one PostgreSQL cluster (issue 18), with a migrated template database with the regions: test files
 * create their databases there (test/helpers/cluster.ts useCluster) instead of each starting a cluster (2-5 s
 * of initdb) and migrating each database. It starts in the background, while the first tests run; the files
 * that use it wait for the state file. Where PostgreSQL is missing outside CI, those files skip instead.
 */
function startRunCluster(): { ready: Promise<PgCluster>; stop(): Promise<void> } {
  const stateFile = join(process.env.TMPDIR!, 'postgres.json');
  process.env[SHARED_PG_ENV] = stateFile;
  const tell = (state: SharedClusterState) => {
    writeFileSync(`${stateFile}.new`, JSON.stringify(state));
    renameSync(`${stateFile}.new`, stateFile);
  };
  const ready = (async () => {
    const pg = await startPostgres();
    const db = await openDatabase(await pg.createDatabase(PG_TEMPLATE));
    await ensureRegionsLoaded(db, RESOURCES);
    await db.destroy();
    return pg;
  })();
  ready.then(
    (pg) => tell({ port: pg.port }),
    (error: unknown) => tell({ error: String(error) }),
  );
  return {
    ready,
    async stop() {
      await (await ready.catch(() => null))?.stop();
    },
  };
}
