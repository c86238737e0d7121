/**
 * Copying every row of one database into another of the same schema, on either engine (issue 18): moving an
 * office onto the server (SQLite -> PostgreSQL), a backup made on the server (PostgreSQL -> a new SQLite file)
 * and a restore into the server (the backup's SQLite copy -> PostgreSQL). The table list, their order and their
 * columns come from the schema itself; every copy is verified table by table (row count and a checksum over the
 * rows in key order, the same on both engines).
 */
import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { AppError } from '../api/errors';
import { openDatabase, type Db } from './database';
import { continueRowIds, foreignKeysTo, isPostgres, pgJsonRowsInsert, userTables } from './dialect';
import { byteOrder, identityColumns, tableColumns } from './schemaInfo';

export interface TableCopy {
  name: string;
  rows: number;
  /** SHA-256 (hex) of the table's canonical rows in primary-key order, the same on both engines. */
  checksum: string;
}

export type CopyProgress =
  | { step: 'copy'; table: string; rows: number; index: number; total: number }
  | { step: 'verify'; table: string; rows: number; checksum: string; index: number; total: number };

/** How the messages name both sides and what a failure leaves (the copy's caller knows; the copy does not). */
export interface CopyWords {
  source: string;
  target: string;
  /** The last sentence of every failure, e.g. 'Pemindahan dibatalkan; basis data server tidak diubah.' */
  cancelled: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

const q = (name: string) => sql.id(name);

/**
 * One value as both engines give it back for the same stored value: numbers as JSON numbers (an integer kept
 * in a REAL column reads 5 on both), text as text, bytes tagged as such, so 1, '1' and a BLOB never collide.
 */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  // Bytes by their own SHA-256: a photo of 8 MB would otherwise be 16 MB of hex text in the row's line.
  if (value instanceof Uint8Array) return { bytes: createHash('sha256').update(value).digest('hex') };
  if (value instanceof Date) return { date: value.toISOString() };
  return value;
}

const canonicalLine = (plan: TablePlan, r: Row) => `${JSON.stringify(plan.columns.map((c) => canonical(r[c])))}\n`;

export interface TablePlan {
  name: string;
  /** Column names, sorted: the canonical row's order. */
  columns: string[];
  /** Primary key columns in key order (every column when a table has none). */
  key: string[];
  /** The key columns holding text (read in byte order). */
  textKeys: string[];
  /** Columns referring to the same table (a merged family names the one it went into): filled in a second pass. */
  selfRefs: string[];
  /** The table holds bytes (a handover photo, up to 8 MB a row): read a few rows at a time. */
  bytes: boolean;
  /** The other tables its foreign keys point to. */
  refersTo: string[];
}

/** Rows per statement of a table holding bytes: a batch of photos stays some tens of MB in memory. */
const BYTES_BATCH = 4;

/**
 * A table's rows, a batch at a time, in primary-key order (keyset paging, the same SQL on both engines; text keys
 * in byte order on both, so the checksums of the two sides are taken over the rows in the same order).
 */
async function* rowsInKeyOrder(db: AnyDb, plan: TablePlan, rowsPerBatch: number): AsyncGenerator<Row[]> {
  const batch = plan.bytes ? Math.min(rowsPerBatch, BYTES_BATCH) : rowsPerBatch;
  const select = sql.join(plan.columns.map(q));
  const keys = plan.key.map((k) => (plan.textKeys.includes(k) ? byteOrder(db, k) : q(k)));
  const order = sql.join(keys);
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? (keys.length === 1 ? sql`where ${keys[0]!} > ${after[0]}` : sql`where (${order}) > (${sql.join(after)})`) : sql``;
    const { rows } = await sql<Row>`select ${select} from ${sql.table(plan.name)} ${where} order by ${order} limit ${batch}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    const last: Row = rows[rows.length - 1]!;
    after = plan.key.map((k) => last[k]);
  }
}

/** Tables in an order where every table comes after the tables its foreign keys point to. */
function foreignKeyOrder(tables: readonly string[], edges: readonly { table: string; target: string }[]): string[] {
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.table !== e.target && needs.has(e.table) && needs.has(e.target)) needs.get(e.table)!.add(e.target);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...needs.get(t)!].every((n) => placed.has(n)));
    if (ready.length === 0) {
      const left = tables.filter((t) => !placed.has(t));
      throw new AppError('INTERNAL', `Urutan penyalinan tidak dapat ditentukan: kunci asing melingkar antara tabel ${left.join(', ')}.`);
    }
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

const NEUTRAL_WORDS: CopyWords = { source: 'sumber', target: 'tujuan', cancelled: 'Penyalinan dibatalkan.' };

/** What must be copied, in which order, read from the schema of both databases (which must agree). */
export async function copyPlan(source: AnyDb, target: AnyDb, words: CopyWords = NEUTRAL_WORDS): Promise<TablePlan[]> {
  const tables = await userTables(source);
  const there = await userTables(target);
  const missing = tables.filter((t) => !there.includes(t));
  const extra = there.filter((t) => !tables.includes(t));
  const cancelled = words.cancelled.split(';')[0]!.replace(/\.$/, '');
  if (missing.length || extra.length) {
    throw new AppError(
      'MIGRATE_SCHEMA_MISMATCH',
      `Struktur basis data berbeda: ${missing.length ? `tabel ${missing.join(', ')} tidak ada di ${words.target}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `tabel ${extra.join(', ')} tidak ada di ${words.source}` : ''}. ${cancelled}.`,
    );
  }
  const edges = await foreignKeysTo(target, there);
  const plans: TablePlan[] = [];
  for (const name of foreignKeyOrder(tables, edges)) {
    const [here, columnsThere] = [await tableColumns(source, name), await tableColumns(target, name)];
    const names = here.map((c) => c.name).sort();
    const targetNames = columnsThere.map((c) => c.name).sort();
    if (names.join(',') !== targetNames.join(',')) {
      throw new AppError('MIGRATE_SCHEMA_MISMATCH', `Kolom tabel ${name} berbeda antara ${words.source} dan ${words.target} (${names.join(', ')} / ${targetNames.join(', ')}). ${cancelled}.`);
    }
    const pk = columnsThere.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const key = pk.length ? pk : columnsThere;
    plans.push({
      name,
      columns: names,
      key: key.map((c) => c.name),
      textKeys: key.filter((c) => c.text).map((c) => c.name),
      selfRefs: edges.filter((e) => e.table === name && e.target === name).map((e) => e.column),
      bytes: columnsThere.some((c) => c.bytes),
      refersTo: [...new Set(edges.filter((e) => e.table === name && e.target !== name).map((e) => e.target))],
    });
  }
  return plans;
}

/** Row count and checksum of a table, read in key order: what the copy is verified by, on either engine. */
export async function tableChecksum(db: AnyDb, plan: TablePlan, batch: number): Promise<TableCopy> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of rowsInKeyOrder(db, plan, batch)) {
    for (const r of page) hash.update(canonicalLine(plan, r));
    rows += page.length;
  }
  return { name: plan.name, rows, checksum: hash.digest('hex') };
}

async function rowCounts(db: AnyDb, tables: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts.set(t, Number(rows[0]?.n ?? 0));
  }
  return counts;
}

/**
 * Row counts of a brand-new database of this version: the migrations' OPD and programme lists and the region
 * reference are there in every one, so rows up to these counts are not office data.
 */
export async function newDatabaseCounts(loadReference: (db: Db) => Promise<void>): Promise<Map<string, number>> {
  const fresh = await openDatabase(':memory:');
  try {
    await loadReference(fresh);
    return await rowCounts(fresh, await userTables(fresh));
  } finally {
    await fresh.destroy();
  }
}

/** The tables of `target` holding more rows than a new database has: office data a copy would overwrite. */
export async function officeDataTables(target: AnyDb, fresh: Map<string, number>): Promise<string[]> {
  const tables = await userTables(target);
  const there = await rowCounts(target, tables);
  return tables.filter((t) => (there.get(t) ?? 0) > (fresh.get(t) ?? 0));
}

/** SQLite's variable limit (32766) over a table's columns: the rows one INSERT may carry. */
const SQLITE_VARIABLES = 32_000;

/** Writes rows (values in `plan.columns` order) into the target's transaction. */
async function insertRows(trx: AnyDb, plan: TablePlan, values: unknown[][]): Promise<void> {
  if (isPostgres(trx) && !plan.bytes) {
    await trx.executeQuery(CompiledQuery.raw(pgJsonRowsInsert(plan.name, plan.columns, false), [JSON.stringify(values)]));
    return;
  }
  // Bytes go as parameters of their own (a few rows a batch): in one JSON text they would be parsed twice over.
  const per = plan.bytes ? 1 : Math.max(1, Math.floor(SQLITE_VARIABLES / plan.columns.length));
  for (let i = 0; i < values.length; i += per) {
    const rows = values.slice(i, i + per).map((r) => sql`(${sql.join(r)})`);
    await sql`insert into ${sql.table(plan.name)} (${sql.join(plan.columns.map(q))}) values ${sql.join(rows)}`.execute(trx);
  }
}

/**
 * Copies one table's rows into the target, returning the source's checksum computed on the rows sent. On
 * PostgreSQL a row may name a row of its own table that comes later in key order: those columns are set once
 * every row is there (SQLite defers its foreign-key checks to the commit instead, see `replaceAllRows`).
 */
async function copyTable(source: AnyDb, trx: AnyDb, plan: TablePlan, batch: number, onRows: (rows: number) => void): Promise<TableCopy> {
  const hash = createHash('sha256');
  const deferSelfRefs = isPostgres(trx) ? plan.selfRefs : [];
  const later: unknown[][] = [];
  let rows = 0;
  for await (const page of rowsInKeyOrder(source, plan, batch)) {
    const values = page.map((r) => {
      hash.update(canonicalLine(plan, r));
      if (deferSelfRefs.some((c) => r[c] != null)) later.push([...plan.key.map((k) => r[k]), ...deferSelfRefs.map((c) => r[c])]);
      return plan.columns.map((c) => (deferSelfRefs.includes(c) ? null : r[c]));
    });
    await insertRows(trx, plan, values);
    rows += page.length;
    onRows(rows);
  }
  for (let i = 0; i < later.length; i += batch) {
    const chunk = JSON.stringify(later.slice(i, i + batch));
    const match = sql.join(plan.key.map((k, j) => sql`${sql.ref(`t.${k}`)}::text = v.value ->> ${j}`), sql` and `);
    const set = sql.join(deferSelfRefs.map((c, j) => sql`${q(c)} = (v.value ->> ${plan.key.length + j})::bigint`));
    await sql`update ${sql.table(plan.name)} as t set ${set} from json_array_elements(${chunk}::json) as v where ${match}`.execute(trx);
  }
  return { name: plan.name, rows, checksum: hash.digest('hex') };
}

/**
 * The rows are copied as they are: triggers that derive rows (a name's words, a member's kecamatan) would write
 * them a second time. PostgreSQL turns them off for the transaction's tables; SQLite has no such switch, so its
 * triggers are dropped and created again from their own SQL, inside the same transaction.
 */
async function withoutTriggers<T>(trx: AnyDb, plans: readonly TablePlan[], work: () => Promise<T>): Promise<T> {
  if (isPostgres(trx)) {
    for (const p of plans) await sql`alter table ${sql.table(p.name)} disable trigger user`.execute(trx);
    const result = await work();
    for (const p of plans) await sql`alter table ${sql.table(p.name)} enable trigger user`.execute(trx);
    return result;
  }
  const { rows: triggers } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and sql is not null`.execute(trx);
  for (const t of triggers) await sql`drop trigger ${q(t.name)}`.execute(trx);
  // Foreign keys are still checked, at the commit: a family merged into a later one is written before it.
  await sql`pragma defer_foreign_keys = on`.execute(trx);
  const result = await work();
  for (const t of triggers) await sql.raw(t.sql).execute(trx);
  return result;
}

/**
 * The tables whose rows are already the same on both sides, left as they are instead of deleted and written again.
 * The region reference (91,599 rows, loaded from the same resources into every database) is the one that matters:
 * deleting and writing it again was most of a restore's time on the server. Both sides are read only where their
 * row counts agree, and a table is kept only when every table it refers to is kept too, so no delete beneath it
 * can cascade into it. Kept tables are still read back and compared after the copy, as every table is.
 */
async function unchangedTables(source: AnyDb, target: AnyDb, plans: readonly TablePlan[], batch: number): Promise<Map<string, TableCopy>> {
  const names = plans.map((p) => p.name);
  const [here, there] = [await rowCounts(source, names), await rowCounts(target, names)];
  const kept = new Map<string, TableCopy>();
  // In foreign-key order: the tables a table refers to were decided before it.
  for (const plan of plans) {
    if (here.get(plan.name) !== there.get(plan.name) || !plan.refersTo.every((t) => kept.has(t))) continue;
    const sent = await tableChecksum(source, plan, batch);
    const found = await tableChecksum(target, plan, batch);
    if (sent.checksum === found.checksum && sent.rows === found.rows) kept.set(plan.name, sent);
  }
  return kept;
}

export interface ReplaceOptions {
  /** Rows read and written per statement. */
  batch: number;
  words: CopyWords;
  /** Error codes: the copy of a table failed; a table read back differs. */
  codes: { failed: string; mismatch: string };
  onProgress?(progress: CopyProgress): void;
  /** Tests only: runs on the target's transaction after the copy, before the comparison. */
  beforeVerify?(trx: AnyDb): Promise<void>;
}

/**
 * Inside the caller's transaction on the target: deletes every row of the plan's tables (but those already the same
 * on both sides, see `unchangedTables`), copies the source's rows in, lets the target's row ids continue past the copied ones, then reads every table back and compares it
 * with what was sent. Any difference throws, so the caller's transaction rolls back and the target is untouched.
 */
export async function replaceAllRows(source: AnyDb, trx: AnyDb, plans: readonly TablePlan[], options: ReplaceOptions): Promise<TableCopy[]> {
  const { batch, words, codes, onProgress } = options;
  const kept = await unchangedTables(source, trx, plans, batch);
  const copied = await withoutTriggers(trx, plans, async () => {
    for (const p of [...plans].reverse()) if (!kept.has(p.name)) await sql`delete from ${sql.table(p.name)}`.execute(trx);
    const out: TableCopy[] = [];
    for (const [index, plan] of plans.entries()) {
      const same = kept.get(plan.name);
      if (same) {
        out.push(same);
        onProgress?.({ step: 'copy', table: plan.name, rows: same.rows, index, total: plans.length });
        continue;
      }
      try {
        out.push(await copyTable(source, trx, plan, batch, (rows) => onProgress?.({ step: 'copy', table: plan.name, rows, index, total: plans.length })));
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError(codes.failed, `Tabel ${plan.name} tidak dapat disalin: ${(error as Error).message}. ${words.cancelled}`);
      }
    }
    return out;
  });
  for (const { table, column } of await identityColumns(trx)) {
    if (column === 'id') await continueRowIds(trx, table);
  }
  await options.beforeVerify?.(trx);
  for (const [index, plan] of plans.entries()) {
    const there = await tableChecksum(trx, plan, batch);
    const here = copied[index]!;
    onProgress?.({ step: 'verify', table: plan.name, rows: there.rows, checksum: there.checksum, index, total: plans.length });
    if (there.rows !== here.rows || there.checksum !== here.checksum) {
      throw new AppError(
        codes.mismatch,
        `Pemeriksaan tabel ${plan.name} gagal: ${there.rows !== here.rows ? `${here.rows} baris di ${words.source}, ${there.rows} di ${words.target}` : `isi baris di ${words.target} berbeda dari ${words.source} (checksum tidak sama)`}. ${words.cancelled}`,
        { table: plan.name, source: here, target: there },
      );
    }
  }
  return copied;
}

/** Nobody else may write meanwhile (PostgreSQL; a SQLite transaction that writes holds the file's only lock). */
export async function lockTables(trx: AnyDb, plans: readonly TablePlan[]): Promise<void> {
  if (!isPostgres(trx)) return;
  for (const p of plans) await sql`lock table ${sql.table(p.name)} in exclusive mode`.execute(trx);
}
