import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { clusterAt, startPostgres, type PgCluster } from '../support/postgres';
import { SHARED_PG_ENV } from './webApp';

/** What a test file does with its PostgreSQL cluster; `stop` is the helper's, in afterAll. */
export type TestCluster = Omit<PgCluster, 'stop'>;

/** Written by globalSetup once the run's cluster is up and its template migrated: its port, or why it failed. */
export interface SharedClusterState {
  port?: number;
  error?: string;
}

/**
 * The PostgreSQL cluster of a test file, ready from its beforeAll on. By default the run's one cluster
 * (test/helpers/globalSetup.ts starts it): the file's databases get names of their own there, so
 * `createDatabase('kantor')` in two files at once makes two databases, and `url`/`query` find this file's.
 * A test that stops the server (pause/resume), or changes what the whole cluster allows (roles, pg_hba.conf),
 * takes a cluster of its own: `useCluster({ own: 'why' })`.
 */
export function useCluster(options: { own?: string } = {}): TestCluster {
  let cluster: PgCluster | null = null;
  const prefix = options.own ? '' : `f${process.pid}_${randomBytes(3).toString('hex')}_`;
  const mine = new Set<string>();
  beforeAll(async () => {
    cluster = options.own ? await startPostgres() : sharedCluster(await sharedPort());
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  });
  const on = () => {
    if (!cluster) throw new Error('useCluster: the cluster is there from beforeAll on');
    return cluster;
  };
  const name = (database: string) => (mine.has(database) ? prefix + database : database);
  return {
    url: (database) => on().url(name(database)),
    query: (text, database) => on().query(text, database === undefined ? undefined : name(database)),
    createDatabase(database, template) {
      mine.add(database);
      return on().createDatabase(name(database), template === undefined ? undefined : name(template));
    },
    pause: () => on().pause(),
    resume: () => on().resume(),
    get startMs() {
      return on().startMs;
    },
    get port() {
      return on().port;
    },
  };
}

function sharedCluster(port: number): PgCluster {
  const refuse = () => {
    throw new Error("the run's shared cluster is never stopped by a test: useCluster({ own: 'why' })");
  };
  return { ...clusterAt(port), port, startMs: 0, pause: refuse, resume: refuse, stop: async () => {} };
}

/** Waits for globalSetup, which starts the run's cluster while the first tests already run. */
async function sharedPort(): Promise<number> {
  const stateFile = process.env[SHARED_PG_ENV];
  if (!stateFile) throw new Error("no shared PostgreSQL cluster in this run: test/helpers/globalSetup.ts starts it where PostgreSQL is installed");
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (existsSync(stateFile)) {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as SharedClusterState;
      if (state.port) return state.port;
      throw new Error(`the run's PostgreSQL cluster did not start: ${state.error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the run's PostgreSQL cluster was not up after 120 s");
}
