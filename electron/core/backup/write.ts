import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';
import { CommitOutcomeUnknown, isConnectionLost, isLockTimeout } from '../db/connectionLost';
import { isPostgres } from '../db/dialect';
import { migrationNames } from '../db/migrations';
import { PRIVATE_DIR, PRIVATE_FILE } from '../paths';
import { version as appVersion } from '../../../package.json';
import type { BackupKind } from './names';
import { fileWriteError } from './fileErrors';
import { copyServerToFile } from './server';
import { contentFingerprint } from './fingerprint';
import { integrityProblems, RawDb } from './rawDb';

/** Manifest format: 2 = office code, app version and content SHA-256 (older backups have none of these). */
export const MANIFEST_FORMAT = '2';

export interface WriteBackupOptions {
  db: Db;
  attachmentsDir: string;
  target: string;
  kind: BackupKind;
  now: Date;
  /** Fallback only: the office is read from the copied database itself. */
  officeName: string | null;
  /** Called between steps; throwing stops the backup and removes the partial file. */
  onStep?: (step: 'copy' | 'attachments' | 'verify' | 'done', done: number, total: number) => void;
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * One backup file: an online copy of the database (VACUUM INTO: consistent even while the app writes, and
 * compact; on the office server, a new SQLite file of the same schema filled from one snapshot of the server,
 * see server.ts) carrying the attachments folder inside it, checked with integrity_check, and only then renamed to
 * its final name. A crash, a full disk or a pulled USB drive leaves at most a hidden `.part` file, never a
 * file that looks like a good backup.
 */
export async function writeBackup(opts: WriteBackupOptions): Promise<{ path: string; size: number; attachments: number }> {
  const dir = join(opts.target, '..');
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.dsbak.part`);
  const cleanup = () => {
    for (const p of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(p, { force: true });
  };
  try {
    // The admin's own folder keeps its mode; one the app creates is private, as is every backup file.
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    opts.onStep?.('copy', 0, 1);
    // VACUUM INTO accepts an empty file: created first so that the backup is private (0600) from its first byte.
    closeSync(openSync(temp, 'wx', PRIVATE_FILE));
    if (isPostgres(opts.db)) await copyServerToFile(opts.db, temp);
    else await sql`vacuum into ${temp}`.execute(opts.db);

    const files = [...walk(opts.attachmentsDir)];
    const copy = await RawDb.open(temp, 'readwrite');
    try {
      await copy.exec(`
        pragma journal_mode = delete;
        create table backup_manifest (key text primary key, value text not null);
        create table backup_file (path text primary key, size integer not null, data blob not null);
      `);
      await copy.run('begin');
      let i = 0;
      for (const file of files) {
        const data = readFileSync(file);
        await copy.run('insert into backup_file values (?, ?, ?)', [relative(opts.attachmentsDir, file).split(sep).join('/'), data.length, data]);
        opts.onStep?.('attachments', ++i, files.length);
      }
      await copy.run('commit');
      const office = await officeOf(copy);
      const manifest: Record<string, string> = {
        format: MANIFEST_FORMAT,
        created_at: opts.now.toISOString(),
        kind: opts.kind,
        office: office.name ?? opts.officeName ?? '',
        office_kabkota: office.kabKotaKode ?? '',
        app_version: appVersion,
        schema_version: String(migrationNames.length),
        attachments: String(files.length),
        content_sha256: await contentFingerprint(copy),
      };
      await copy.run('begin');
      for (const [key, value] of Object.entries(manifest)) await copy.run('insert into backup_manifest values (?, ?)', [key, value]);
      await copy.run('commit');
    } finally {
      await copy.close();
    }

    opts.onStep?.('verify', 0, 1);
    const check = await RawDb.open(temp, 'readonly');
    let problems: string[];
    try {
      problems = await integrityProblems(check);
    } finally {
      await check.close();
    }
    if (problems.length > 0) {
      throw new AppError('BACKUP_VERIFY_FAILED', `Cadangan yang baru ditulis gagal diperiksa (${problems[0]}). Periksa disk tujuan; cadangan ini tidak disimpan.`);
    }
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, opts.target);
    opts.onStep?.('done', 1, 1);
    return { path: opts.target, size: statSync(opts.target).size, attachments: files.length };
  } catch (error) {
    cleanup();
    // A server lost mid-copy is the server's problem, not the disk's (dispatch answers DB_UNREACHABLE).
    // The server's side is a read-only snapshot: a COMMIT lost there leaves no doubt, the backup was not kept.
    if (error instanceof CommitOutcomeUnknown) throw error.cause;
    // A table lock the server would not give in time (lock_timeout) is the server's answer too, not the disk's.
    if (isLockTimeout(error)) throw error;
    throw isConnectionLost(error) ? error : fileWriteError(error, dir);
  }
}

/** The office as the database itself records it (name and kabupaten/kota code), for the manifest and checks. */
export async function officeOf(db: RawDb): Promise<{ name: string | null; kabKotaKode: string | null }> {
  try {
    const row = await db.get<{ profile_json: string }>('select profile_json from office where id = 1');
    const profile = row ? (JSON.parse(row.profile_json) as { namaInstansi?: string; kabKotaKode?: string }) : {};
    return { name: profile.namaInstansi ?? null, kabKotaKode: profile.kabKotaKode ?? null };
  } catch {
    return { name: null, kabKotaKode: null };
  }
}
