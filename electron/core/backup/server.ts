/**
 * The app's own backup on an office server (PostgreSQL, issue 18), in the same file format as a one-PC office's:
 * a SQLite database of this version's schema. Backing up copies the server into a new such file; restoring
 * copies a backup's database into the server, in one transaction.
 */
import { sql } from 'kysely';
import { openDatabase, type Db } from '../db/database';
import { copyPlan, lockTables, replaceAllRows, type CopyWords, type TableCopy } from '../db/tableCopy';

const BATCH_ROWS = 2000;

const BACKUP_WORDS: CopyWords = { source: 'server', target: 'cadangan', cancelled: 'Cadangan ini tidak disimpan.' };
const RESTORE_WORDS: CopyWords = { source: 'cadangan', target: 'server', cancelled: 'Pemulihan dibatalkan; data di server tidak diubah.' };

/**
 * Fills `file` (empty, already created private) with the server's data: the schema from this version's
 * migrations, then every table's rows read in one read-only REPEATABLE READ transaction, so the backup is one
 * moment of the server while other PCs keep writing, and each table is verified against what the server sent.
 */
export async function copyServerToFile(server: Db, file: string): Promise<TableCopy[]> {
  const target = await openDatabase(file);
  try {
    return await server
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (src) => {
        await sql`set transaction read only`.execute(src);
        const plans = await copyPlan(src, target, BACKUP_WORDS);
        return target.transaction().execute((trx) =>
          replaceAllRows(src, trx, plans, { batch: BATCH_ROWS, words: BACKUP_WORDS, codes: { failed: 'BACKUP_FAILED', mismatch: 'BACKUP_VERIFY_FAILED' } }),
        );
      });
  } finally {
    await target.destroy();
  }
}

export interface ServerRestoreOptions {
  /**
   * Runs once every table is held against other PCs' writes (they wait, reads go on), before anything is replaced:
   * where the server's current data is kept aside, so that no write can fall between that copy and the restore.
   */
  afterLock?(): Promise<void>;
  /** Tests only: runs on the server's transaction after the copy, before the comparison. */
  beforeVerify?(trx: Db): Promise<void>;
  /** Last step inside the transaction, after the comparison: the restore's audit entry, the attachments. */
  beforeCommit?(trx: Db): Promise<void>;
}

/**
 * Replaces every row on the server with the backup's (`source`: the backup's database, brought to this
 * version's schema), in one transaction that holds every table against other PCs' writes: a failure or a lost
 * connection anywhere rolls it back and leaves the server as it was.
 */
export async function copyFileToServer(source: Db, server: Db, options: ServerRestoreOptions = {}): Promise<TableCopy[]> {
  const plans = await copyPlan(source, server, RESTORE_WORDS);
  return source.transaction().execute((src) =>
    server.transaction().execute(async (trx) => {
      await lockTables(trx, plans);
      await options.afterLock?.();
      const copied = await replaceAllRows(src, trx, plans, {
        batch: BATCH_ROWS,
        words: RESTORE_WORDS,
        codes: { failed: 'RESTORE_FAILED', mismatch: 'RESTORE_FAILED' },
        beforeVerify: options.beforeVerify,
      });
      await options.beforeCommit?.(trx);
      return copied;
    }),
  );
}
