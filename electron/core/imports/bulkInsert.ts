/**
 * Many rows in one INSERT, handed to SQLite as a single JSON array of arrays (`jsonb_each`), not as one bound
 * parameter per cell: binding ~2.5 million cells of a 100,000-row import took the main thread about as long
 * as checking the rows, while SQLite parses the JSON on its own thread. The statement text depends only on
 * the table and columns, so each is prepared once. Table and column names come from code, never from a file.
 */
import type { Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
import { isPostgres, pgColumnTypes, pgJsonRowsInsert } from '../db/dialect';
import type { Database } from '../db/schema';

const statements = new Map<string, string>();

function insertSql(table: string, columns: readonly string[], orIgnore: boolean): string {
  const key = `${table}|${columns.join(',')}|${orIgnore}`;
  let text = statements.get(key);
  if (!text) {
    const names = columns.map((c) => `"${c}"`).join(',');
    const values = columns.map((_, i) => `value->>${i}`).join(',');
    text = `insert ${orIgnore ? 'or ignore ' : ''}into "${table}" (${names}) select ${values} from jsonb_each(jsonb(?))`;
    statements.set(key, text);
  }
  return text;
}

/**
 * PostgreSQL's statement casts each value to its column's type, read from the catalog once per connection or
 * transaction handle (an import's is its transaction), so a later schema can never meet an old statement.
 */
const pgStatements = new WeakMap<Kysely<Database>, Map<string, Promise<string>>>();

function pgInsertSql(db: Kysely<Database>, insert: PreparedInsert): Promise<string> {
  let known = pgStatements.get(db);
  if (!known) pgStatements.set(db, (known = new Map()));
  const key = `${insert.table}|${insert.columns.join(',')}|${insert.orIgnore}`;
  let text = known.get(key);
  if (!text) {
    text = pgColumnTypes(db, insert.table).then((types) => pgJsonRowsInsert(insert.table, insert.columns, insert.orIgnore, types));
    known.set(key, text);
  }
  return text;
}

/** An INSERT ready to run: its rows already one string, so a queue of them holds no row objects. */
export interface PreparedInsert {
  table: string;
  columns: readonly string[];
  orIgnore: boolean;
  /** SQLite's statement; PostgreSQL's is made from the rest (pgInsertSql). */
  sql: string;
  json: string;
}

type Encoder = (pieces: readonly Record<string, unknown>[]) => string;

/**
 * The JSON array of a row given in pieces, its columns the pieces' keys in order, compiled once per buffer: no
 * merged row object (a literal with a spread in its middle is built the slow way) and no look-up by a computed
 * key per cell. The keys come from the code's own row literals, never from a file; they enter the code quoted.
 */
function compileEncoder(pieces: readonly Record<string, unknown>[]): { columns: string[]; encode: Encoder } {
  const columns: string[] = [];
  const reads: string[] = [];
  pieces.forEach((piece, i) => {
    for (const key of Object.keys(piece)) {
      if (columns.includes(key)) throw new Error(`column ${key} given twice`);
      columns.push(key);
      reads.push(`p[${i}][${JSON.stringify(key)}] ?? null`);
    }
  });
  return { columns, encode: new Function('p', `return JSON.stringify([${reads.join(', ')}]);`) as Encoder };
}

/**
 * Rows for one table, each turned into its JSON array as it is added (so no row object outlives its row), taken
 * out as one INSERT. Every row comes in pieces with the keys of the first row's (strings, numbers or null).
 */
export class InsertBuffer {
  private columns: string[] | null = null;
  private encode: Encoder | null = null;
  private parts: string[] = [];

  constructor(
    private readonly table: keyof Database,
    private readonly orIgnore = false,
  ) {}

  /** One row, as one object or as pieces whose keys together are its columns (none given twice). */
  add(...pieces: Record<string, unknown>[]): void {
    if (!this.encode) ({ columns: this.columns, encode: this.encode } = compileEncoder(pieces));
    this.parts.push(this.encode(pieces));
  }

  get size(): number {
    return this.parts.length;
  }

  /** The rows added since the last take(), as one INSERT; null when there are none. */
  take(): PreparedInsert | null {
    if (this.parts.length === 0 || !this.columns) return null;
    const { table, columns, orIgnore } = this;
    const insert = { table, columns, orIgnore, sql: insertSql(table, columns, orIgnore), json: `[${this.parts.join(',')}]` };
    this.parts = [];
    return insert;
  }
}

export async function runInsert(db: Kysely<Database>, insert: PreparedInsert | null): Promise<void> {
  if (!insert) return;
  const text = isPostgres(db) ? await pgInsertSql(db, insert) : insert.sql;
  await db.executeQuery(CompiledQuery.raw(text, [insert.json]));
}
