import type { ApiResult } from '../../shared/api/result';
import type { Client, Services } from './api/context';
import { dispatch } from './api/dispatch';
import { openDatabase, type Db } from './db/database';
import { Outbox } from './files/outbox';
import { JobRunner } from './jobs/runner';
import { resolvePaths, type AppPaths } from './paths';
import type { Platform } from './platform';
import { ensureRegionsLoaded } from './regions/load';
import { RegionIndex } from './regions/regionIndex';

export interface CoreOptions {
  dbPath?: string;
  dataDir?: string;
  resourcesDir: string;
  platform: Platform;
  now?: () => Date;
}

export interface Core {
  services: Services;
  paths: AppPaths;
  db: Db;
  /** A caller with its own sign-in state (one per window, or per browser-mode token). */
  createClient(): { client: Client; call(name: unknown, input: unknown): Promise<ApiResult<unknown>> };
  close(): Promise<void>;
}

/** Opens the database (migrating it), loads the region reference if needed, and wires the services. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const paths = resolvePaths(options);
  const db = await openDatabase(paths.dbPath);
  await ensureRegionsLoaded(db, paths.resourcesDir);
  let regionIndex: Promise<RegionIndex> | null = null;
  const services: Services = {
    db,
    paths,
    platform: options.platform,
    jobs: new JobRunner(),
    outbox: new Outbox(paths.outboxDir),
    regions: () => (regionIndex ??= RegionIndex.load(db)),
    now: options.now ?? (() => new Date()),
  };
  return {
    services,
    paths,
    db,
    createClient() {
      const client: Client = { session: null, lastActivity: services.now().getTime() };
      return { client, call: (name, input) => dispatch(services, client, name, input) };
    },
    async close() {
      await db.destroy();
    },
  };
}
