/**
 * The preview's checked rows, kept beside the staged file for the commit (issue 20: the preview's staging is
 * what the commit writes from). A preview reads and checks every row of the sheet; the commit that follows
 * with the same file and options takes those checked rows instead of reading and checking the sheet again, and
 * only decides and writes them against the registry as it is then.
 *
 * Checking is pure (checkRow.ts): its result depends on the file, the sheet and mapping chosen, the region
 * mapping, the office's remembered region names and saved layouts, the office's kabupaten, the operator's
 * wilayah and the office's date. All of them make the key; a commit whose key differs, or that finds no
 * complete file, reads the sheet as before. The file is written under a name of its own and renamed when the
 * preview ends, so a cancelled or failed preview leaves nothing a commit could take.
 *
 * Two files: the rows, one JSON line [checked, raw] per data row in sheet order (dates in raw cells stored as
 * spool.ts stores them), and beside it `.json` with the key, what the pass reports besides its rows, the number
 * of rows and the rows file's size, written last: without it, or with another size, the rows are not taken.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import type { RegionValueMapping, UnmatchedRegionValue } from '../../../shared/api/imports';
import type { Database } from '../db/schema';
import type { CheckedRow, FamilyData, MemberData } from './checkRow';
import { FAMILY_FIELDS, MEMBER_FIELDS } from './decideRow';
import type { CellValue, ReadProgress, SkippedRow, SourceInfo } from './read/types';
import { loadCell, storeCell, type StoredCell } from './spool';

const FORMAT = 1;
const FLUSH_AT = 1 << 20;

/**
 * A row is stored as an array, its member and family as arrays in these orders: their keys written out on every
 * row made the file twice as large and slower to write and read. Every key must be listed (checked below).
 */
const MEMBER_KEYS = ['nik', 'nama_key', 'hamil', ...MEMBER_FIELDS] as const;
const FAMILY_KEYS = ['no_kk', 'miskin_ekstrem', 'id_p3ke', ...FAMILY_FIELDS] as const;
type Unlisted<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;
const ALL_LISTED: [Unlisted<MemberData, typeof MEMBER_KEYS>, Unlisted<FamilyData, typeof FAMILY_KEYS>] extends [never, never] ? true : never = true;

type Encoded = unknown[];
/** Compiled once from the lists above (never from a file): one literal of a fixed shape per row, as checkRow makes it. */
const encodeData = (keys: readonly string[]) => new Function('o', `return o === null ? null : [${keys.map((k) => `o[${JSON.stringify(k)}]`).join(', ')}];`) as (o: object | null) => Encoded | null;
const decodeData = (keys: readonly string[]) => new Function('v', `return v === null ? null : { ${keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ')} };`) as (v: Encoded | null) => object | null;
const encodeMember = encodeData(MEMBER_KEYS);
const encodeFamily = encodeData(FAMILY_KEYS);
const decodeMember = decodeData(MEMBER_KEYS) as (v: Encoded | null) => MemberData | null;
const decodeFamily = decodeData(FAMILY_KEYS) as (v: Encoded | null) => FamilyData | null;

function encode(c: CheckedRow, raw: CellValue[] | null): string {
  return JSON.stringify([c.row, c.nikText, c.nama, c.noKkText, c.desaText, c.errors, c.warnings, c.programs, encodeMember(c.member), encodeFamily(c.family), raw === null ? null : raw.map(storeCell)]);
}

function decode(line: string): CheckedItem {
  const v = JSON.parse(line) as [number, string | null, string | null, string | null, string | null, CheckedRow['errors'], CheckedRow['warnings'], string[], Encoded | null, Encoded | null, StoredCell[] | null];
  const checked: CheckedRow = { row: v[0], nikText: v[1], nama: v[2], noKkText: v[3], desaText: v[4], errors: v[5], warnings: v[6], member: decodeMember(v[8]), family: decodeFamily(v[9]), programs: v[7] };
  return { checked, raw: v[10] === null ? null : v[10].map(loadCell) };
}

/** What a preview found besides its rows: the pass reports these as reading the sheet would. */
export interface CheckedInfo extends Omit<SourceInfo, 'fileName' | 'fileType'> {
  fileName: string;
  fileType: SourceInfo['fileType'];
  savedMapping: string | null;
}

export interface CheckedItem {
  checked: CheckedRow;
  /** The row's cells, kept only where a rejected-rows file may need them (pipeline.ts). */
  raw: CellValue[] | null;
}

/** Everything the checks depend on besides the sheet's cells (see above). */
export interface CheckInputs {
  sha256: string;
  sheet: string | undefined;
  mapping: Record<string, string> | undefined;
  regionMapping: readonly RegionValueMapping[] | undefined;
  officeKabKota: string | null;
  wilayah: readonly string[];
  onlyDesa: string | undefined;
  /** The caller's scope (api/scope.ts): it decides which rows keep their cells. */
  scope: unknown;
  todayIso: string;
}

/** The key of a pass's checks: its inputs with the office's remembered region names and saved layouts. */
export async function checkKey(db: Kysely<Database>, inputs: CheckInputs): Promise<string> {
  const { rows: aliases } = await sql<{ level: string; alias_key: string; kode: string }>`
    select level, alias_key, kode from region_alias_kantor order by level, alias_key, kode`.execute(db);
  const { rows: layouts } = await sql<{ header_key: string; mapping_json: string }>`
    select header_key, mapping_json from import_mapping order by header_key`.execute(db);
  const text = JSON.stringify([FORMAT, MEMBER_KEYS, FAMILY_KEYS, ALL_LISTED, inputs, aliases.map((a) => [a.level, a.alias_key, a.kode]), layouts.map((l) => [l.header_key, l.mapping_json])]);
  return createHash('sha256').update(text).digest('hex');
}

/** Checked rows take about 3.2 times the bytes of their .xlsx (40 MB for a 12.6 MB sheet of 100,000 rows). */
const KEPT_PER_SHEET_BYTE = 10;
/** Left free after keeping them: the commit's own writes (SQLite's WAL, the rejected rows) need room too. */
const LEAVE_FREE = 512 * 1024 * 1024;

/**
 * Whether a preview of `sheet` may keep its checked rows in `file`'s folder: only with room to spare, since a
 * disk filled by them would fail the very commit they are for. A .csv keeps more per byte than an .xlsx, hence
 * the wide margin.
 */
export function roomToKeep(sheet: string, file: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(dirname(file));
    return bavail * bsize >= statSync(sheet).size * KEPT_PER_SHEET_BYTE + LEAVE_FREE;
  } catch {
    return false;
  }
}

/** What the rows file holds and was made from (the `.json` beside it). */
interface CheckedMeta {
  v: number;
  key: string;
  info: CheckedInfo;
  rows: number;
  bytes: number;
  skipped: SkippedRow[];
  lastRow: number | null;
  regionValues: UnmatchedRegionValue[];
}

/**
 * Writes a preview's checked rows; finish() makes them the file's, abort() leaves no trace. Keeping them must
 * never cost the preview: when the disk is full or the folder is gone, the writer stops quietly, leaves
 * nothing, and the commit reads the sheet as before.
 */
export class CheckedRowsWriter {
  private readonly temp: string;
  private fd: number | null = null;
  private pending: string[] = [];
  private pendingLength = 0;
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly info: CheckedInfo,
  ) {
    this.temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    this.quietly(() => {
      // An older preview's rows stop counting now: its `.json` goes before anything else is written.
      rmSync(`${file}.json`, { force: true });
      this.fd = openSync(this.temp, 'wx', 0o600);
    });
  }

  add(checked: CheckedRow, raw: CellValue[] | null): void {
    if (this.fd === null) return;
    this.rows++;
    const line = encode(checked, raw);
    this.pending.push(line, '\n');
    this.pendingLength += line.length + 1;
    if (this.pendingLength >= FLUSH_AT) this.quietly(() => this.flush());
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    this.bytes += writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  finish(skipped: readonly SkippedRow[], lastRow: number | null, regionValues: readonly UnmatchedRegionValue[]): void {
    if (this.fd === null) return;
    this.quietly(() => {
      this.flush();
      this.close();
      renameSync(this.temp, this.file);
      const meta: CheckedMeta = { v: FORMAT, key: this.key, info: this.info, rows: this.rows, bytes: this.bytes, skipped: [...skipped], lastRow, regionValues: [...regionValues] };
      const metaTemp = `${this.temp}.json`;
      writeFileSync(metaTemp, JSON.stringify(meta), { mode: 0o600 });
      renameSync(metaTemp, `${this.file}.json`);
    });
  }

  abort(): void {
    this.close();
    for (const f of [this.temp, `${this.temp}.json`]) rmSync(f, { force: true });
  }

  /** Runs a step of keeping the rows; when it fails, what was kept goes and nothing more is written. */
  private quietly(step: () => void): void {
    try {
      step();
    } catch {
      try {
        this.abort();
        rmSync(this.file, { force: true });
      } catch {
        // the folder itself is gone: nothing left to remove
      }
    }
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.pending = [];
  }
}

/** A preview's checked rows as the commit reads them back. */
export interface CheckedRowsFeed {
  info: CheckedInfo;
  /** The rows in sheet order, in batches (read once). */
  batches(): AsyncGenerator<CheckedItem[]>;
  skipped(): readonly SkippedRow[];
  progress(): ReadProgress;
  /** The region names the preview's checks could not match (the value-mapping step's list). */
  regionValues(): UnmatchedRegionValue[];
}

const BATCH = 256;

function readMeta(file: string): CheckedMeta | null {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8')) as CheckedMeta;
  } catch {
    return null;
  }
}

/** The checked rows stored under `key`, or null when there are none, they were made with other inputs, or they are not whole. */
export function openCheckedRows(file: string, key: string): CheckedRowsFeed | null {
  const meta = readMeta(file);
  if (meta?.v !== FORMAT || meta.key !== key) return null;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  if (size !== meta.bytes) return null;
  let row = 0;
  let done = 0;
  return {
    info: meta.info,
    async *batches() {
      let batch: CheckedItem[] = [];
      const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
      const lines = createInterface({ input, crlfDelay: Infinity });
      // A commit that stops part-way (cancelled, failed) lets the file go at once.
      try {
        for await (const line of lines) {
          if (line === '') continue;
          const item = decode(line);
          batch.push(item);
          row = item.checked.row;
          done++;
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
        }
      } finally {
        lines.close();
        input.destroy();
      }
      if (batch.length > 0) yield batch;
      if (done !== meta.rows) throw new Error(`Hasil pemeriksaan tersimpan tidak utuh (${done} dari ${meta.rows} baris).`);
    },
    skipped: () => meta.skipped,
    regionValues: () => meta.regionValues,
    progress: () => ({ bytesRead: done, totalBytes: meta.rows, row, lastRow: meta.lastRow }),
  };
}
