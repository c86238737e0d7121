/**
 * Many rows in one INSERT, handed to SQLite as a single JSON array of arrays (`jsonb_each`), not as one bound
 * parameter per cell: binding ~2.5 million cells of a 100,000-row import took the main thread about as long
 * as checking the rows, while SQLite parses the JSON on its own thread. The statement text depends only on
 * the table and columns, so each is prepared once. Table and column names come from code, never from a file.
 */
import type { Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
import { isPostgres, pgJsonRowsInsert } from '../db/dialect';
import type { Database } from '../db/schema';

const statements = new Map<string, { sql: string; pgSql: string }>();

function insertSql(table: string, columns: readonly string[], orIgnore: boolean): { sql: string; pgSql: string } {
  const key = `${table}|${columns.join(',')}|${orIgnore}`;
  let text = statements.get(key);
  if (!text) {
    const names = columns.map((c) => `"${c}"`).join(',');
    const values = columns.map((_, i) => `value->>${i}`).join(',');
    text = {
      sql: `insert ${orIgnore ? 'or ignore ' : ''}into "${table}" (${names}) select ${values} from jsonb_each(jsonb(?))`,
      pgSql: pgJsonRowsInsert(table, columns, orIgnore),
    };
    statements.set(key, text);
  }
  return text;
}

/** An INSERT ready to run: its rows already one string, so a queue of them holds no row objects. */
export interface PreparedInsert {
  /** SQLite's statement; pgSql is PostgreSQL's (db/dialect.ts). */
  sql: string;
  pgSql: string;
  json: string;
}

/**
 * Rows for one table, each turned into its JSON array as it is added (so no row object outlives its row), taken
 * out as one INSERT. Every row has the keys of the first (strings, numbers or null).
 */
export class InsertBuffer {
  private columns: string[] | null = null;
  private parts: string[] = [];

  constructor(
    private readonly table: keyof Database,
    private readonly orIgnore = false,
  ) {}

  add(row: Record<string, unknown>): void {
    const columns = (this.columns ??= Object.keys(row));
    this.parts.push(JSON.stringify(columns.map((c) => row[c] ?? null)));
  }

  get size(): number {
    return this.parts.length;
  }

  /** The rows added since the last take(), as one INSERT; null when there are none. */
  take(): PreparedInsert | null {
    if (this.parts.length === 0 || !this.columns) return null;
    const insert = { ...insertSql(this.table, this.columns, this.orIgnore), json: `[${this.parts.join(',')}]` };
    this.parts = [];
    return insert;
  }
}

export async function runInsert(db: Kysely<Database>, insert: PreparedInsert | null): Promise<void> {
  if (insert) await db.executeQuery(CompiledQuery.raw(isPostgres(db) ? insert.pgSql : insert.sql, [insert.json]));
}
