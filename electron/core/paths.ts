import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface AppPaths {
  /** Everything the office keeps: the database, attachments, outbox, backups. Never the install folder. */
  dataDir: string;
  dbPath: string;
  attachmentsDir: string;
  outboxDir: string;
  /** The shipped read-only resources (region reference, fonts). */
  resourcesDir: string;
}

export const DB_ENV = 'DINSOS_DB';

/** The per-user data folder the OS expects, same as Electron's app.getPath('userData'). */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Dinsos Desk');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Dinsos Desk');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Dinsos Desk');
}

/** Database path: explicit (--db) first, then the DINSOS_DB environment variable, then the data folder. */
export function resolvePaths(opts: { dataDir?: string; dbPath?: string; resourcesDir: string }): AppPaths {
  const explicitDb = opts.dbPath ?? process.env[DB_ENV];
  const dbPath = explicitDb ? resolve(explicitDb) : join(opts.dataDir ?? defaultDataDir(), 'dinsos.sqlite');
  // Attachments and outbox live beside the database so that a test database never writes to the user's folder.
  const dataDir = explicitDb ? join(resolve(dbPath, '..'), 'dinsos-data') : (opts.dataDir ?? defaultDataDir());
  const paths = {
    dataDir,
    dbPath,
    attachmentsDir: join(dataDir, 'lampiran'),
    outboxDir: join(dataDir, 'outbox'),
    resourcesDir: opts.resourcesDir,
  };
  for (const dir of [dataDir, paths.attachmentsDir, paths.outboxDir]) mkdirSync(dir, { recursive: true });
  mkdirSync(resolve(dbPath, '..'), { recursive: true });
  return paths;
}
