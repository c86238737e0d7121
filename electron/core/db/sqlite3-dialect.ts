import type sqlite3 from 'sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A kysely dialect over the asynchronous `sqlite3` package (kysely's own SqliteDialect expects
 * better-sqlite3's synchronous API). One connection, used by one query or transaction at a time;
 * prepared statements are cached because each sqlite3 call costs ~50 µs and bulk work repeats SQL.
 */
export class Sqlite3Dialect implements Dialect {
  constructor(private readonly database: sqlite3.Database) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new Sqlite3Driver(this.database);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

/** FIFO lock: kysely holds the connection for a whole transaction, so others wait their turn. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

class Sqlite3Driver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: Sqlite3Connection;
  private release: (() => void) | null = null;

  constructor(private readonly database: sqlite3.Database) {
    this.connection = new Sqlite3Connection(database);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.mutex.lock();
    return this.connection;
  }
  async releaseConnection() {
    const release = this.release;
    this.release = null;
    release?.();
  }
  async beginTransaction(conn: DatabaseConnection, _settings: TransactionSettings) {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string) {
    await conn.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }
  async destroy() {
    await this.connection.finalizeAll();
    await new Promise<void>((resolve, reject) => this.database.close((e) => (e ? reject(e) : resolve())));
  }
}

function quoteName(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}

const RETURNS_ROWS = /^\s*(select|with|pragma|explain|values)\b|\breturning\b/i;
const CACHE_SIZE = 128;

class Sqlite3Connection implements DatabaseConnection {
  private readonly statements = new Map<string, sqlite3.Statement>();

  constructor(private readonly database: sqlite3.Database) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = await this.prepare(query.sql);
    const params = query.parameters as unknown[];
    if (RETURNS_ROWS.test(query.sql)) {
      const rows = await new Promise<R[]>((resolve, reject) =>
        statement.all(params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve(rows))),
      );
      return { rows };
    }
    return new Promise((resolve, reject) =>
      statement.run(params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) return reject(err);
        resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
      }),
    );
  }

  async *streamQuery<R>(query: CompiledQuery, _chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    // A dedicated statement: the cached one may be reused by the caller while the stream is open.
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s: sqlite3.Statement = this.database.prepare(query.sql, query.parameters as unknown[], (err) =>
        err ? reject(err) : resolve(s),
      );
    });
    try {
      for (;;) {
        const row = await new Promise<R | undefined>((resolve, reject) =>
          statement.get((err: Error | null, row: R | undefined) => (err ? reject(err) : resolve(row))),
        );
        if (row === undefined) return;
        yield { rows: [row] };
      }
    } finally {
      await new Promise<void>((resolve) => statement.finalize(() => resolve()));
    }
  }

  private async prepare(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const s: sqlite3.Statement = this.database.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
    });
    this.statements.set(sql, statement);
    if (this.statements.size > CACHE_SIZE) {
      const [oldestSql, oldest] = this.statements.entries().next().value as [string, sqlite3.Statement];
      this.statements.delete(oldestSql);
      oldest.finalize();
    }
    return statement;
  }

  async finalizeAll() {
    const all = [...this.statements.values()];
    this.statements.clear();
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
  }
}
