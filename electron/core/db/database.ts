import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { Kysely, Migrator, sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { AppError } from '../api/errors';
import { migrationNames, migrations } from './migrations';
import type { Database } from './schema';
import { Sqlite3Dialect } from './sqlite3-dialect';

export type Db = Kysely<Database>;

/** 'DSDK' — marks a SQLite file as ours, so a random database is never migrated into. */
export const APPLICATION_ID = 0x4453444b;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Default true: bring the schema up to date. */
  migrate?: boolean;
  readonly?: boolean;
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  checkFileHeader(path);
  const raw = await openRaw(path, options.readonly ?? false);
  const db = new Kysely<Database>({ dialect: new Sqlite3Dialect(raw) });
  try {
    await sql`pragma busy_timeout = 5000`.execute(db);
    await sql`pragma foreign_keys = on`.execute(db);
    if (!options.readonly) {
      await sql`pragma journal_mode = wal`.execute(db);
      await sql`pragma synchronous = normal`.execute(db);
    }
    await checkIntegrity(db);
    await checkOwnership(db, path);
    await checkHistory(db);
    if (options.migrate !== false && !options.readonly) await migrate(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

function checkFileHeader(path: string) {
  if (path === ':memory:' || !existsSync(path) || statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  const header = Buffer.alloc(16);
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new AppError(
      'DB_NOT_DATABASE',
      `Berkas ${path} bukan basis data Dinsos Desk. Pilih berkas lain atau pulihkan dari cadangan.`,
    );
  }
}

function openRaw(path: string, readonly: boolean): Promise<sqlite3.Database> {
  const mode = readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  return new Promise((resolve, reject) => {
    const database = new sqlite3.Database(path, mode, (err) =>
      err
        ? reject(new AppError('DB_NOT_DATABASE', `Basis data ${path} tidak dapat dibuka: ${err.message}`))
        : resolve(database),
    );
  });
}

async function checkIntegrity(db: Db) {
  try {
    const { rows } = await sql<{ quick_check: string }>`pragma quick_check`.execute(db);
    const first = rows[0] ? Object.values(rows[0])[0] : 'ok';
    if (first !== 'ok') throw new Error(String(first));
  } catch (error) {
    throw new AppError(
      'DB_CORRUPT',
      'Basis data rusak dan tidak dapat dipakai dengan aman. Pulihkan dari cadangan terakhir (Pengaturan › Cadangan).',
      { reason: error instanceof Error ? error.message : String(error) },
    );
  }
}

async function checkOwnership(db: Db, path: string) {
  const { rows } = await sql<{ application_id: number }>`pragma application_id`.execute(db);
  const appId = rows[0]?.application_id ?? 0;
  if (appId === APPLICATION_ID) return;
  const tables = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(db);
  if (appId !== 0 || (tables.rows[0]?.n ?? 0) > 0) {
    throw new AppError(
      'DB_FOREIGN',
      `Berkas ${path} adalah basis data aplikasi lain, bukan Dinsos Desk. Berkas tidak diubah.`,
    );
  }
}

/** The schema guard: refuse a database whose migration history this version does not know. */
async function checkHistory(db: Db) {
  const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if ((exists.rows[0]?.n ?? 0) === 0) return;
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const unknown = applied.rows.map((r) => r.name).filter((n) => !migrationNames.includes(n));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_TOO_NEW',
      'Basis data ini dibuat atau diperbarui oleh versi Dinsos Desk yang lebih baru. Pasang versi terbaru aplikasi, atau pulihkan cadangan yang dibuat oleh versi ini.',
      { unknownMigrations: unknown },
    );
  }
}

async function migrate(db: Db) {
  await sql.raw(`pragma application_id = ${APPLICATION_ID}`).execute(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('INTERNAL', `Pembaruan struktur basis data gagal${failed ? ` (${failed})` : ''}.`, {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  await sql.raw(`pragma user_version = ${migrationNames.length}`).execute(db);
}

export async function schemaVersion(db: Db): Promise<{ version: number; latest: number; migrations: string[] }> {
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { version: applied.rows.length, latest: migrationNames.length, migrations: applied.rows.map((r) => r.name) };
}
