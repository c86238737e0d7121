/**
 * Moving a one-PC office onto the office server (issue 18): every row of the SQLite file is copied into a
 * PostgreSQL database brought to the same schema, in one transaction, then read back and compared table by
 * table (row count and a checksum over the rows in key order). Anything that does not match rolls the whole copy
 * back. The table list, their order and their columns come from the schema itself, so a table added by a later
 * migration is copied without this file changing.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { AppError } from '../api/errors';
import { recordAudit, type AuditActor } from '../audit/record';
import { openDatabase, schemaVersion, type Db } from './database';
import { continueRowIds, describeTarget, foreignKeysTo, isPostgres, isPostgresTarget, pgJsonRowsInsert, userTables } from './dialect';
import { byteOrder, identityColumns, tableColumns } from './schemaInfo';

export interface TableCopy {
  name: string;
  rows: number;
  /** SHA-256 (hex) of the table's canonical rows in primary-key order, the same on both engines. */
  checksum: string;
}

export type MigrateProgress =
  | { step: 'open'; message: string }
  | { step: 'copy'; table: string; rows: number; index: number; total: number }
  | { step: 'verify'; table: string; rows: number; checksum: string; index: number; total: number };

export interface MigrateOptions {
  /** The office's SQLite file. */
  from: string;
  /** postgres://user:password@host:port/database */
  to: string;
  /** Who moves the office, for the audit entry written on the server. */
  actor: AuditActor;
  /**
   * Fills a freshly migrated database with what the app itself writes into every new database besides the
   * migrations (the region reference): what a table holds then is not office data (see `officeDataTables`).
   */
  loadReference(db: Db): Promise<void>;
  onProgress?(progress: MigrateProgress): void;
  /** Rows read and written per statement. */
  batchRows?: number;
  now?: Date;
  /** Tests only: runs on the server's transaction after the copy, before the comparison. */
  beforeVerify?(trx: Db): Promise<void>;
}

export interface MigrateResult {
  tables: TableCopy[];
  /** Schema version both databases are at. */
  schemaVersion: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

const q = (name: string) => sql.id(name);

/** The URL's password, replaced wherever it would appear in a message. */
function hidePassword(text: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return text;
  }
  return password ? text.split(password).join('***') : text;
}

/**
 * One value as both engines give it back for the same stored value: numbers as JSON numbers (an integer kept
 * in a REAL column reads 5 on both), text as text, bytes tagged as such, so 1, '1' and a BLOB never collide.
 */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (value instanceof Date) return { date: value.toISOString() };
  return value;
}

/**
 * A table's rows, a batch at a time, in primary-key order (keyset paging, the same SQL on both engines; text keys
 * in byte order on both, so the checksums of the two sides are taken over the rows in the same order).
 */
async function* rowsInKeyOrder(db: AnyDb, plan: TablePlan, batch: number): AsyncGenerator<Row[]> {
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

interface TablePlan {
  name: string;
  /** Column names, sorted: the canonical row's order. */
  columns: string[];
  /** Primary key columns in key order (every column when a table has none). */
  key: string[];
  /** The key columns holding text (read in byte order). */
  textKeys: string[];
  /** Columns referring to the same table (a merged family names the one it went into): filled in a second pass. */
  selfRefs: string[];
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

/** What must be copied, in which order, read from the schema of both databases (which must agree). */
export async function copyPlan(source: AnyDb, target: AnyDb): Promise<TablePlan[]> {
  const tables = await userTables(source);
  const onServer = await userTables(target);
  const missing = tables.filter((t) => !onServer.includes(t));
  const extra = onServer.filter((t) => !tables.includes(t));
  if (missing.length || extra.length) {
    throw new AppError(
      'MIGRATE_SCHEMA_MISMATCH',
      `Struktur basis data berbeda: ${missing.length ? `tabel ${missing.join(', ')} tidak ada di server` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `tabel ${extra.join(', ')} tidak ada di berkas` : ''}. Pemindahan dibatalkan.`,
    );
  }
  const edges = await foreignKeysTo(target, onServer);
  const plans: TablePlan[] = [];
  for (const name of foreignKeyOrder(tables, edges)) {
    const [here, there] = [await tableColumns(source, name), await tableColumns(target, name)];
    const names = here.map((c) => c.name).sort();
    const serverNames = there.map((c) => c.name).sort();
    if (names.join(',') !== serverNames.join(',')) {
      throw new AppError('MIGRATE_SCHEMA_MISMATCH', `Kolom tabel ${name} berbeda antara berkas dan server (${names.join(', ')} / ${serverNames.join(', ')}). Pemindahan dibatalkan.`);
    }
    const pk = there.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const key = pk.length ? pk : there;
    plans.push({
      name,
      columns: names,
      key: key.map((c) => c.name),
      textKeys: key.filter((c) => c.text).map((c) => c.name),
      selfRefs: edges.filter((e) => e.table === name && e.target === name).map((e) => e.column),
    });
  }
  return plans;
}

/** Row count and checksum of a table, read in key order: what the copy is verified by, on either engine. */
export async function tableChecksum(db: AnyDb, plan: TablePlan, batch: number): Promise<TableCopy> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of rowsInKeyOrder(db, plan, batch)) {
    for (const r of page) hash.update(`${JSON.stringify(plan.columns.map((c) => canonical(r[c])))}\n`);
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

/** Copies one table's rows into the server, returning the source's checksum computed on the rows sent. */
async function copyTable(source: AnyDb, trx: AnyDb, plan: TablePlan, batch: number, onRows: (rows: number) => void): Promise<TableCopy> {
  const hash = createHash('sha256');
  const insert = pgJsonRowsInsert(plan.name, plan.columns, false);
  const later: unknown[][] = [];
  let rows = 0;
  for await (const page of rowsInKeyOrder(source, plan, batch)) {
    const values = page.map((r) => {
      hash.update(`${JSON.stringify(plan.columns.map((c) => canonical(r[c])))}\n`);
      if (plan.selfRefs.some((c) => r[c] != null)) later.push([...plan.key.map((k) => r[k]), ...plan.selfRefs.map((c) => r[c])]);
      return plan.columns.map((c) => (plan.selfRefs.includes(c) ? null : r[c]));
    });
    await trx.executeQuery(CompiledQuery.raw(insert, [JSON.stringify(values)]));
    rows += page.length;
    onRows(rows);
  }
  // A row may name a row of its own table that comes later in key order: set once every row is there.
  for (let i = 0; i < later.length; i += batch) {
    const chunk = JSON.stringify(later.slice(i, i + batch));
    const match = sql.join(plan.key.map((k, j) => sql`${sql.ref(`t.${k}`)}::text = v.value ->> ${j}`), sql` and `);
    const set = sql.join(plan.selfRefs.map((c, j) => sql`${q(c)} = (v.value ->> ${plan.key.length + j})::bigint`));
    await sql`update ${sql.table(plan.name)} as t set ${set} from json_array_elements(${chunk}::json) as v where ${match}`.execute(trx);
  }
  return { name: plan.name, rows, checksum: hash.digest('hex') };
}

/**
 * Copies the office in `from` (SQLite) into the server database `to`, verified table by table. Refuses a
 * server that already holds office data, a file that is not the app's or comes from a newer version, and any
 * difference found after the copy (nothing is kept then).
 */
export async function migrateToServer(options: MigrateOptions): Promise<MigrateResult> {
  const { to, from } = options;
  try {
    return await migrate(options);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, hidePassword(error.message, to), error.details);
    throw new AppError('INTERNAL', `Pemindahan dari ${from} ke ${describeTarget(to)} gagal: ${hidePassword((error as Error).message, to)}. Basis data server tidak diubah.`);
  }
}

async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const { from, to, onProgress } = options;
  const batch = options.batchRows ?? 2000;
  if (!isPostgresTarget(to)) throw new AppError('INVALID_INPUT', 'Tujuan harus alamat server kantor: postgres://pengguna@host:5432/basisdata (kata sandi di PGPASSWORD)');
  if (isPostgresTarget(from) || !existsSync(from)) throw new AppError('NOT_FOUND', `Berkas basis data ${from} tidak ditemukan.`);

  // The file is only read; one of an older version is first brought up to date, as the app does when it opens it.
  let source = await openDatabase(from, { readonly: true });
  const version = await schemaVersion(source);
  if (version.version < version.latest) {
    await source.destroy();
    onProgress?.({ step: 'open', message: `Berkas ${from} diperbarui ke versi skema ${version.latest} (seperti saat dibuka aplikasi).` });
    source = await openDatabase(from);
  }
  let target: Db | null = null;
  try {
    // First opened as it is (the schema guard refuses a newer version's database) and checked for office data:
    // a live office server must be refused before anything of it changes, or PCs still on its version would
    // find it DB_TOO_NEW. Only an empty (or brand-new) database is then brought to this version's schema.
    target = await openDatabase(to, { migrate: false });
    if (!isPostgres(target)) throw new AppError('INVALID_INPUT', 'Tujuan harus server PostgreSQL.');
    const fresh = await newDatabaseCounts(options.loadReference);
    const before = await officeDataTables(target, fresh);
    if (before.length) throw notEmpty(before);
    await target.destroy();
    target = null;
    onProgress?.({ step: 'open', message: `Menyiapkan struktur basis data di ${describeTarget(to)}…` });
    target = await openDatabase(to);
    const plans = await copyPlan(source, target);
    const full = await officeDataTables(target, fresh);
    if (full.length) throw notEmpty(full);
    const at = options.now ?? new Date();
    const server = target;
    // One read transaction on the file: the copy is one moment of it, even if the app is writing meanwhile.
    const tables = await source.transaction().execute((src) => server.transaction().execute(async (trx) => {
      // Nobody else may write meanwhile; and a second migration started at the same moment waits, then refuses.
      for (const p of plans) await sql`lock table ${sql.table(p.name)} in exclusive mode`.execute(trx);
      const fullNow = await officeDataTables(trx, fresh);
      if (fullNow.length) throw notEmpty(fullNow);
      // The rows are copied as they are: triggers that derive rows (a name's words, a member's kecamatan) would
      // write them a second time. Foreign keys stay checked.
      for (const p of plans) await sql`alter table ${sql.table(p.name)} disable trigger user`.execute(trx);
      for (const p of [...plans].reverse()) await sql`delete from ${sql.table(p.name)}`.execute(trx);
      const copied: TableCopy[] = [];
      for (const [index, plan] of plans.entries()) {
        try {
          copied.push(await copyTable(src, trx, plan, batch, (rows) => onProgress?.({ step: 'copy', table: plan.name, rows, index, total: plans.length })));
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError('MIGRATE_FAILED', `Tabel ${plan.name} tidak dapat disalin: ${(error as Error).message}. Pemindahan dibatalkan; basis data server tidak diubah.`);
        }
      }
      for (const p of plans) await sql`alter table ${sql.table(p.name)} enable trigger user`.execute(trx);
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
            'MIGRATE_MISMATCH',
            `Pemeriksaan tabel ${plan.name} gagal: ${there.rows !== here.rows ? `${here.rows} baris di berkas, ${there.rows} di server` : 'isi baris di server berbeda dari berkas (checksum tidak sama)'}. Pemindahan dibatalkan; basis data server tidak diubah.`,
            { table: plan.name, source: here, server: there },
          );
        }
      }
      const rows = copied.reduce((n, t) => n + t.rows, 0);
      await recordAudit(
        trx,
        options.actor,
        { action: 'migrate', entity: 'database', after: { from, tables: copied.length, rows }, note: 'Kantor dipindahkan dari SQLite ke server kantor (baris perintah)' },
        at,
      );
      return copied;
    }));
    return { tables, schemaVersion: version.latest };
  } finally {
    await target?.destroy();
    await source.destroy();
  }
}

function notEmpty(tables: readonly string[]): AppError {
  return new AppError('SERVER_NOT_EMPTY', `Basis data server sudah berisi data (tabel ${tables.join(', ')}); pemindahan dibatalkan agar tidak menimpa.`, { tables });
}
