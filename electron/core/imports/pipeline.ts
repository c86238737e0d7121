/**
 * The import pipeline shared by the app (preview and commit jobs) and the command line: read the sheet
 * (streamed), check every row, decide its outcome against the file so far and the registry, and — when
 * committing — write families, members and programmes in multi-row statements inside ONE transaction,
 * recording what each update replaced so the batch can be undone.
 *
 * Every data row ends as exactly one outcome; rows that are not data (title, header, number row, footer)
 * are counted by the reading layer as skipped, never as outcomes.
 */
import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import { PREVIEW_ROW_LIMIT, PREVIEW_SAMPLE_LIMIT, type DuplicateMode, type ImportCounts, type ImportPreviewSample, type ImportReport, type PreviewRow, type RegionValueMapping } from '../../../shared/api/imports';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import { officeDay } from '../officeToday';
import { loadOfficeAliases, type OfficeAliases, type RegionIndex, rememberRegionMappings } from '../regions';
import { scopeOf, type Scope } from '../api/scope';
import { checkRow, type CheckedRow, type FamilyData } from './checkRow';
import { decideRow, familyKey, MEMBER_FIELDS, type Decision, type EmptiedCells, type ExistingMember, type FamilyPlan, type FileFamily } from './decideRow';
import { FileFamilies, familyKeys, lookupFamilies, settledFamily } from './familyLookup';
import { IdTable } from './idTable';
import { p3keColumns } from './p3ke';
import { mergeFamilyInto } from '../registry';
import { headerKey } from './read/fields';
import { ImportReadError, sourceInfo } from './read';
import type { CellValue, OpenSourceOptions, Source, SourceColumn, SourceInfo } from './read/types';
import { checkKey, CheckedRowsWriter, keepBudget, openCheckedRows, type CheckedItem, type CheckedRowsFeed } from './checkedRows';
import { openImportSource } from './threadedSource';
import { BulkIndexes } from './bulkIndexes';
import { inJsonArray, isPostgres, RowIds } from '../db/dialect';
import { InsertBuffer, runInsert, type PreparedInsert } from './bulkInsert';
import { assertRememberable, RegionResolver } from './regionResolver';
import { RejectedSpool } from './spool';
import { UsulanRows } from './usulanRows';

export interface ImportOptions {
  db: Kysely<Database>;
  regions: RegionIndex;
  officeKabKota: string | null;
  session: SessionInfo | null;
  path: string;
  fileName: string;
  sha256: string;
  sheet?: string | undefined;
  mapping?: Record<string, string> | undefined;
  /** The value-mapping step: unmatched region names → regions (those marked remember become office aliases). */
  regionMapping?: RegionValueMapping[] | undefined;
  duplicateMode: DuplicateMode;
  commit: boolean;
  saveMappingAs?: string | undefined;
  now: Date;
  onProgress?: (done: number, total: number | null, label: string) => void;
  /**
   * The first ≤ PREVIEW_SAMPLE_LIMIT decided rows (any outcome) and the counts so far, while the rows are
   * checked: once the sample is full and again with every progress report.
   */
  onSample?: (sample: ImportPreviewSample) => void;
  throwIfCancelled?: () => void;
  /** Where the rejected rows are spooled while the import runs (default: the system's temp folder). */
  workDir?: string | undefined;
  /**
   * An operator workbook (workbooks feature) is for one desa: its rows may name, change and add only that desa's
   * families — the row checks and decisions run with that desa as the work area (within the caller's, checked
   * by the caller).
   */
  onlyDesa?: string | undefined;
  /** List every row in `rows` (not only those needing attention): the workbook shows each family's rows. */
  listEveryRow?: boolean | undefined;
  /** An operator workbook's rows as issued: emptied cells clear the stored values (decideRow.ts). */
  emptied?: EmptiedCells | undefined;
  /** Test hook: throw after this many data rows, to prove a failure leaves the registry unchanged. */
  failAfterRows?: number;
  /** Files of at least this many bytes are read in a thread of their own (default READER_THREAD_MIN_BYTES). */
  readerThreadFromBytes?: number;
  /**
   * Where a preview keeps its checked rows, and a commit with the same file and options takes them from instead
   * of reading and checking the sheet again (checkedRows.ts); beside the staged file.
   */
  checkedRows?: string | undefined;
}

export type { RejectedRow } from './spool';

/**
 * What the pipeline returns; the contract's ImportReport is this plus what the handler adds (staging, file).
 * `rows` holds at most PREVIEW_ROW_LIMIT rows needing attention (`rowsTruncated` when there were more); every
 * rejected row is in `rejected`, a spool on disk the caller reads and then disposes of.
 */
export interface ImportResult extends Omit<ImportReport, 'stagingId' | 'columns' | 'rejectedFile' | 'committed'> {
  columns: SourceColumn[];
  rejected: RejectedSpool;
}

const CHUNK = 800;
const YIELD_EVERY = 100;
/** Rows decided between two looks at the cancel flag (a cancel must stop any import within a second). */
const CANCEL_EVERY = 200;
/** Chunks whose writes may still be queued while later rows are checked. */
const WRITE_AHEAD = 4;
/** SQLite page cache during a commit (negative = KiB): 16 MB; 64 MB was no faster and cost ~40 MB more. */
const IMPORT_CACHE_KIB = -16384;

/** The key a sheet layout is saved under: its header texts in order. */
export function layoutKey(columns: readonly { header: string }[]): string {
  return layoutKeyOf(columns.map((c) => c.header));
}

export function layoutKeyOf(headers: readonly string[]): string {
  return headers
    .filter((h) => h.trim() !== '')
    .map((h) => headerKey(h))
    .join('|')
    .slice(0, 2000);
}

/** The person's columns the import compares, read from anggota (id_dtks is also a family column). */
const MEMBER_COLUMNS = MEMBER_FIELDS.map((f) => `anggota.${f}` as const);

async function savedMappingFor(db: Kysely<Database>, headers: readonly string[]) {
  return db.selectFrom('import_mapping').select(['nama', 'mapping_json']).where('header_key', '=', layoutKeyOf(headers)).executeTakeFirst();
}

/**
 * Opens the sheet; without an explicit mapping, a mapping saved for the same layout is applied — also when
 * the headers alone are not recognisable (that is what the operator saved it for).
 */
async function openWithMapping(opts: ImportOptions): Promise<{ source: Source; savedMapping: string | null }> {
  // The reader looks at the cancel flag between pieces of every part it reads (a huge cell included).
  const base = { ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.throwIfCancelled ? { throwIfCancelled: opts.throwIfCancelled } : {}) };
  const open = (o: OpenSourceOptions) => openImportSource(opts.path, o, opts.readerThreadFromBytes);
  if (opts.mapping) {
    return { source: await open({ ...base, mappingOverride: opts.mapping }), savedMapping: null };
  }
  let source: Source;
  try {
    source = await open(base);
  } catch (error) {
    if (!(error instanceof ImportReadError) || error.code !== 'NO_HEADER') throw error;
    for (const seen of error.headersSeen) {
      const saved = await savedMappingFor(opts.db, seen.headers);
      if (saved) {
        const mappingOverride = JSON.parse(saved.mapping_json) as Record<string, string>;
        return { source: await open({ ...base, sheet: seen.sheet, mappingOverride }), savedMapping: saved.nama };
      }
    }
    throw error;
  }
  let saved: Awaited<ReturnType<typeof savedMappingFor>>;
  try {
    saved = await savedMappingFor(opts.db, source.columns.map((c) => c.header));
  } catch (error) {
    // A large file is read by a thread of its own (threadedSource.ts): it must not outlive a failed open.
    await source.close();
    throw error;
  }
  if (!saved) return { source, savedMapping: null };
  await source.close();
  const mappingOverride = JSON.parse(saved.mapping_json) as Record<string, string>;
  return { source: await open({ ...base, mappingOverride }), savedMapping: saved.nama };
}

/** A chunk's writes, in the order they run (families before the members that refer to them). */
interface ChunkWrites {
  newFamilies: PreparedInsert | null;
  updates: { table: 'keluarga' | 'anggota'; id: number; set: Record<string, unknown> }[];
  newMembers: PreparedInsert | null;
  programRows: PreparedInsert | null;
  changes: PreparedInsert | null;
}

/** What a pass reads: the sheet, whose rows it checks (and hands to `keep` for the commit), or a preview's checked rows. */
type PassInput =
  | { kind: 'sheet'; info: SourceInfo; source: Source; keep: CheckedRowsWriter | null }
  | { kind: 'checked'; info: SourceInfo; feed: CheckedRowsFeed };

/** Where the rows are checked and decided for: an operator workbook's one desa, else the caller's wilayah. */
function workArea(opts: ImportOptions): { wilayah: readonly string[]; scope: Scope } {
  if (opts.onlyDesa) return { wilayah: [opts.onlyDesa], scope: { all: false, kecamatan: [], desa: [opts.onlyDesa] } };
  return { wilayah: opts.session?.wilayah ?? [], scope: scopeOf(opts.session) };
}

/** What the checks read from the office, once per import: its date, and the region names it remembered. */
interface OfficeFacts {
  day: Awaited<ReturnType<typeof officeDay>>;
  aliases: OfficeAliases;
}

/**
 * `record` with one more field, copied key by key: `{ ...record, key: value }` gets its extra field the slow way
 * (about 2-3 µs an object against 0.4 µs in a micro-benchmark), and an import of changed people does it three
 * times a row.
 */
function plus(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in record) out[k] = record[k];
  out[key] = value;
  return out;
}

/** Two rows of the same P3KE family (one without No KK, named by its ID Keluarga P3KE). */
function sameP3keFamily(a: CheckedRow | undefined, b: CheckedRow): boolean {
  return !!a?.family && !!b.family && a.family.no_kk === null && a.family.id_p3ke !== null && a.family.id_p3ke === b.family.id_p3ke;
}

/** A family merge during an import is recorded like the import's own updates, so undoing the batch reverts it. */
function recordMergeChange(db: Kysely<Database>, batchId: number) {
  return async (entity: 'keluarga' | 'anggota', id: number, before: Record<string, unknown>) => {
    await db.insertInto('import_change').values({ batch_id: batchId, entity, entity_id: id, action: 'update', before_json: JSON.stringify(before) }).execute();
  };
}

async function registrySize(db: Kysely<Database>): Promise<{ people: number; familiesHeld: number }> {
  const { rows } = await sql<{ people: number; families: number }>`
    select (select count(*) from anggota) as people, (select count(*) from keluarga) as families`.execute(db);
  return { people: Number(rows[0]?.people ?? 0), familiesHeld: Number(rows[0]?.families ?? 0) };
}


/** A decided row as the preview shows it (a concealed row's name and desa stay hidden). */
function previewRow(c: CheckedRow, d: Decision): PreviewRow {
  return {
    row: c.row,
    outcome: d.outcome,
    nik: c.nikText,
    nama: d.concealed ? null : c.nama,
    noKk: c.noKkText,
    desa: d.concealed ? null : c.desaText,
    reasons: d.reasons,
    warnings: d.warnings,
    ...(d.duplicateOfRow !== undefined ? { duplicateOfRow: d.duplicateOfRow } : {}),
    ...(d.changes && d.changes.length > 0 ? { changes: d.changes } : {}),
  };
}

/** The key of this pass's checks, under which a preview keeps its checked rows and a commit looks for them. */
async function checkedRowsKey(opts: ImportOptions, { day, aliases }: OfficeFacts): Promise<string> {
  const { wilayah, scope } = workArea(opts);
  return checkKey(opts.db, {
    sha256: opts.sha256,
    sheet: opts.sheet,
    mapping: opts.mapping,
    regionMapping: opts.regionMapping?.length ? opts.regionMapping : undefined,
    officeKabKota: opts.officeKabKota,
    wilayah,
    scope,
    onlyDesa: opts.onlyDesa,
    todayIso: day.todayIso,
  }, aliases);
}

export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const started = Date.now();
  // The office's date (WIB/WITA/WIT), not UTC's or the PC's: at 23:30 UTC it is already tomorrow in Sampit.
  const facts: OfficeFacts = { day: await officeDay(opts.db, opts.now), aliases: await loadOfficeAliases(opts.db) };
  const key = opts.checkedRows ? await checkedRowsKey(opts, facts) : null;
  const feed = opts.commit && opts.checkedRows && key ? openCheckedRows(opts.checkedRows, key) : null;
  const opened = feed ? null : await openWithMapping(opts);
  const source = opened?.source ?? null;
  const savedMapping = feed ? feed.info.savedMapping : (opened?.savedMapping ?? null);
  const keepIn = !opts.commit && opts.checkedRows && key ? opts.checkedRows : null;
  const keep = source && keepIn ? new CheckedRowsWriter(keepIn, key!, { ...sourceInfo(source), savedMapping }, keepBudget(opts.path, keepIn)) : null;
  const input: PassInput = feed ? { kind: 'checked', info: feed.info, feed } : { kind: 'sheet', info: source!, source: source!, keep };
  const info = input.info;
  let spool: RejectedSpool | null = null;
  try {
    const rejected = new RejectedSpool(opts.workDir);
    spool = rejected;
    if (!opts.commit) {
      const result = await pass(opts.db, { opts, input, savedMapping, started, batchId: null, rejected, facts });
      keep?.finish(source!.skipped(), source!.progress().lastRow, result.regionValues);
      return result;
    }
    assertRememberable(opts.regionMapping, opts.regions, opts.officeKabKota, opts.session?.wilayah ?? []);
    return await withImportCache(opts.db, () => opts.db.transaction().execute(async (trx) => {
      const nowIso = opts.now.toISOString();
      const batch = await trx
        .insertInto('import_batch')
        .values({
          file_name: opts.fileName,
          sha256: opts.sha256,
          sheet: info.sheet,
          preset: info.preset.id,
          user_id: opts.session?.userId ?? null,
          username: opts.session?.username ?? null,
          started_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const result = await pass(trx, { opts, input, savedMapping, started, batchId: batch.id, rejected, facts });
      if (opts.regionMapping) await rememberRegionMappings(trx, opts.regions, opts.regionMapping, opts.session, opts.now);
      const c = result.counts;
      await trx
        .updateTable('import_batch')
        .set({
          finished_at: nowIso,
          data_rows: c.dataRows,
          imported: c.imported,
          updated: c.updated,
          duplicates: c.duplicateInFile + c.duplicateRegistry,
          rejected: c.rejected,
          summary_json: JSON.stringify({ counts: c, preset: info.preset, duplicateMode: opts.duplicateMode }),
        })
        .where('id', '=', batch.id)
        .execute();
      if (opts.saveMappingAs) {
        const mapping: Record<string, string> = {};
        for (const col of info.columns) if (col.header.trim() !== '') mapping[col.header] = col.field ?? '';
        await trx
          .insertInto('import_mapping')
          .values({ nama: opts.saveMappingAs, header_key: layoutKey(info.columns), mapping_json: JSON.stringify(mapping), updated_at: nowIso })
          .onConflict((oc) => oc.column('header_key').doUpdateSet({ nama: opts.saveMappingAs!, mapping_json: JSON.stringify(mapping), updated_at: nowIso }))
          .execute();
      }
      await recordAudit(
        trx,
        opts.session,
        {
          action: 'import',
          entity: 'import_batch',
          entityId: batch.id,
          after: { fileName: opts.fileName, sha256: opts.sha256, sheet: info.sheet, preset: info.preset.id, counts: c, ...(feed ? { fromPreview: true } : {}) },
        },
        opts.now,
      );
      return result;
    }));
  } catch (error) {
    keep?.abort();
    spool?.dispose();
    throw error;
  } finally {
    await source?.close();
    feed?.close();
  }
}

/**
 * SQLite's default page cache (2 MB) is far smaller than the indexes a large import inserts into at random
 * places (nik, nama_key, kec_kode), so pages were spilled to the WAL and read back over and over. A bigger
 * cache for the commit only; the connection gets its usual size back afterwards.
 */
async function withImportCache<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work(); // the server's own memory settings apply
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  const usual = Number(rows[0]?.cache_size ?? -2000);
  await sql.raw(`pragma cache_size = ${IMPORT_CACHE_KIB}`).execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma cache_size = ${usual}`).execute(db);
  }
}

/** What one pass over the rows works with, beside the database (or transaction) it reads and writes. */
interface PassRun {
  opts: ImportOptions;
  input: PassInput;
  savedMapping: string | null;
  /** Date.now() at the import's start, for the report's duration. */
  started: number;
  /** The commit's import_batch row; null for a preview, which writes nothing. */
  batchId: number | null;
  rejected: RejectedSpool;
  facts: OfficeFacts;
}

async function pass(db: Kysely<Database>, run: PassRun): Promise<ImportResult> {
  const { opts, input, savedMapping, started, batchId, rejected, facts: { day, aliases } } = run;
  const writing = batchId !== null;
  const nowIso = opts.now.toISOString();
  const resolver = new RegionResolver(opts.regions, opts.officeKabKota, { mapping: opts.regionMapping, aliases });
  const { wilayah, scope } = workArea(opts);
  const checkCtx = { resolver, officeKabKota: opts.officeKabKota, wilayah, today: day.today, todayIso: day.todayIso, p3ke: p3keColumns(input.info.preset.id, input.info.columns) };
  const decideOptions = { duplicateMode: opts.duplicateMode, regions: opts.regions, emptied: opts.emptied };

  const counts: ImportCounts = { dataRows: 0, imported: 0, updated: 0, duplicateInFile: 0, duplicateRegistry: 0, rejected: 0, withWarnings: 0, keluargaBaru: 0 };
  // Only a sample of the rows needing attention is kept (the screen shows no more); counts stay exact and the
  // rejected rows go to the spool on disk, whole.
  const rows: PreviewRow[] = [];
  let rowsTruncated = false;
  // The first rows decided, whatever their outcome, for the screen to show while the rest are checked.
  const sample: PreviewRow[] = [];
  const giveSample = () => {
    if (!opts.onSample) return;
    opts.onSample({ rows: sample.slice(), counts: { ...counts }, totalRows: rowsAbout() });
  };
  // What the rows decided so far settled, for every row of the sheet: compact tables, not Maps (idTable.ts).
  const firstNikRow = new IdTable(1);
  const families = new FileFamilies();
  // A preview numbers new records below zero so they never collide with real ids.
  const keluargaIds = writing ? await RowIds.open(db, 'keluarga') : RowIds.counting(-1_000_000_000);
  const anggotaIds = writing ? await RowIds.open(db, 'anggota') : RowIds.counting(-1_000_000_000);
  // Nobody can already be in an empty registry but the rows of this very file (tracked in memory), so a first
  // import skips the lookups; writes then queue behind the checking instead of lookups waiting on them.
  const { people, familiesHeld } = await registrySize(db);
  const indexes = writing ? new BulkIndexes(people) : null;
  // A SIKS-NG usulan sheet's programmes are proposals (usulan rows), not programmes received.
  const proposals = UsulanRows.forPreset(input.info.preset.id);

  const settle = (c: CheckedRow, d: Decision) => {
    counts.dataRows++;
    const outcome = d.outcome;
    if (outcome === 'imported') counts.imported++;
    else if (outcome === 'updated') counts.updated++;
    else if (outcome === 'duplicate-in-file') counts.duplicateInFile++;
    else if (outcome === 'duplicate-registry') counts.duplicateRegistry++;
    else counts.rejected++;
    if (outcome !== 'rejected' && d.warnings.length > 0) counts.withWarnings++;
    const sampled = opts.onSample && sample.length < PREVIEW_SAMPLE_LIMIT ? previewRow(c, d) : null;
    if (sampled) {
      sample.push(sampled);
      if (sample.length === PREVIEW_SAMPLE_LIMIT) giveSample();
    }
    if (opts.listEveryRow || (outcome !== 'imported' && outcome !== 'updated') || d.warnings.length > 0 || (d.changes?.length ?? 0) > 0) {
      if (rows.length >= PREVIEW_ROW_LIMIT) {
        rowsTruncated = true;
        return;
      }
      rows.push(sampled ?? previewRow(c, d));
    }
  };

  // What the decided rows will write, each row already in its JSON form (see bulkInsert.ts).
  const newFamilies = new InsertBuffer('keluarga');
  const newMembers = new InsertBuffer('anggota');
  const programRows = new InsertBuffer('anggota_program', true);
  const changes = new InsertBuffer('import_change');
  let updates: ChunkWrites['updates'] = [];
  // Families without No KK found to be a family with one (registry/merge.ts), merged once the rows are written.
  const merges = new Map<number, number>();

  /** The family row `plan` settles or uses: its id, registering a first row's family with the file. */
  function applyFamily(c: CheckedRow, f: FamilyData, plan: FamilyPlan): FileFamily {
    if (plan.kind === 'settled') return settledFamily(families, f)!;
    const id = plan.kind === 'new' ? keluargaIds.take() : plan.existing.id;
    const settled = { id, firstRow: c.row, desaKode: f.desa_kode, kecamatanKode: f.kecamatan_kode };
    // A new family's plan may drop the row's P3KE ID (held by another family): it is written and known as planned.
    const data = plan.kind === 'new' ? plan.data : f;
    for (const key of familyKeys(data)) families.set(key, settled);
    if (plan.kind === 'existing' && plan.mergeFrom && !merges.has(plan.mergeFrom.id)) merges.set(plan.mergeFrom.id, id);
    if (plan.kind === 'new') {
      counts.keluargaBaru++;
      if (writing) newFamilies.add({ id }, data, { sumber: `Impor: ${opts.fileName}`.slice(0, 200), import_batch_id: batchId, catatan: null, created_at: nowIso, updated_at: nowIso });
    } else if (writing && Object.keys(plan.set).length > 0) {
      updates.push({ table: 'keluarga', id, set: plus(plan.set, 'updated_at', nowIso) });
      changes.add({ batch_id: batchId, entity: 'keluarga', entity_id: id, action: 'update', before_json: JSON.stringify(plus(plan.before, 'updated_at', plan.existing.updated_at)) });
    }
    return settled;
  }

  /** Writes what one decided row changes (nothing in a preview but the numbering of new records). */
  function apply(c: CheckedRow, d: Decision): void {
    if (d.claimsNik && c.member) firstNikRow.set(firstNikRow.add(c.member.nik), 0, c.row);
    if (!d.family || !c.family) return;
    const family = applyFamily(c, c.family, d.family);
    const familyId = family.id;
    const plan = d.member;
    if (!plan) return;
    if (plan.kind === 'new') {
      const id = anggotaIds.take();
      if (!writing) return;
      // kec_kode is the family's (triggers of migration 0008 keep it so whatever is written); giving the right
      // value here spares the trigger its update.
      newMembers.add({ id, keluarga_id: familyId }, plan.data, { kec_kode: family.kecamatanKode, import_batch_id: batchId, created_at: nowIso, updated_at: nowIso });
      for (const p of plan.programs) programRows.add({ anggota_id: id, program: p, keterangan: null, import_batch_id: batchId });
      return;
    }
    const id = plan.existing.id;
    const set = plan.moves ? plus(plan.set, 'keluarga_id', familyId) : plan.set;
    if (writing && Object.keys(set).length > 0) {
      updates.push({ table: 'anggota', id, set: plus(set, 'updated_at', nowIso) });
      changes.add({ batch_id: batchId, entity: 'anggota', entity_id: id, action: 'update', before_json: JSON.stringify(plus(plan.before, 'updated_at', plan.existing.updated_at)) });
    }
    if (writing) for (const p of plan.newPrograms) programRows.add({ anggota_id: id, program: p, keterangan: null, import_batch_id: batchId });
  }

  /** Looks up a chunk's NIKs and No KKs, then decides and applies each row in sheet order. */
  async function decide(chunk: CheckedItem[]): Promise<void> {
    // A row adds at most one family and one person: their ids are at hand before the rows are decided.
    await keluargaIds.reserve(chunk.length);
    await anggotaIds.reserve(chunk.length);
    // One statement text whatever the chunk's size (the NIKs travel as one JSON array), so it is prepared once.
    const niks = [...new Set(chunk.flatMap(({ checked }) => (checked.member ? [checked.member.nik] : [])))];
    const existingMembers = new Map<string, ExistingMember>();
    if (niks.length > 0 && people > 0) {
      const found = await db
        .selectFrom('anggota')
        .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
        .select(['anggota.id', 'anggota.keluarga_id', 'anggota.nik', 'anggota.nama_key', 'anggota.hamil', 'anggota.updated_at', ...MEMBER_COLUMNS])
        .select(['keluarga.desa_kode as family_desa_kode', 'keluarga.kecamatan_kode as family_kecamatan_kode'])
        .where(inJsonArray(db, 'anggota.nik', niks, 'text'))
        .execute();
      for (const m of found) existingMembers.set(m.nik, m as ExistingMember);
    }
    const programsHeld = new Map<number, Set<string>>();
    if (existingMembers.size > 0) {
      const ids = [...existingMembers.values()].map((m) => m.id);
      const held = await db
        .selectFrom('anggota_program')
        .select(['anggota_id', 'program'])
        .where(inJsonArray(db, 'anggota_id', ids, 'integer'))
        .execute();
      for (const h of held) {
        const set = programsHeld.get(h.anggota_id) ?? new Set<string>();
        set.add(h.program);
        programsHeld.set(h.anggota_id, set);
      }
    }
    const known = await lookupFamilies(db, chunk.map((r) => r.checked), families, existingMembers, familiesHeld);

    let n = 0;
    for (const { checked: c, raw } of chunk) {
      if (++n % CANCEL_EVERY === 0) opts.throwIfCancelled?.();
      const nik = c.member?.nik;
      const member = nik !== undefined ? existingMembers.get(nik) ?? null : null;
      proposals?.claim(c);
      const nikEntry = nik !== undefined ? firstNikRow.find(nik) : -1;
      const d = decideRow(
        c,
        {
          nikFirstRow: nikEntry >= 0 ? firstNikRow.get(nikEntry, 0) : undefined,
          fileFamily: c.family ? settledFamily(families, c.family) : undefined,
          member,
          family: c.family?.no_kk ? known.byKk.get(c.family.no_kk) ?? null : null,
          p3keFamily: c.family?.id_p3ke ? known.byP3ke.get(c.family.id_p3ke) ?? null : null,
          memberFamily: c.family ? known.byGroup.get(familyKey(c.family)) ?? null : null,
          programsHeld: member ? programsHeld.get(member.id) : undefined,
        },
        scope,
        decideOptions,
      );
      settle(c, d);
      proposals?.settle(c, d);
      if (d.outcome === 'rejected') rejected.add({ row: c.row, raw: raw ?? [], reasons: d.reasons });
      else apply(c, d);
    }
  }

  async function write(w: ChunkWrites): Promise<void> {
    await runInsert(db, w.newFamilies);
    for (const u of w.updates.filter((x) => x.table === 'keluarga')) {
      await db.updateTable('keluarga').set(u.set).where('id', '=', u.id).execute();
    }
    await runInsert(db, w.newMembers);
    for (const u of w.updates.filter((x) => x.table === 'anggota')) {
      await db.updateTable('anggota').set(u.set).where('id', '=', u.id).execute();
    }
    await runInsert(db, w.programRows);
    await runInsert(db, w.changes);
    await indexes?.written(db, counts.imported + counts.updated);
  }

  // Each chunk's writes start when the previous chunk's are done (families before the members that refer to
  // them); up to WRITE_AHEAD chunks may wait in that line while later rows are read and checked.
  const queuedWrites: Promise<void>[] = [];
  async function processChunk(chunk: CheckedItem[], last = false): Promise<void> {
    await decide(chunk);
    if (!writing || (!last && newMembers.size + newFamilies.size + updates.length < CHUNK)) return;
    const w: ChunkWrites = {
      newFamilies: newFamilies.take(),
      updates,
      newMembers: newMembers.take(),
      programRows: programRows.take(),
      changes: changes.take(),
    };
    updates = [];
    const done = (queuedWrites.at(-1) ?? Promise.resolve()).then(() => write(w));
    done.catch(() => undefined);
    queuedWrites.push(done);
    if (queuedWrites.length > WRITE_AHEAD) await queuedWrites.shift();
  }

  // Rows wait for their registry lookups in chunks; with nothing to look up, each row is settled almost at
  // once, so that it does not outlive the young generation of the garbage collector.
  const lookupChunk = people > 0 || familiesHeld > 0 ? CHUNK : 32;
  // Both tell how far the rows are read and which rows were left out as not data.
  const reading: Pick<Source, 'progress' | 'skipped'> = input.kind === 'sheet' ? input.source : input.feed;
  const total = () => reading.progress().lastRow;
  /**
   * The sheet's data rows, about: from its stated last row, else from the rows the reader has taken for the share
   * of the file it has read. Rows handed out lag behind that share while the reader reads ahead (up to the whole
   * of a small sheet while the merges are looked for), so they say nothing of it.
   */
  const rowsAbout = (): number | null => {
    const p = reading.progress();
    const start = input.info.dataStartRow;
    if (p.lastRow !== null && p.lastRow >= start) return p.lastRow - start + 1;
    if (p.bytesRead <= 0 || p.totalBytes <= 0 || p.scannedRow < start) return null;
    return Math.max(seen, Math.round((p.scannedRow * p.totalBytes) / p.bytesRead) - start + 1);
  };
  let chunk: CheckedItem[] = [];
  let pending: Promise<void> = Promise.resolve();
  let seen = 0;
  /** One checked row, in sheet order. */
  async function take(checked: CheckedRow, raw: CellValue[] | null): Promise<void> {
    // A full chunk is handed over before this row unless the row continues the last row's P3KE family: a
    // family's consecutive rows stay in one chunk, so a member already registered on any of its rows names
    // the family before its first row is decided.
    if (chunk.length >= lookupChunk && !sameP3keFamily(chunk.at(-1)?.checked, checked)) {
      // SQLite works on its own thread: the next rows are parsed while this chunk is looked up and written.
      await pending;
      pending = processChunk(chunk);
      pending.catch(() => undefined);
      chunk = [];
    }
    chunk.push({ checked, raw });
    seen++;
    // Rows already read come through promises that never return to the event loop, and each queued
    // statement is handed to SQLite only when the previous one's completion is seen there: let it in.
    if (queuedWrites.length > 0 && seen % YIELD_EVERY === 0) await setImmediate();
    if (opts.failAfterRows !== undefined && seen >= opts.failAfterRows) {
      throw new AppError('INJECTED_FAILURE', 'Kegagalan uji disengaja di tengah impor.');
    }
    if (seen % CHUNK === 0) {
      opts.throwIfCancelled?.();
      opts.onProgress?.(checked.row, total(), `${seen.toLocaleString('id-ID')} baris ${writing ? 'disimpan' : 'diperiksa'}`);
      giveSample();
    }
  }

  try {
    if (input.kind === 'checked') {
      for await (const batch of input.feed.batches()) for (const item of batch) await take(item.checked, item.raw);
    } else {
      const { keep } = input;
      for await (const src of input.source.rows()) {
        const checked = checkRow(src, checkCtx);
        // The cells are kept only for the rejected-rows file (a row of an operator may still be refused by scope).
        const raw = checked.member && checked.family && scope.all ? null : src.raw;
        keep?.add(checked, raw);
        await take(checked, raw);
      }
    }
    await pending;
    opts.throwIfCancelled?.();
    await processChunk(chunk, true);
    await Promise.all(queuedWrites.splice(0));
    if (writing && proposals) await proposals.write(db, batchId, opts.fileName, nowIso);
    if (writing) for (const [from, into] of merges) await mergeFamilyInto(db, from, into, nowIso, recordMergeChange(db, batchId));
    if (indexes?.deferred) {
      opts.onProgress?.(seen, seen, `${seen.toLocaleString('id-ID')} baris disimpan; menyusun indeks pencarian…`);
      await indexes.finish(db);
    }
  } catch (error) {
    // Never leave a chunk's statements running after the transaction is rolled back.
    await pending.catch(() => undefined);
    await Promise.allSettled(queuedWrites);
    throw error;
  }
  opts.onProgress?.(seen, seen, `${seen.toLocaleString('id-ID')} baris ${writing ? 'disimpan' : 'diperiksa'}`);

  return {
    fileName: opts.fileName,
    sha256: opts.sha256,
    sheet: input.info.sheet,
    sheets: input.info.sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    preset: { id: input.info.preset.id, label: input.info.preset.label },
    headerRow: input.info.headerRow,
    dataStartRow: input.info.dataStartRow,
    columns: input.info.columns,
    savedMapping,
    counts,
    // Found while checking: a commit from the preview's checked rows reports what the preview found.
    regionValues: input.kind === 'checked' ? input.feed.regionValues() : resolver.unmatchedValues(),
    rows,
    rowsTruncated,
    rejected,
    skipped: reading.skipped().map((s) => ({ row: s.row, reason: s.reason, text: s.text })),
    batchId,
    seconds: (Date.now() - started) / 1000,
  };
}
