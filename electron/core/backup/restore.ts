import { existsSync, mkdirSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import type { BackupInfo } from '../../../shared/api/backup';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';
import type { AppPaths } from '../paths';
import { inspectBackup } from './inspect';
import { moveIfExists } from './move';
import { RawDb } from './rawDb';

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

/**
 * Prepares the restored files next to the live ones (the database copy without the backup's own tables, the
 * attachments unpacked), so the swap itself is a few renames.
 */
async function prepare(backupPath: string, paths: AppPaths): Promise<{ dbPart: string; attachmentsPart: string }> {
  const dbPart = `${paths.dbPath}.pulih.part`;
  const attachmentsPart = `${paths.attachmentsDir}.pulih.part`;
  rmSync(dbPart, { force: true });
  rmSync(attachmentsPart, { recursive: true, force: true });
  copyFileSync(backupPath, dbPart);
  mkdirSync(attachmentsPart, { recursive: true });
  const db = await RawDb.open(dbPart, 'readwrite');
  try {
    const hasFiles = (await db.get<{ n: number }>("select count(*) as n from sqlite_master where name = 'backup_file'"))?.n;
    if (hasFiles) {
      for (const row of await db.all<{ path: string; data: Buffer }>('select path, data from backup_file')) {
        const target = safeJoin(attachmentsPart, row.path);
        if (!target) continue;
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, row.data);
      }
    }
    await db.exec('drop table if exists backup_file; drop table if exists backup_manifest; pragma journal_mode = delete;');
    await db.exec('vacuum');
  } finally {
    await db.close();
  }
  return { dbPart, attachmentsPart };
}

/**
 * Restores a checked backup: the current database and attachments are moved aside into
 * `<data>/sebelum-pulih/<time>/` (never deleted), the restored ones take their place, and the app reopens on
 * them (migrating an older backup up to this version). If the restored database will not open, the old one is
 * put back.
 */
export async function restoreBackup(backupPath: string, fileName: string, paths: AppPaths, reopen: Reopen, now: Date): Promise<{ keptAsidePath: string; info: BackupInfo; db: Db }> {
  const info = await inspectBackup(backupPath, fileName);
  let prepared: { dbPart: string; attachmentsPart: string };
  try {
    prepared = await prepare(backupPath, paths);
  } catch (error) {
    rmSync(`${paths.dbPath}.pulih.part`, { force: true });
    rmSync(`${paths.attachmentsDir}.pulih.part`, { recursive: true, force: true });
    throw new AppError('RESTORE_FAILED', `Cadangan tidak dapat disiapkan untuk pemulihan: ${(error as Error).message}. Data saat ini tidak diubah.`);
  }
  const aside = join(paths.dataDir, 'sebelum-pulih', stamp(now));
  const db = await reopen(async () => {
    const moved: [string, string][] = [];
    const undo = async () => {
      rmSync(paths.dbPath, { force: true });
      rmSync(paths.attachmentsDir, { recursive: true, force: true });
      for (const [from, to] of moved.reverse()) moveIfExists(to, from);
      if (!existsSync(paths.attachmentsDir)) mkdirSync(paths.attachmentsDir, { recursive: true });
    };
    try {
      mkdirSync(aside, { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) {
        const from = `${paths.dbPath}${suffix}`;
        const to = join(aside, `dinsos.sqlite${suffix}`);
        if (moveIfExists(from, to)) moved.push([from, to]);
      }
      if (moveIfExists(paths.attachmentsDir, join(aside, 'lampiran'))) moved.push([paths.attachmentsDir, join(aside, 'lampiran')]);
      moveIfExists(prepared.dbPart, paths.dbPath);
      moveIfExists(prepared.attachmentsPart, paths.attachmentsDir);
    } catch (error) {
      await undo();
      throw new AppError('RESTORE_FAILED', `Berkas tidak dapat ditukar: ${(error as Error).message}. Data lama dikembalikan.`);
    }
    return { undo };
  });
  return { keptAsidePath: join(aside, 'dinsos.sqlite'), info, db };
}
