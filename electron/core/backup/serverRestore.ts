import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { isCommitOutcomeUnknown, isLockTimeout } from '../db/connectionLost';
import { readOfficeProfile } from '../admin';
import { photoFilesIntoDatabase } from '../handovers';
import { openDatabase, type Db } from '../db/database';
import type { AppPaths } from '../paths';
import { moveIfExists, moveSync } from './move';
import { backupFileName } from './names';
import type { Reopen, RestoreOptions } from './restore';
import { copyFileToServer } from './server';
import { writeBackup } from './write';

const CANCELLED = 'Pemulihan dibatalkan; data di server tidak diubah.';

/**
 * How long a read of the copy kept aside may wait for a table. While the restore holds every table (EXCLUSIVE),
 * nothing can hold a lock those reads conflict with: a wait means another PC asked for ACCESS EXCLUSIVE (a newer
 * version's migration, ALTER TABLE) behind the restore's hold, and the reads queue behind that request, which
 * waits for the restore, which waits for the reads. PostgreSQL sees no cycle in that (one side of it is this
 * process), so without a limit the restore and the other PC would wait for ever.
 */
const KEPT_ASIDE_LOCK_WAIT_MS = 10_000;

export interface ServerRestore {
  /** The backup's database without its own tables, and its attachments unpacked: checked by restore.ts. */
  prepared: { dbPart: string; attachmentsPart: string };
  /** `<data>/sebelum-pulih/<time>`: where the server's current data is kept, as an app backup. */
  aside: string;
  paths: AppPaths;
  reopen: Reopen;
  now: Date;
  record?: RestoreOptions['record'];
  beforeVerify?: RestoreOptions['beforeVerify'];
  afterKeptAside?: RestoreOptions['afterKeptAside'];
}

/** The server's current data, written as an app backup (with this PC's attachments) before anything changes. */
async function keepServerAside(current: Db, paths: AppPaths, target: string, now: Date): Promise<void> {
  const office = await readOfficeProfile(current);
  await writeBackup({ db: current, attachmentsDir: paths.attachmentsDir, target, kind: 'manual', now, officeName: office?.profile.namaInstansi ?? null });
}

/**
 * A restore into the office server (issue 18): in one transaction every table is held against other PCs' writes,
 * the server's data is kept aside as an app backup in `<data>/sebelum-pulih/<time>/` (read on a connection of its
 * own, which the held tables still let read), then the backup's rows replace the server's (verified table by
 * table, the restore recorded in the audit log inside it). A save another PC makes meanwhile waits and lands on
 * the restored data; it can no longer fall between the copy kept aside and the restore, and be in neither.
 * A failure anywhere, the server lost included,
 * leaves the server as it was and this PC's attachments folder back in place (the copy runs on a connection of
 * its own, so the app's is not touched by a failure). Then the app reopens on the server, which signs every
 * window of this PC out.
 */
export async function restoreIntoServer(args: ServerRestore): Promise<{ keptAsidePath: string; db: Db }> {
  const { prepared, aside, paths, reopen, now } = args;
  const keptAsidePath = join(aside, backupFileName(now, 'manual'));
  const removeParts = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${prepared.dbPart}${suffix}`, { force: true });
    rmSync(prepared.attachmentsPart, { recursive: true, force: true });
  };
  const notKeptAside = (error: unknown) =>
    isLockTimeout(error)
      ? new AppError(
          'RESTORE_FAILED',
          `Data server saat ini tidak dapat disimpan dulu ke ${aside}: PC lain sedang menunggu untuk mengubah struktur tabelnya (misalnya versi aplikasi yang lebih baru memperbarui basis data). ${CANCELLED} Coba lagi setelah itu selesai.`,
        )
      : new AppError('RESTORE_FAILED', `Data server saat ini tidak dapat disimpan dulu ke ${aside}: ${(error as Error).message} ${CANCELLED}`);
  // Kept for the message: the server lost meanwhile, the held transaction's rollback fails too, and kysely throws
  // that failure ('not queryable') in place of this one.
  let keptAsideFailure: AppError | null = null;
  const keepAside = async (current: Db) => {
    try {
      await keepServerAside(current, paths, keptAsidePath, now);
    } catch (error) {
      keptAsideFailure = notKeptAside(error);
      throw keptAsideFailure;
    }
    await args.afterKeptAside?.();
  };
  try {
    // Brings a backup of an older version up to this version's schema, as opening it in the app would.
    const source = await openDatabase(prepared.dbPart);
    const attachmentsAside = join(aside, 'lampiran');
    const swap = { done: false, hadAttachments: false };
    try {
      const server = await openDatabase(paths.dbPath);
      try {
        // The copy kept aside reads on a connection of its own, opened before the tables are held: opening checks
        // the schema, and nothing it does may wait for the hold it runs inside of.
        const reader = await openDatabase(paths.dbPath, { migrate: false, lockTimeoutMs: KEPT_ASIDE_LOCK_WAIT_MS }).catch((error: unknown) => {
          throw notKeptAside(error);
        });
        try {
          await copyFileToServer(source, server, {
            afterLock: () => keepAside(reader),
            beforeVerify: args.beforeVerify,
            // Last before the commit: a failure up to here leaves this PC's attachments where they were too.
            beforeCommit: async (trx) => {
              // A one-PC backup carries photos stored before migration 0018 as files: their bytes go into the server.
              await photoFilesIntoDatabase(trx, prepared.attachmentsPart, { code: 'RESTORE_FAILED', cancelled: CANCELLED });
              await args.record?.(trx, keptAsidePath);
              swap.hadAttachments = moveIfExists(paths.attachmentsDir, attachmentsAside);
              swap.done = true;
              moveSync(prepared.attachmentsPart, paths.attachmentsDir);
            },
          });
        } finally {
          await reader.destroy();
        }
      } finally {
        await server.destroy();
      }
    } catch (error) {
      if (swap.done) {
        rmSync(paths.attachmentsDir, { recursive: true, force: true });
        if (swap.hadAttachments) moveSync(attachmentsAside, paths.attachmentsDir);
      }
      // Nothing was written yet (no COMMIT was sent): the server is as it was.
      if (keptAsideFailure) throw keptAsideFailure;
      if (error instanceof AppError) throw error;
      if (isCommitOutcomeUnknown(error)) {
        throw new AppError(
          'DB_UNREACHABLE',
          `Sambungan ke server kantor terputus tepat saat pemulihan disimpan, sehingga tidak diketahui apakah data di server sudah diganti dengan isi cadangan. Data server sebelumnya tetap tersimpan di ${keptAsidePath}. Setelah tersambung lagi, periksa datanya (Riwayat aktivitas mencatat pemulihan bila sudah tersimpan) sebelum memulihkan lagi.`,
        );
      }
      throw new AppError('RESTORE_FAILED', `Cadangan tidak dapat disalin ke server: ${(error as Error).message}. ${CANCELLED}`);
    } finally {
      await source.destroy();
    }
    // The app's own connection is opened again only now, on the restored data: every window of this PC signs in again.
    const db = await reopen(async () => ({ undo: async () => undefined }));
    return { keptAsidePath, db };
  } finally {
    removeParts();
  }
}
