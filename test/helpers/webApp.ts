import { uploadingClients } from './uploads';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { CoreHost, type CoreHostOptions } from '../../electron/core/host/host';
import { forkNodeCore } from '../../electron/core/host/nodeChild';
import type { Platform, Secrets } from '../../electron/core/platform';
import { findPgBin } from '../support/postgres';
import { runTmpDir } from './runTmp';
import { bundleScript, childEnv } from '../bench/bundle';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { webPlatform } from '../../electron/web/pdf';

export const ROOT = resolve(__dirname, '../..');
export const RESOURCES = join(ROOT, 'resources');

/** Set by test/helpers/globalSetup.ts: a migrated database with the region reference loaded. */
export const TEMPLATE_ENV = 'DINSOS_TEST_TEMPLATE_DB';

/** DINSOS_TEST_ENGINE=postgres runs the tests on PostgreSQL (test/helpers/globalSetup.ts starts the server). */
export const ENGINE_ENV = 'DINSOS_TEST_ENGINE';
/** Set by globalSetup in that mode: the server's URL without a database name. */
export const PG_BASE_ENV = 'DINSOS_TEST_PG_URL';
export const PG_TEMPLATE = 'dinsos_template';
/** Set by globalSetup where PostgreSQL tests run: the file where it says when the run's cluster is up (test/helpers/cluster.ts). */
export const SHARED_PG_ENV = 'DINSOS_TEST_SHARED_PG';
let pgDatabases = 0;

/**
 * A fresh database copied from the PostgreSQL template (CREATE DATABASE … TEMPLATE, by psql so that this stays
 * synchronous like the file copy). A core on a server target keeps its data folder in the system's place, so
 * each database also gets its own (XDG_CONFIG_HOME), as each PC has its own.
 */
function tempPgDatabase(base: string): string {
  const name = `t_${process.pid}_${++pgDatabases}`;
  const url = new URL(base);
  const psql = join(findPgBin()!, 'psql');
  const made = spawnSync(psql, ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', '-d', 'postgres', '-c', `create database ${name} template ${PG_TEMPLATE}`], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`create database ${name}: ${made.stderr || made.error?.message}`);
  process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** A throw-away data folder with its own database file (a copy of the prepared template when there is one). */
export function tempDbPath(): string {
  const base = process.env[PG_BASE_ENV];
  if (base) return tempPgDatabase(base);
  const path = emptyDbPath();
  const template = process.env[TEMPLATE_ENV];
  if (template && existsSync(template)) copyFileSync(template, path);
  return path;
}

/** A throw-away path where no database exists yet. */
export function emptyDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'dinsos-test-')), 'dinsos.sqlite');
}

/** The real main side behind the browser-mode server, on a fresh database; the renderer must be built. */
export async function startTestApp(opts: { dbPath?: string; now?: () => Date; pc?: { dataDir: string; secrets?: Secrets } } = {}): Promise<{ core: Core; web: WebServer; stop(): Promise<void> }> {
  const platform = Object.assign(webPlatform(), opts.pc?.secrets ? { secrets: opts.pc.secrets } : {});
  // A PC as the app starts it (`pc`): its own data folder and no named database, so its saved connection counts.
  const target = opts.pc && !opts.dbPath ? { dataDir: opts.pc.dataDir } : { dbPath: opts.dbPath ?? tempDbPath() };
  const core = await openCore({ ...target, resourcesDir: RESOURCES, platform, ...(opts.now ? { now: opts.now } : {}) });
  const web = await startWebServer({ createClient: () => core.createClient(), dataDir: core.paths.dataDir }, { rendererDir: join(ROOT, 'out/renderer') });
  return {
    core,
    web,
    async stop() {
      await web.close();
      await platform.dispose();
      await core.close();
    },
  };
}

/**
 * One PC's app (browser mode) on the office server at `url`. Each PC keeps its own data folder (attachments,
 * downloads, the marker of a set-up office); on a server target the core takes the system's folder
 * (XDG_CONFIG_HOME on Linux), so each PC is given its own.
 */
export async function startOfficePc(url: string): ReturnType<typeof startTestApp> {
  const before = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  try {
    return await startTestApp({ dbPath: url });
  } finally {
    if (before === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = before;
  }
}

let bundled: { child: string; worker: string } | null = null;

/** The core process and job worker scripts, bundled once per worker process for plain node as the app runs them. */
export function coreScripts(): { child: string; worker: string } {
  if (!bundled) {
    const dir = mkdtempSync(join(runTmpDir(), 'dinsos-core-bundle-'));
    bundled = {
      child: bundleScript(join(ROOT, 'electron/core/host/coreChild.ts'), dir),
      worker: bundleScript(join(ROOT, 'electron/core/host/jobWorker.ts'), dir),
    };
  }
  return bundled;
}

/** The real core in its own process (child_process.fork, the same protocol as the desktop utility process). */
export async function startForkedCore(opts: { dbPath?: string; platform: Platform; workerPath?: string; writeWaitMs?: number } & Partial<Pick<CoreHostOptions, 'maxCrashes' | 'crashWindowMs' | 'onCrash'>>): Promise<CoreHost> {
  const scripts = coreScripts();
  const { dbPath, platform, workerPath, writeWaitMs, ...rest } = opts;
  // The database first: on PostgreSQL it also gives this PC its own data folder (XDG_CONFIG_HOME, tempPgDatabase),
  // which the child's environment must carry; taken after it, every forked core shared ~/.config's and the
  // second set-up there was refused ("Folder data ini sudah pernah dipakai").
  const target = dbPath ?? tempDbPath();
  const host = new CoreHost({
    spawn: forkNodeCore(scripts.child, { env: childEnv() }),
    init: { dbPath: target, resourcesDir: RESOURCES, autoBackup: false, workerPath: workerPath ?? scripts.worker, writeWaitMs },
    platform,
    ...rest,
  });
  await host.start();
  return uploadingClients(host, () => host.dataDir);
}
