/**
 * Many rows in one INSERT, handed to SQLite as a single JSON array of arrays (`jsonb_each`), not as one bound
 * parameter per cell: binding ~2.5 million cells of a 100,000-row import took the main thread about as long
 * as checking the rows, while SQLite parses the JSON on its own thread. The statement text depends only on
 * the table and columns, so each is prepared once. Table and column names come from code, never from a file.
 */
import type { Kysely } from 'kysely';
import { CompiledQuery } from 'kysely';
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

/** Inserts rows that all have the keys of the first (strings, numbers or null), in order. */
export async function insertMany(
  db: Kysely<Database>,
  table: keyof Database,
  rows: readonly Record<string, unknown>[],
  orIgnore = false,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const data = rows.map((row) => columns.map((c) => row[c] ?? null));
  await db.executeQuery(CompiledQuery.raw(insertSql(table, columns, orIgnore), [JSON.stringify(data)]));
}
