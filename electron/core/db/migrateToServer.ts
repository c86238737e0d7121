/**
 * Moving a one-PC office onto the office server (issue 18): every row of the SQLite file is copied into a
 * PostgreSQL database brought to the same schema, in one transaction, then read back and compared table by
 * table (row count and a checksum over the rows in key order). Anything that does not match rolls the whole copy
 * back. The table list, their order and their columns come from the schema itself, so a table added by a later
 * migration is copied without this file changing.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../api/errors';
import { isCommitOutcomeUnknown } from './connectionLost';
import { recordAudit, type AuditActor } from '../audit/record';
import { openDatabase, schemaVersion, type Db } from './database';
import { describeTarget, isPostgres, isPostgresTarget } from './dialect';
import { photoFilesIntoDatabase, type PhotoFilesCopy } from '../handovers';
import { copyPlan, lockTables, newDatabaseCounts, officeDataTables, replaceAllRows, type CopyProgress, type CopyWords, type TableCopy } from './tableCopy';

export type MigrateProgress = { step: 'open'; message: string } | CopyProgress;

export interface MigrateOptions {
  /** The office's SQLite file. */
  from: string;
  /**
   * The office's attachments folder: photos stored as files before migration 0018 are copied from it into the
   * server's database (verified by count and checksum too). None: only what the database holds is copied.
   */
  attachmentsDir?: string;
  /** postgres://user:password@host:port/database */
  to: string;
  /** Who moves the office, for the audit entry written on the server. */
  actor: AuditActor;
  /**
   * Fills a freshly migrated database with what the app itself writes into every new database besides the
   * migrations (the region reference): what a table holds then is not office data (see `officeDataTables`).
   */
  loadReference(db: Db): Promise<void>;
  onProgress?(progress: MigrateProgress): void;
  /** Rows read and written per statement. */
  batchRows?: number;
  now?: Date;
  /** Tests only: runs on the server's transaction after the copy, before the comparison. */
  beforeVerify?(trx: Db): Promise<void>;
}

export interface MigrateResult {
  tables: TableCopy[];
  /** The photos copied from the attachments folder (null when no folder was given). */
  photos: PhotoFilesCopy | null;
  /** Schema version both databases are at. */
  schemaVersion: number;
}

const MIGRATE_WORDS: CopyWords = { source: 'berkas', target: 'server', cancelled: 'Pemindahan dibatalkan; basis data server tidak diubah.' };

/** The URL's password, replaced wherever it would appear in a message. */
function hidePassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return text;
  }
  return password ? text.split(password).join('***') : text;
}

/**
 * Copies the office in `from` (SQLite) into the server database `to`, verified table by table. Refuses a
 * server that already holds office data, a file that is not the app's or comes from a newer version, and any
 * difference found after the copy (nothing is kept then).
 */
export async function migrateToServer(options: MigrateOptions): Promise<MigrateResult> {
  const { to, from } = options;
  try {
    return await migrate(options);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, hidePassword(error.message, to), error.details);
    if (isCommitOutcomeUnknown(error)) {
      throw new AppError('DB_UNREACHABLE', `Sambungan ke ${describeTarget(to)} terputus tepat saat pemindahan dari ${from} disimpan, sehingga tidak diketahui apakah data sudah ada di server. Periksa server sebelum mengulang (pemindahan berikutnya menolak server yang sudah berisi data). Berkas ${from} tidak diubah.`);
    }
    throw new AppError('INTERNAL', `Pemindahan dari ${from} ke ${describeTarget(to)} gagal: ${hidePassword((error as Error).message, to)}. Basis data server tidak diubah.`);
  }
}

async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { from, to, onProgress } = options;
  const batch = options.batchRows ?? 2000;
  if (!isPostgresTarget(to)) throw new AppError('INVALID_INPUT', 'Tujuan harus alamat server kantor: postgres://pengguna@host:5432/basisdata (kata sandi di PGPASSWORD)');
  if (isPostgresTarget(from) || !existsSync(from)) throw new AppError('NOT_FOUND', `Berkas basis data ${from} tidak ditemukan.`);

  // The file is only read; one of an older version is first brought up to date, as the app does when it opens it.
  let source = await openDatabase(from, { readonly: true });
  const version = await schemaVersion(source);
  if (version.version < version.latest) {
    await source.destroy();
    onProgress?.({ step: 'open', message: `Berkas ${from} diperbarui ke versi skema ${version.latest} (seperti saat dibuka aplikasi).` });
    source = await openDatabase(from);
  }
  let target: Db | null = null;
  try {
    // First opened as it is (the schema guard refuses a newer version's database) and checked for office data:
    // a live office server must be refused before anything of it changes, or PCs still on its version would
    // find it DB_TOO_NEW. Only an empty (or brand-new) database is then brought to this version's schema.
    target = await openDatabase(to, { migrate: false });
    if (!isPostgres(target)) throw new AppError('INVALID_INPUT', 'Tujuan harus server PostgreSQL.');
    const fresh = await newDatabaseCounts(options.loadReference);
    const before = await officeDataTables(target, fresh);
    if (before.length) throw notEmpty(before);
    await target.destroy();
    target = null;
    onProgress?.({ step: 'open', message: `Menyiapkan struktur basis data di ${describeTarget(to)}…` });
    target = await openDatabase(to);
    const plans = await copyPlan(source, target, MIGRATE_WORDS);
    const full = await officeDataTables(target, fresh);
    if (full.length) throw notEmpty(full);
    const at = options.now ?? new Date();
    const server = target;
    // One read transaction on the file: the copy is one moment of it, even if the app is writing meanwhile.
    const moved = await source.transaction().execute((src) => server.transaction().execute(async (trx) => {
      // Nobody else may write meanwhile; and a second migration started at the same moment waits, then refuses.
      await lockTables(trx, plans);
      const fullNow = await officeDataTables(trx, fresh);
      if (fullNow.length) throw notEmpty(fullNow);
      const copied = await replaceAllRows(src, trx, plans, {
        batch,
        words: MIGRATE_WORDS,
        codes: { failed: 'MIGRATE_FAILED', mismatch: 'MIGRATE_MISMATCH' },
        onProgress,
        beforeVerify: options.beforeVerify,
      });
      // A photo stored as a file before migration 0018 would stay on this PC only: its bytes go to the server too.
      const photos = options.attachmentsDir ? await photoFilesIntoDatabase(trx, options.attachmentsDir, { code: 'MIGRATE_MISMATCH', cancelled: MIGRATE_WORDS.cancelled }) : null;
      const rows = copied.reduce((n, t) => n + t.rows, 0);
      await recordAudit(
        trx,
        options.actor,
        { action: 'migrate', entity: 'database', after: { from, tables: copied.length, rows, ...(photos ? { fotoDariBerkas: photos.rows } : {}) }, note: 'Kantor dipindahkan dari SQLite ke server kantor (baris perintah)' },
        at,
      );
      return { tables: copied, photos };
    }));
    return { ...moved, schemaVersion: version.latest };
  } finally {
    await target?.destroy();
    await source.destroy();
  }
}

function notEmpty(tables: readonly string[]): AppError {
  return new AppError('SERVER_NOT_EMPTY', `Basis data server sudah berisi data (tabel ${tables.join(', ')}); pemindahan dibatalkan agar tidak menimpa.`, { tables });
}
