/**
 * The rejected rows of an import, written to disk as they are decided (one JSON line each) instead of kept in
 * memory: a sheet of a million rows may reject most of them. The file lives in a folder of its own under the
 * job's staging folder (or the system's temp folder for the command line), is created only when a first row
 * is rejected, and is removed by dispose() when the rejected-rows file has been written from it.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RowProblem } from '../../../shared/api/imports';
import type { CellValue } from './read/types';

export interface RejectedRow {
  row: number;
  raw: CellValue[];
  reasons: RowProblem[];
}

/** Dates survive the JSON line as {"d": epoch ms}; every other cell value is JSON already. */
export type StoredCell = string | number | boolean | null | { d: number };

export function storeCell(v: CellValue): StoredCell {
  return v instanceof Date ? { d: v.getTime() } : (v as StoredCell);
}

export function loadCell(v: StoredCell): CellValue {
  return v !== null && typeof v === 'object' ? new Date(v.d) : v;
}

const FLUSH_AT = 256 * 1024;

export class RejectedSpool {
  private dir: string | null = null;
  private fd: number | null = null;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Rejected rows written so far. */
  count = 0;
  /** The widest row's cell count (the rejected-rows file needs it for its header before the rows). */
  width = 0;

  /** @param parent the folder to create the spool's own folder in (default: the system's temp folder) */
  constructor(private readonly parent: string = tmpdir()) {}

  add(r: RejectedRow): void {
    const raw = r.raw.map(storeCell);
    const line = `${JSON.stringify({ row: r.row, raw, reasons: r.reasons })}\n`;
    this.pending.push(line);
    this.pendingLength += line.length;
    this.count++;
    if (r.raw.length > this.width) this.width = r.raw.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd === null) {
      this.dir = mkdtempSync(join(this.parent, 'ditolak-'));
      this.fd = openSync(join(this.dir, 'rows.ndjson'), 'w');
    }
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Every rejected row in the order added. May be read more than once, until dispose(). */
  async *rows(): AsyncGenerator<RejectedRow> {
    this.flush();
    if (this.dir === null) return;
    const lines = createInterface({ input: createReadStream(join(this.dir, 'rows.ndjson'), { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === '') continue;
      const stored = JSON.parse(line) as { row: number; raw: StoredCell[]; reasons: RowProblem[] };
      yield { row: stored.row, reasons: stored.reasons, raw: stored.raw.map(loadCell) };
    }
  }

  /** Removes the file and its folder; the spool is empty afterwards. */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.pending = [];
    this.pendingLength = 0;
    this.count = 0;
    this.width = 0;
  }

  /** The folder holding the spool file, while there is one (for tests that check it is removed). */
  get folder(): string | null {
    return this.dir;
  }
}
