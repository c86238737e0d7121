/**
 * The office servers this PC has worked with while they held an office (issue 18, review finding 6), kept in its
 * data folder. A server database found empty later (the IT person recreated or replaced it) is then not taken for
 * a new office, whose first-run wizard would hand the first person at this PC a new admin account: this PC says
 * the server's data is gone and offers the restore from backup. A PC that never worked with it gets the wizard.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { isPostgresTarget } from '../db/dialect';
import { PRIVATE_FILE, type AppPaths } from '../paths';
import { countUsers } from '../users';

const filePath = (dataDir: string) => join(dataDir, 'server-kantor-dikenal.json');

/** A server database as this PC names it: host, port and database (not the user, password or TLS settings). */
export function serverKey(target: string): string | null {
  if (!isPostgresTarget(target)) return null;
  try {
    const url = new URL(target);
    return `${url.hostname.toLowerCase()}:${url.port || '5432'}/${decodeURIComponent(url.pathname.replace(/^\//, ''))}`;
  } catch {
    return null;
  }
}

function knownServers(dataDir: string): string[] {
  try {
    const stored = JSON.parse(readFileSync(filePath(dataDir), 'utf8')) as { servers?: unknown };
    return Array.isArray(stored.servers) ? stored.servers.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether this PC has worked with an office on the server `paths.dbPath` points to. */
export function knowsServerOffice(paths: Pick<AppPaths, 'dataDir' | 'dbPath'>): boolean {
  const key = serverKey(paths.dbPath);
  return key !== null && knownServers(paths.dataDir).includes(key);
}

/** Remembers the open server when it holds an office (accounts); a no-op for a file or a server without one. */
export async function rememberServerOffice(db: Db, paths: Pick<AppPaths, 'dataDir' | 'dbPath'>): Promise<void> {
  const key = serverKey(paths.dbPath);
  if (key === null || knowsServerOffice(paths) || (await countUsers(db)) === 0) return;
  const path = filePath(paths.dataDir);
  writeFileSync(`${path}.part`, JSON.stringify({ servers: [...knownServers(paths.dataDir), key] }), { mode: PRIVATE_FILE });
  renameSync(`${path}.part`, path);
}
