import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from './dialect';

/**
 * What a copy between the engines reads of a database's own structure (issue 18, migrate-to-server): each
 * helper answers the same on SQLite and PostgreSQL.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A table's columns in their declared order, each with its place in the primary key (1, 2, … or 0 when not
 * part of it), whether it holds text and whether it holds bytes: SQLite's pragma_table_info, PostgreSQL's
 * information_schema.
 */
export async function tableColumns(db: AnyDb, table: string): Promise<{ name: string; pk: number; text: boolean; bytes: boolean }[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string; pk: number | null; text: boolean; bytes: boolean }>`
      select c.column_name as name, k.ordinal_position as pk, c.data_type in ('text', 'character varying', 'character') as text,
        c.data_type = 'bytea' as bytes
      from information_schema.columns c
      left join information_schema.table_constraints t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.constraint_type = 'PRIMARY KEY'
      left join information_schema.key_column_usage k
        on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name and k.column_name = c.column_name
      where c.table_schema = current_schema() and c.table_name = ${table}
      order by c.ordinal_position`.execute(db)
    : await sql<{ name: string; pk: number | null; text: number; bytes: number }>`
      select name, pk, (upper(type) like '%TEXT%' or upper(type) like '%CHAR%' or upper(type) like '%CLOB%') as text,
        upper(type) = 'BLOB' as bytes
      from pragma_table_info(${table}) order by cid`.execute(db);
  return rows.map((r) => ({ name: r.name, pk: Number(r.pk ?? 0), text: Boolean(r.text), bytes: Boolean(r.bytes) }));
}

/**
 * `column` compared byte by byte, the order both engines agree on whatever the server's locale: SQLite's BINARY
 * collation, PostgreSQL's "C" (the app's text columns are created with it, so their indexes still serve it).
 */
export function byteOrder(db: AnyDb, column: string): RawBuilder<unknown> {
  return isPostgres(db) ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)} collate binary`;
}

/** The columns PostgreSQL numbers itself (identity), per table; SQLite's AUTOINCREMENT needs no care. */
export async function identityColumns(db: AnyDb): Promise<{ table: string; column: string }[]> {
  if (!isPostgres(db)) return [];
  const { rows } = await sql<{ tbl: string; col: string }>`
    select table_name as tbl, column_name as col from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES' order by table_name`.execute(db);
  return rows.map((r) => ({ table: r.tbl, column: r.col }));
}
