/**
 * The office servers this PC has worked with while they held an office (issue 18, review finding 6), kept in its
 * data folder. A server database found empty later (the IT person recreated or replaced it) is then not taken for
 * a new office, whose first-run wizard would hand the first person at this PC a new admin account: this PC says
 * the server's data is gone and offers the restore from backup. A PC that never worked with it gets the wizard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { isPostgresTarget } from '../db/dialect';
import { writePrivateFile, type AppPaths } from '../paths';
import { countUsers } from '../users';
import { readConnection, serverOf } from './settings';

const filePath = (dataDir: string) => join(dataDir, 'server-kantor-dikenal.json');

const keyOf = (host: string, port: number, database: string) => `${host.toLowerCase()}:${port}/${database}`;

/** A server database as this PC names it: host, port and database (not the user, password or TLS settings). */
export function serverKey(target: string): string | null {
  if (!isPostgresTarget(target)) return null;
  try {
    const url = new URL(target);
    return keyOf(url.hostname, Number(url.port || 5432), decodeURIComponent(url.pathname.replace(/^\//, '')));
  } catch {
    return null;
  }
}

type SavedServer = NonNullable<ReturnType<typeof serverOf>>;

function readKnown(dataDir: string): { servers: string[]; last: SavedServer | null } {
  try {
    const stored = JSON.parse(readFileSync(filePath(dataDir), 'utf8')) as { servers?: unknown; last?: SavedServer };
    const servers = Array.isArray(stored.servers) ? stored.servers.filter((s): s is string => typeof s === 'string') : [];
    return { servers, last: stored.last && typeof stored.last.host === 'string' ? stored.last : null };
  } catch {
    return { servers: [], last: null };
  }
}

const knownServers = (dataDir: string) => readKnown(dataDir).servers;

/** The office server this PC worked with last (no password): what the connection form is filled with again. */
export const lastKnownServer = (dataDir: string): SavedServer | null => readKnown(dataDir).last;

/** The server koneksi.json names, as serverKey names it; null for none (or "Satu komputer", or a damaged file). */
function savedKey(dataDir: string): string | null {
  try {
    const stored = readConnection(dataDir);
    return stored?.mode === 'server' ? keyOf(stored.host, stored.port, stored.database) : null;
  } catch {
    return null;
  }
}

/** Whether this PC has worked with an office on the server `paths.dbPath` points to. */
export function knowsServerOffice(paths: Pick<AppPaths, 'dataDir' | 'dbPath'>): boolean {
  const key = serverKey(paths.dbPath);
  return key !== null && knownServers(paths.dataDir).includes(key);
}

/**
 * Remembers the open server when it holds an office (accounts), and, when it is this PC's saved choice, as the
 * last one (for the connection form, if koneksi.json is lost); a no-op for a file or a server without an office.
 */
export async function rememberServerOffice(db: Db, paths: Pick<AppPaths, 'dataDir' | 'dbPath'>): Promise<void> {
  const key = serverKey(paths.dbPath);
  const open = serverOf(paths.dbPath);
  if (key === null || !open || (await countUsers(db)) === 0) return;
  const known = readKnown(paths.dataDir);
  // Only this PC's own choice fills the form again: not a server the command line or a test was pointed at.
  const last = savedKey(paths.dataDir) === key ? open : known.last;
  if (known.servers.includes(key) && JSON.stringify(known.last) === JSON.stringify(last)) return;
  const servers = known.servers.includes(key) ? known.servers : [...known.servers, key];
  writePrivateFile(filePath(paths.dataDir), JSON.stringify({ servers, last }));
}
