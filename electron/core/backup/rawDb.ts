import sqlite3 from 'sqlite3';

/**
 * A bare sqlite3 handle for files that are not (yet) the app's database: a backup being written or checked.
 * Kept apart from kysely so that checking a stranger's file never runs our migrations on it.
 */
export class RawDb {
  private constructor(private readonly handle: sqlite3.Database) {}

  static open(path: string, mode: 'readonly' | 'readwrite'): Promise<RawDb> {
    const flags = mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE;
    return new Promise((resolve, reject) => {
      const handle = new sqlite3.Database(path, flags, (err) => (err ? reject(err) : resolve(new RawDb(handle))));
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.handle.all(sql, params, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))));
  }

  async get<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Rows one at a time, for reading a whole table without holding it. */
  each<T>(sql: string, params: unknown[], onRow: (row: T) => void): Promise<number> {
    return new Promise((resolve, reject) =>
      this.handle.each(sql, params, (err: Error | null, row: T) => (err ? undefined : onRow(row)), (err: Error | null, n: number) => (err ? reject(err) : resolve(n))),
    );
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => this.handle.run(sql, params, (err: Error | null) => (err ? reject(err) : resolve())));
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.handle.exec(sql, (err: Error | null) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.handle.close((err) => (err ? reject(err) : resolve())));
  }
}

export async function tableNames(db: RawDb): Promise<string[]> {
  return (await db.all<{ name: string }>("select name from sqlite_master where type = 'table'")).map((r) => r.name);
}

/** The full check (not quick_check): a backup is read once, and it must be whole. */
export async function integrityProblems(db: RawDb): Promise<string[]> {
  const rows = await db.all<Record<string, string>>('pragma integrity_check');
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, 5);
}
