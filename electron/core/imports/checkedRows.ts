/**
 * The preview's checked rows, kept beside the staged file for the commit (issue 20: the preview's staging is
 * what the commit writes from). A preview reads and checks every row of the sheet; the commit that follows
 * with the same file and options takes those checked rows instead of reading and checking the sheet again, and
 * only decides and writes them against the registry as it is then.
 *
 * Checking is pure (checkRow.ts): its result depends on the file, the sheet and mapping chosen, the region
 * mapping, the office's remembered region names and saved layouts, the office's kabupaten, the operator's
 * wilayah and the office's date. All of them make the key; a commit whose key differs, or that finds no
 * whole and untouched file, reads the sheet as before.
 *
 * Two files: the rows, one line per data row in sheet order (checkedRowCodec.ts), and beside it `.json`, written
 * last, with the key, what the pass reports besides its rows, and a MAC over both under a secret that lives only
 * in this process's memory. A commit takes the rows only when the MAC holds: not after an edit on disk, damage,
 * a restart or an update of the app (whose checks may have changed), nor rows and `.json` from two previews.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statfsSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import type { RegionValueMapping, UnmatchedRegionValue } from '../../../shared/api/imports';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import type { OfficeAliases } from '../regions';
import type { CheckedRow } from './checkRow';
import { decode, encode } from './checkedRowCodec';
import type { CellValue, ReadProgress, SkippedRow, SourceInfo } from './read/types';

const FORMAT = 2;
const FLUSH_AT = 1 << 20;
const SECRET = randomBytes(32);
const mac = () => createHmac('sha256', SECRET);

/** What a preview found besides its rows. */
export interface CheckedInfo extends SourceInfo {
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

/** The office's remembered region names in one order, whatever order they were read in. */
function aliasList(aliases: OfficeAliases): [string, string, string[]][] {
  const list = (level: string, names: OfficeAliases['kecamatan']) => [...names].map(([name, kodes]): [string, string, string[]] => [level, name, [...kodes].sort()]);
  return [...list('kecamatan', aliases.kecamatan), ...list('desa', aliases.desa)].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}

/**
 * The key of a pass's checks: its inputs with the office's remembered region names (as the pass's checks use
 * them, read once per import) and saved layouts.
 */
export async function checkKey(db: Kysely<Database>, inputs: CheckInputs, aliases: OfficeAliases): Promise<string> {
  const { rows: layouts } = await sql<{ nama: string; header_key: string; mapping_json: string }>`
    select nama, header_key, mapping_json from import_mapping order by header_key`.execute(db);
  const text = JSON.stringify([FORMAT, inputs, aliasList(aliases), layouts.map((l) => [l.nama, l.header_key, l.mapping_json])]);
  return mac().update(text).digest('hex');
}

/** Checked rows take about 3 (an admin's) to 5.4 (an operator's: they keep their cells) times the bytes of their .xlsx. */
const KEPT_PER_SHEET_BYTE = 10;
/** Left free after keeping them: the commit's own writes (SQLite's WAL, the rejected rows) need room too. */
const LEAVE_FREE = 512 * 1024 * 1024;

/**
 * How many bytes a preview of `sheet` may keep in `file`'s folder: a disk filled by them would fail the very
 * commit they are for, and a long text repeated in every row is stored once in an .xlsx but once per row here.
 * A preview that would need more keeps nothing (the commit then reads the sheet).
 */
export function keepBudget(sheet: string, file: string): number {
  try {
    const { bavail, bsize } = statfsSync(dirname(file));
    return Math.max(0, Math.min(bavail * bsize - LEAVE_FREE, statSync(sheet).size * KEPT_PER_SHEET_BYTE + (1 << 20)));
  } catch {
    return 0;
  }
}

/** What the rows file holds and was made from: the `.json` beside it is { body: JSON of this, mac }. */
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
 * never cost the preview: over its budget, with the disk full or the folder gone, the writer stops quietly,
 * leaves nothing, and the commit reads the sheet as before.
 */
export class CheckedRowsWriter {
  private readonly temp: string;
  private readonly hmac = mac();
  private fd: number | null = null;
  /**
   * Lines are encoded into this buffer as they come, and written from it when full: held as strings until a
   * flush, they outlived young-generation collections and were copied and promoted on the way.
   */
  private buffer: Buffer | null = null;
  private used = 0;
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly info: CheckedInfo,
    private readonly budget: number,
  ) {
    this.temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    this.quietly(() => {
      // An older preview's rows stop counting now: its `.json` goes before anything else is written.
      rmSync(`${file}.json`, { force: true });
      if (budget > 0) {
        this.fd = openSync(this.temp, 'wx', 0o600);
        this.buffer = Buffer.allocUnsafe(FLUSH_AT);
      }
    });
  }

  add(checked: CheckedRow, raw: CellValue[] | null): void {
    if (this.fd === null) return;
    this.rows++;
    const line = encode(checked, raw);
    // At most 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 units), and the newline.
    const most = line.length * 3 + 1;
    if (this.used + most > FLUSH_AT) {
      this.quietly(() => this.flush());
      // A line longer than the buffer (cells of long text kept for the rejected-rows file) is written alone.
      if (most > FLUSH_AT) this.quietly(() => this.write(Buffer.from(`${line}\n`)));
    }
    const buffer = this.buffer;
    if (this.fd === null || buffer === null || most > FLUSH_AT) return;
    this.used += buffer.write(line, this.used);
    buffer[this.used++] = 10;
  }

  private flush(): void {
    if (this.fd === null || this.buffer === null || this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.write(this.buffer.subarray(0, used));
  }

  private write(bytes: Buffer): void {
    if (this.fd === null) return;
    if (this.bytes + bytes.length > this.budget) throw new Error('over the budget');
    this.hmac.update(bytes);
    this.bytes += writeSync(this.fd, bytes);
  }

  finish(skipped: readonly SkippedRow[], lastRow: number | null, regionValues: readonly UnmatchedRegionValue[]): void {
    if (this.fd === null) return;
    this.quietly(() => {
      this.flush();
      this.close();
      const meta: CheckedMeta = { v: FORMAT, key: this.key, info: this.info, rows: this.rows, bytes: this.bytes, skipped: [...skipped], lastRow, regionValues: [...regionValues] };
      const body = JSON.stringify(meta);
      const metaTemp = `${this.temp}.json`;
      writeFileSync(metaTemp, JSON.stringify({ body, mac: this.hmac.update(body).digest('hex') }), { mode: 0o600 });
      renameSync(this.temp, this.file);
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
    this.buffer = null;
    this.used = 0;
  }
}

/** A preview's checked rows as the commit reads them back; close() when not read to the end. */
export interface CheckedRowsFeed {
  info: CheckedInfo;
  /** The rows in sheet order, in batches (read once). */
  batches(): AsyncGenerator<CheckedItem[]>;
  skipped(): readonly SkippedRow[];
  progress(): ReadProgress;
  /** The region names the preview's checks could not match (the value-mapping step's list). */
  regionValues(): UnmatchedRegionValue[];
  close(): void;
}

const BATCH = 256;
const READ_PIECE = 1 << 20;

/** Removes a preview's kept rows (they failed their check: the next commit reads the sheet). */
function discard(file: string): void {
  for (const f of [file, `${file}.json`]) rmSync(f, { force: true });
}

function sameMac(a: string, b: Buffer): boolean {
  const given = Buffer.from(a, 'hex');
  return given.length === b.length && timingSafeEqual(given, b);
}

/** The `.json`'s body when its key is `key`, else null. */
function readMeta(file: string, key: string): { meta: CheckedMeta; body: string; mac: string } | null {
  try {
    const { body, mac: given } = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { body: string; mac: string };
    const meta = JSON.parse(body) as CheckedMeta;
    return meta.v === FORMAT && meta.key === key && typeof given === 'string' ? { meta, body, mac: given } : null;
  } catch {
    return null;
  }
}

/**
 * The checked rows stored under `key`, or null when there are none, they were made with other inputs or by
 * another run of the app, or they are not whole and untouched (then they are removed). The rows are read through
 * the file as it was when checked here: a later preview replacing it does not change what this commit reads.
 */
export function openCheckedRows(file: string, key: string): CheckedRowsFeed | null {
  const found = readMeta(file, key);
  if (!found) return null;
  const { meta, body } = found;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    if (fstatSync(fd).size !== meta.bytes) throw new Error('size');
    const check = mac();
    const piece = Buffer.allocUnsafe(READ_PIECE);
    for (let at = 0; at < meta.bytes; ) {
      const n = readSync(fd, piece, 0, READ_PIECE, at);
      if (n === 0) throw new Error('short');
      check.update(piece.subarray(0, n));
      at += n;
    }
    if (!sameMac(found.mac, check.update(body).digest())) throw new Error('mac');
  } catch {
    closeSync(fd);
    discard(file);
    return null;
  }
  let row = 0;
  let done = 0;
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const changed = () => {
    discard(file);
    return new AppError('IMPORT_CHECKED_ROWS_CHANGED', 'Hasil pemeriksaan yang disimpan berubah saat dibaca; tidak ada yang disimpan. Tekan Simpan sekali lagi: berkasnya akan dibaca ulang.');
  };
  return {
    info: meta.info,
    async *batches() {
      // Checked again as they are read: what is written is what was checked, even if the file changes meanwhile.
      const check = mac();
      let batch: CheckedItem[] = [];
      // The stream closes the file from now on.
      open = false;
      const input = createReadStream('', { fd, start: 0, highWaterMark: READ_PIECE });
      input.on('data', (chunk) => check.update(chunk as Buffer));
      const lines = createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line === '') continue;
          let item: CheckedItem;
          try {
            item = decode(line);
          } catch {
            throw changed();
          }
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
      if (done !== meta.rows || !sameMac(found.mac, check.update(body).digest())) throw changed();
      if (batch.length > 0) yield batch;
    },
    skipped: () => meta.skipped,
    progress: () => ({ bytesRead: done, totalBytes: meta.rows, row, scannedRow: row, lastRow: meta.lastRow }),
    regionValues: () => meta.regionValues,
    close,
  };
}
