import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import type { BackupInfo } from '../../../shared/api/backup';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';
import { isPostgresTarget } from '../db/dialect';
import { makePrivate, PRIVATE_DIR, type AppPaths } from '../paths';
import { inspectBackupFull } from './inspect';
import { RawDb } from './rawDb';
import { restoreIntoServer } from './serverRestore';
import { clearJournal, planSwap, rollBack, runSwap, writeSynced, type SwapHook } from './swap';

/** Reopens the app's database around a file swap; `undo` puts the old files back if the new one will not open. */
export type Reopen = (swap: () => Promise<{ undo: () => Promise<void> }>) => Promise<Db>;

const pad = (n: number) => String(n).padStart(2, '0');
function stamp(at: Date) {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** A path inside the backup, resolved under `root`; null when it would escape it (a hand-made file). */
function safeJoin(root: string, relPath: string): string | null {
  if (relPath.includes('\0') || /^[a-zA-Z]:|^[\\/]/.test(relPath)) return null;
  const full = resolve(root, normalize(relPath));
  return full.startsWith(resolve(root) + sep) ? full : null;
}

function fsyncFile(path: string) {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Where the restored files are prepared; on the office server the database copy is a file in the data folder. */
const partNames = (paths: AppPaths) => ({
  dbPart: isPostgresTarget(paths.dbPath) ? join(paths.dataDir, 'pulih.sqlite.part') : `${paths.dbPath}.pulih.part`,
  attachmentsPart: `${paths.attachmentsDir}.pulih.part`,
});

/**
 * Prepares the restored files next to the live ones (the database copy without the backup's own tables, the
 * attachments unpacked, all private and fsynced), then checks the copy as the app would open it and against the
 * backup's own counts — so the swap itself is a few renames of files already known to be good.
 */
async function prepare(backupPath: string, fileName: string, info: BackupInfo, paths: AppPaths): Promise<{ dbPart: string; attachmentsPart: string }> {
  const { dbPart, attachmentsPart } = partNames(paths);
  rmSync(dbPart, { force: true });
  rmSync(attachmentsPart, { recursive: true, force: true });
  copyFileSync(backupPath, dbPart);
  makePrivate(dbPart);
  mkdirSync(attachmentsPart, { recursive: true, mode: PRIVATE_DIR });
  let written = 0;
  const db = await RawDb.open(dbPart, 'readwrite');
  try {
    const hasFiles = (await db.get<{ n: number }>("select count(*) as n from sqlite_master where name = 'backup_file'"))?.n;
    if (hasFiles) {
      // One file's bytes at a time: all at once held the whole folder (twice over, while sqlite3 handed it over).
      for (const { id, path } of await db.all<{ id: number; path: string }>('select rowid as id, path from backup_file order by rowid')) {
        const target = safeJoin(attachmentsPart, path);
        if (!target) continue;
        const row = await db.get<{ data: Buffer }>('select data from backup_file where rowid = ?', [id]);
        if (!row) continue;
        mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR });
        writeSynced(target, row.data);
        written++;
      }
    }
    await db.exec('drop table if exists backup_file; drop table if exists backup_manifest; pragma journal_mode = delete;');
    await db.exec('vacuum');
  } finally {
    await db.close();
  }
  const check = await inspectBackupFull(dbPart, fileName); // integrity_check, ownership, schema guard, counts
  const same = (['keluarga', 'anggota', 'users', 'audit'] as const).every((k) => check.info.counts[k] === info.counts[k]);
  if (!same || written > info.attachments) {
    throw new Error(`isi salinan tidak sama dengan cadangan (${JSON.stringify(check.info.counts)} / ${JSON.stringify(info.counts)})`);
  }
  fsyncFile(dbPart);
  return { dbPart, attachmentsPart };
}

export interface RestoreOptions {
  /** Stops the swap after a step (tests of the crash recovery). */
  hook?: SwapHook;
  /**
   * Writes the restore into the restored database's audit log, before the journal is removed: a crash before it
   * leaves the journal, and the next start records the restore instead.
   */
  record?: (db: Db, keptAsidePath: string | null) => Promise<void>;
  /** Office server only, tests: runs on the server's transaction after the copy, before the comparison. */
  beforeVerify?: (trx: Db) => Promise<void>;
  /** Office server only, tests: runs once the server's current data is kept aside, before it is replaced. */
  afterKeptAside?: () => Promise<void>;
}

/**
 * Restores a checked backup: the new database is prepared and verified beside the current one, then swapped in
 * through a journal (`swap.ts`) — the current database and attachments go to `<data>/sebelum-pulih/<time>/`
 * (never deleted), the restored ones take their place, and the app reopens on them (migrating an older backup up
 * to this version). If the restored database will not open, the old one is put back; if the process dies
 * half-way, the next start finishes or rolls back the swap. On the office server the database part is one
 * transaction instead (serverRestore.ts), and the current data is kept aside as an app backup.
 */
export async function restoreBackup(
  backupPath: string,
  fileName: string,
  paths: AppPaths,
  reopen: Reopen,
  now: Date,
  options: RestoreOptions = {},
): Promise<{ keptAsidePath: string; info: BackupInfo; db: Db; hadDb: boolean }> {
  const { info } = await inspectBackupFull(backupPath, fileName);
  let prepared: { dbPart: string; attachmentsPart: string };
  try {
    prepared = await prepare(backupPath, fileName, info, paths);
  } catch (error) {
    const parts = partNames(paths);
    rmSync(parts.dbPart, { force: true });
    rmSync(parts.attachmentsPart, { recursive: true, force: true });
    throw new AppError('RESTORE_FAILED', `Cadangan tidak dapat disiapkan untuk pemulihan: ${(error as Error).message}. Data saat ini tidak diubah.`);
  }
  let aside = join(paths.dataDir, 'sebelum-pulih', stamp(now));
  for (let n = 2; existsSync(aside); n++) aside = join(paths.dataDir, 'sebelum-pulih', `${stamp(now)}-${n}`);
  if (isPostgresTarget(paths.dbPath)) {
    const restored = await restoreIntoServer({ prepared, aside, paths, reopen, now, record: options.record, beforeVerify: options.beforeVerify, afterKeptAside: options.afterKeptAside });
    return { ...restored, info, hadDb: true };
  }
  const journal = planSwap(paths, prepared, aside, now, { fileName, info });
  const db = await reopen(async () => {
    try {
      runSwap(journal, paths, options.hook);
    } catch (error) {
      rollBack(journal);
      clearJournal(paths);
      throw new AppError('RESTORE_FAILED', `Berkas tidak dapat ditukar: ${(error as Error).message}. Data lama dikembalikan.`);
    }
    return {
      undo: async () => {
        rollBack(journal);
        clearJournal(paths);
      },
    };
  });
  const keptAsidePath = join(aside, 'dinsos.sqlite');
  await options.record?.(db, journal.hadDb ? keptAsidePath : null);
  clearJournal(paths, options.hook, journal.moves.length);
  makePrivate(paths.dbPath);
  return { keptAsidePath, info, db, hadDb: journal.hadDb };
}
