import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { recordAudit } from '../audit/record';
import { openDatabase, type Db } from '../db/database';
import { makePrivate, PRIVATE_FILE, type AppPaths } from '../paths';
import { ensureRegionsLoaded } from '../regions';
import { AppError } from '../api/errors';
import { dataFolderWasSetUp, markSetUpFrom, readSetupMarker, writeSetupMarker } from './marker';

/** Open failures that a restore fixes; a database from a newer version is not one (install that version). */
const DAMAGED = new Set(['DB_CORRUPT', 'DB_NOT_DATABASE']);
import { finishPendingSwap } from './swap';
import { sweepDataFolder } from './sweep';

/** The database and its WAL files, readable by the user only (SQLite gives -wal/-shm the database's mode). */
export function makeDatabasePrivate(dbPath: string) {
  for (const suffix of ['', '-wal', '-shm']) makePrivate(`${dbPath}${suffix}`);
}

/**
 * Opens the data folder's database the safe way at start: an interrupted restore is finished or rolled back,
 * leftovers are swept, and a folder that was set up but lost its database gets NO new empty database — the core
 * runs on an in-memory one (no accounts) and the app shows the recovery screen instead of the setup wizard.
 */
export async function openDataFolder(paths: AppPaths, now: Date, options: { damagedToRecovery?: boolean } = {}): Promise<{ db: Db; recovering: boolean }> {
  // Only the app's own start settles and sweeps: a job worker thread opening the same folder beside it must not
  // touch a restore in progress or files the main thread is using.
  const settled = isMainThread ? finishPendingSwap(paths) : { outcome: 'none' as const, journal: null };
  if (isMainThread) sweepDataFolder(paths, now);
  const missing = !existsSync(paths.dbPath) || statSync(paths.dbPath).size === 0;
  if (missing && dataFolderWasSetUp(paths)) return { db: await openDatabase(':memory:'), recovering: true };
  if (!existsSync(paths.dbPath)) closeSync(openSync(paths.dbPath, 'wx', PRIVATE_FILE)); // an empty file: SQLite keeps its mode
  makeDatabasePrivate(paths.dbPath);
  let db: Db;
  try {
    db = await openDatabase(paths.dbPath);
  } catch (error) {
    // A damaged file (or not a database at all) where the database was: it is left untouched for the restore to
    // move aside, and the folder counts as set up from now on (a damaged database is proof that data existed).
    if (!options.damagedToRecovery || !(error instanceof AppError) || !DAMAGED.has(error.code)) throw error;
    if (!readSetupMarker(paths)) writeSetupMarker(paths, { setUpAt: now.toISOString(), officeName: null, kabKotaKode: null });
    return { db: await openDatabase(':memory:'), recovering: true };
  }
  try {
    await ensureRegionsLoaded(db, paths.resourcesDir);
    await markSetUpFrom(db, paths, now);
    if (settled.outcome !== 'none' && settled.journal) {
      const { fileName, info } = settled.journal.audit;
      await recordAudit(db, null, {
        action: 'restore',
        entity: 'database',
        after: settled.outcome === 'forward' ? info : null,
        note:
          settled.outcome === 'forward'
            ? `Pemulihan dari ${fileName} diselesaikan saat aplikasi dimulai kembali (sempat terhenti di tengah penukaran berkas)`
            : `Pemulihan dari ${fileName} terhenti di tengah dan dibatalkan saat aplikasi dimulai kembali; data lama dipakai`,
      }, now);
    }
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  makeDatabasePrivate(paths.dbPath);
  return { db, recovering: false };
}
