import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, PostgresDriver, sql, type DatabaseConnection, type PostgresDialectConfig } from 'kysely';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { AppError } from '../api/errors';
import { describeTarget, DinsosPostgresQueryCompiler, isPostgres, isPostgresTarget } from './dialect';
import { migrationNames, migrations } from './migrations';
import type { Database } from './schema';
import { Sqlite3Dialect } from './sqlite3-dialect';
import { certificateRefusal, pgConnectionString } from './tls';
import { CommitOutcomeUnknown, isConnectionLost } from './connectionLost';

export type Db = Kysely<Database>;

/** 'DSDK' — marks a SQLite file as ours, so a random database is never migrated into. */
export const APPLICATION_ID = 0x4453444b;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  /** Default true: bring the schema up to date. */
  migrate?: boolean;
  readonly?: boolean;
  /** PostgreSQL only: a statement waiting longer than this for a table lock fails (55P03) instead of waiting on. */
  lockTimeoutMs?: number;
}

/**
 * Opens the office's database: a SQLite file (the one-PC default) or, for a `postgres://` URL, the office
 * server's PostgreSQL database (issue 18). Both are checked against the schema history and migrated alike.
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<Db> {
  return isPostgresTarget(target) ? openPostgres(target, options) : openSqlite(target, options);
}

async function openSqlite(path: string, options: OpenOptions): Promise<Db> {
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
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return finishOpen(db, path, options);
}

/** What every engine checks after connecting: whose database it is, its history, then the migrations. */
async function finishOpen(db: Db, target: string, options: OpenOptions): Promise<Db> {
  try {
    await checkOwnership(db, target);
    await checkHistory(db);
    if (options.migrate !== false && !options.readonly) await migrate(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/** PostgreSQL's bigint (count(*), sum of integers) and numeric (avg) arrive as numbers, as SQLite gives them. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

/**
 * A COMMIT whose answer never came (the connection lost meanwhile) is CommitOutcomeUnknown: it may have been
 * written. kysely then rolls back on the same dead connection, and that failure's error would replace this one;
 * the rollback answers it again instead (there is nothing left to roll back from here).
 */
class DinsosPostgresDriver extends PostgresDriver {
  private readonly lostCommits = new WeakMap<DatabaseConnection, CommitOutcomeUnknown>();

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.commitTransaction(connection);
    } catch (error) {
      // pg refuses a query on a client it already knows is dead without sending it: that COMMIT never left.
      if (!isConnectionLost(error) || /not queryable/.test((error as Error).message)) throw error;
      const unknown = new CommitOutcomeUnknown(error);
      this.lostCommits.set(connection, unknown);
      throw unknown;
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const unknown = this.lostCommits.get(connection);
    if (!unknown) return super.rollbackTransaction(connection);
    this.lostCommits.delete(connection);
    throw unknown;
  }
}

class DinsosPostgresDialect extends PostgresDialect {
  constructor(private readonly config: PostgresDialectConfig) {
    super(config);
  }

  override createDriver() {
    return new DinsosPostgresDriver(this.config);
  }

  override createQueryCompiler() {
    return new DinsosPostgresQueryCompiler();
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Db> {
  // keepAlive: a server gone from the network (cable, Wi-Fi) ends the connection instead of leaving a call hanging.
  const pool = new pg.Pool({ connectionString: pgConnectionString(url), max: 10, types: pgTypes, connectionTimeoutMillis: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000, ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}) });
  // An idle connection the server dropped must not take the process down: pg-pool removes it (as it does a
  // connection that failed mid-query when it is released), so the next call opens a fresh one once the
  // server is back, without restarting the app.
  pool.on('error', () => undefined);
  // A connection lost while checked out (mid-call) also emits 'error' on its client, where nothing listens:
  // without this the core process would die. The call itself fails (DB_UNREACHABLE) and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw certificateRefusal(error, new URL(url).host) ?? new AppError(
      'DB_UNREACHABLE',
      `Server basis data ${describeTarget(url)} tidak dapat dihubungi: ${(error as Error).message}. Periksa alamat server, jaringan, nama pengguna dan kata sandi.`,
    );
  }
  const db = new Kysely<Database>({ dialect: new DinsosPostgresDialect({ pool }) });
  return finishOpen(db, describeTarget(url), options);
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
  if (isPostgres(db)) {
    // PostgreSQL has no application id: an empty schema is ours to set up, one holding our migration history
    // is ours, anything else belongs to another application.
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(db);
    if (tables.rows.length === 0 || tables.rows.some((t) => t.table_name === 'kysely_migration')) return;
    throw new AppError('DB_FOREIGN', `Basis data ${path} berisi tabel aplikasi lain, bukan Dinsos Desk. Basis data tidak diubah.`);
  }
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
  const exists = isPostgres(db)
    ? await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
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
  const postgres = isPostgres(db);
  if (!postgres) await sql.raw(`pragma application_id = ${APPLICATION_ID}`).execute(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('INTERNAL', `Pembaruan struktur basis data gagal${failed ? ` (${failed})` : ''}.`, {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  if (!postgres) await sql.raw(`pragma user_version = ${migrationNames.length}`).execute(db);
}

export async function schemaVersion(db: Db): Promise<{ version: number; latest: number; migrations: string[] }> {
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { version: applied.rows.length, latest: migrationNames.length, migrations: applied.rows.map((r) => r.name) };
}
