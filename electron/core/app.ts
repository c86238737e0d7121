import { existsSync } from 'node:fs';
import type { ApiResult } from '../../shared/api/result';
import type { Client, Services } from './api/context';
import { callerFile, dispatch } from './api/dispatch';
import { officeIsSetUp } from './admin';
import { AppError } from './api/errors';
import { CLI_SESSION } from './auth';
import { backupOnExit, startBackupScheduler } from './backup/scheduler';
import { makeDatabasePrivate, openDataFolder } from './backup/startup';
import { openDatabase, type Db } from './db/database';
import { isPostgresTarget } from './db/dialect';
import { handlers } from './handlers';
import { Outbox, type OutboxFile } from './files/outbox';
import { JobRunner } from './jobs/runner';
import { clearStaging, sweepStaging } from './imports';
import { askAfterLoss, markFixedTarget, markUnreadable, namesTarget, startTarget, unreadableServer } from './connection';
import { rememberServerOffice } from './connection/known';
import { defaultDataDir, resolvePaths, type AppPaths } from './paths';
import type { Platform } from './platform';
import { ensureRegionsLoaded } from './regions/load';
import { countUsers } from './users';
import { RegionIndex } from './regions/regionIndex';

export interface CoreOptions {
  dbPath?: string;
  dataDir?: string;
  /** Default: lampiran/ in the data folder (the job worker is given the core's, which the demo moves). */
  attachmentsDir?: string;
  resourcesDir: string;
  platform: Platform;
  now?: () => Date;
  /** Daily backups while running (the desktop app; not the CLI or tests). */
  autoBackup?: boolean;
  /** 'cli': every client starts signed in as the command line (auth/cliSession.ts), for `npm run cli`. */
  session?: 'cli' | undefined;
}

export interface Core {
  services: Services;
  paths: AppPaths;
  /** The current database (a restore replaces it: read it through here, never keep it). */
  readonly db: Db;
  /** A caller with its own sign-in state (one per window, or per browser-mode token). */
  createClient(): { client: Client; call(name: unknown, input: unknown): Promise<ApiResult<unknown>>; file(id: string): Promise<OutboxFile | null> };
  /** The backup-on-exit, when the admin enabled it; never throws (the app is closing). */
  backupOnExit(): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * The office server's database (issue 18): no file to settle, sweep or recover; the server keeps it. An
 * unreachable server is an error the caller shows (DB_UNREACHABLE), never an empty stand-in database.
 */
async function openServerDatabase(paths: AppPaths): Promise<{ db: Db; recovering: boolean }> {
  const db = await openDatabase(paths.dbPath);
  try {
    await ensureRegionsLoaded(db, paths.resourcesDir);
    await rememberServerOffice(db, paths);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { db, recovering: false };
}

const NO_DATABASE = ':memory:';

/** Opens the database (migrating it), loads the region reference if needed, and wires the services. */
export async function openCore(options: CoreOptions): Promise<Core> {
  // This PC's saved choice (Satu komputer / Server kantor) unless the start names a database itself (issue 18).
  const fixed = namesTarget(options.dbPath);
  const startedAt = (options.now ?? (() => new Date()))();
  const { target: saved, unreadable, fileLost } = fixed
    ? { target: undefined, unreadable: null, fileLost: null }
    : await startTarget(options.dataDir ?? defaultDataDir(), options.platform, startedAt);
  // The saved server cannot be opened here: no database at all (never this PC's own file) until it is entered
  // again. The job worker is handed that ':memory:' as its target and opens no file for it either.
  const noDatabase = unreadable !== null || options.dbPath === NO_DATABASE;
  const paths = resolvePaths(saved ? { ...options, dbPath: saved } : noDatabase ? { ...options, dbPath: undefined } : options);
  if (fixed) markFixedTarget(paths);
  if (unreadable) markUnreadable(paths, unreadable);
  if (noDatabase) paths.dbPath = NO_DATABASE;
  // Settles an interrupted restore, sweeps leftovers; a set-up folder without its database opens in recovery.
  const { db, recovering } = noDatabase
    ? { db: await openDatabase(NO_DATABASE), recovering: true }
    : isPostgresTarget(paths.dbPath)
      ? await openServerDatabase(paths)
      : await openDataFolder(paths, startedAt, { damagedToRecovery: options.platform.kind !== 'cli' });
  // koneksi.json gone or damaged: the server this PC worked on is asked for again, not taken over by its own file.
  const askAgain = fileLost ? askAfterLoss(fileLost, (await countUsers(db)) > 0) : null;
  if (askAgain) markUnreadable(paths, askAgain);
  if (recovering && options.platform.kind === 'cli') {
    // The command line has no recovery screen: it must not import or export into a throw-away database.
    await db.destroy();
    throw new AppError('DB_MISSING', `Basis data ${paths.dbPath} tidak ditemukan, padahal folder data ini sudah pernah dipakai. Tidak ada basis data kosong yang dibuat.`);
  }
  // Uploads left by an earlier run (a crash, a picked file never used): a day old, they go.
  sweepStaging(paths.dataDir);
  let regionIndex: Promise<RegionIndex> | null = null;
  const clients = new Set<Client>();
  const services: Services = {
    db,
    paths,
    platform: options.platform,
    jobs: new JobRunner(),
    outbox: new Outbox(paths.outboxDir),
    regions: () => (regionIndex ??= RegionIndex.load(services.db)),
    now: options.now ?? (() => new Date()),
    async reopen(swap) {
      await services.db.destroy();
      let undo: (() => Promise<void>) | null = null;
      try {
        undo = (await swap()).undo;
        services.db = await openDatabase(paths.dbPath);
        makeDatabasePrivate(paths.dbPath);
        // Kept files are owned by user id, and the ids of the database now open may name other people.
        services.outbox.clear();
        clearStaging(paths.dataDir);
      } catch (error) {
        if (undo) await undo();
        // Recovery had no database: stay on an in-memory one rather than create an empty file.
        services.db = await openDatabase(isPostgresTarget(paths.dbPath) || existsSync(paths.dbPath) ? paths.dbPath : ':memory:').catch(() => openDatabase(':memory:'));
        throw error;
      } finally {
        regionIndex = null;
        for (const client of clients) client.session = null;
      }
      await ensureRegionsLoaded(services.db, paths.resourcesDir);
      return services.db;
    },
    signOutUser(userId) {
      for (const client of clients) if (client.session?.userId === userId) client.session = null;
    },
    officeState: async () => (unreadableServer(paths) ? 'connectionUnreadable' : (await officeIsSetUp(services.db, paths)) ? 'setUp' : 'new'),
  };
  const scheduler = options.autoBackup ? startBackupScheduler(services) : null;
  return {
    services,
    paths,
    get db() {
      return services.db;
    },
    createClient() {
      const client: Client = { session: options.session === 'cli' ? { ...CLI_SESSION } : null, lastActivity: services.now().getTime() };
      clients.add(client);
      return {
        client,
        call: (name, input) => dispatch(handlers, services, client, name, input),
        file: async (id) => callerFile(services, client, id),
      };
    },
    backupOnExit: () => backupOnExit(services),
    async close() {
      scheduler?.stop();
      await services.db.destroy();
    },
  };
}
