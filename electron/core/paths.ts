import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isPostgresTarget } from './db/dialect';

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

/**
 * Personal data is readable by the user only: files 0600, folders 0700 (POSIX). On Windows the modes are
 * ignored by Node; there the data lives in the per-user app-data folder, whose ACL already keeps other users
 * out, and exports go where the user saves them.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Sets a private mode on a file or folder the app owns; a missing path or a file system without modes is fine. */
export function makePrivate(path: string, mode: number = PRIVATE_FILE) {
  if (process.platform === 'win32') return;
  try {
    chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM' && code !== 'ENOTSUP') throw error;
  }
}

/** A small file of the app's own (settings, markers) written whole or not at all: beside, private, then renamed into place. */
export function writePrivateFile(path: string, text: string) {
  const temp = `${path}.part`;
  try {
    writeFileSync(temp, text, { mode: PRIVATE_FILE });
    makePrivate(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** mkdir -p whose new folders are 0700, and the folder itself made private even when it already existed. */
export function mkdirPrivate(dir: string) {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  makePrivate(dir, PRIVATE_DIR);
}

/** The per-user data folder the OS expects, same as Electron's app.getPath('userData'). */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Dinsos Desk');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Dinsos Desk');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Dinsos Desk');
}

/** Database path: explicit (--db) first, then the DINSOS_DB environment variable, then the data folder. */
export function resolvePaths(opts: { dataDir?: string; dbPath?: string; attachmentsDir?: string; resourcesDir: string }): AppPaths {
  const explicitDb = opts.dbPath ?? process.env[DB_ENV];
  if (explicitDb && isPostgresTarget(explicitDb)) {
    // The office server (issue 18): the database is a URL; attachments and the outbox stay in this PC's data folder.
    const dataDir = opts.dataDir ?? defaultDataDir();
    const paths = { dataDir, dbPath: explicitDb, attachmentsDir: opts.attachmentsDir ?? join(dataDir, 'lampiran'), outboxDir: join(dataDir, 'outbox'), resourcesDir: opts.resourcesDir };
    for (const dir of [dataDir, paths.attachmentsDir, paths.outboxDir]) mkdirPrivate(dir);
    return paths;
  }
  const dbPath = explicitDb ? resolve(explicitDb) : join(opts.dataDir ?? defaultDataDir(), 'dinsos.sqlite');
  // Attachments and outbox live beside the database so that a test database never writes to the user's folder;
  // a caller naming both (the job worker, given the core's own paths) keeps that data folder, so the worker's
  // outbox files (a backup made by backup.toFile) are where the core looks for them.
  const dataDir = opts.dataDir && opts.dbPath ? opts.dataDir : explicitDb ? join(resolve(dbPath, '..'), 'dinsos-data') : (opts.dataDir ?? defaultDataDir());
  const paths = {
    dataDir,
    dbPath,
    attachmentsDir: opts.attachmentsDir ?? join(dataDir, 'lampiran'),
    outboxDir: join(dataDir, 'outbox'),
    resourcesDir: opts.resourcesDir,
  };
  for (const dir of [dataDir, paths.attachmentsDir, paths.outboxDir]) mkdirPrivate(dir);
  // The folder of a --db path may be the user's own (left as it is); a new one is created private.
  mkdirSync(resolve(dbPath, '..'), { recursive: true, mode: PRIVATE_DIR });
  return paths;
}

/** The file that, beside the executable, turns on portable mode. */
export const PORTABLE_MARKER = 'portable.txt';

/**
 * Portable mode, for offices that run the app from a USB drive: when `portable.txt` sits beside the executable,
 * the data folder is `data` beside it instead of the user's app-data folder. electron-builder's portable .exe
 * unpacks itself to a temporary folder and names its own folder in PORTABLE_EXECUTABLE_DIR: that one counts.
 * Null when the app is installed normally.
 */
export function portableDataDir(exePath: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = env.PORTABLE_EXECUTABLE_DIR || dirname(exePath);
  return existsSync(join(base, PORTABLE_MARKER)) ? join(base, 'data') : null;
}
