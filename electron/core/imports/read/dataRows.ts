/**
 * From the sheet's physical rows to SourceRows: rows above dataStartRow are dropped, empty rows skipped,
 * vertically merged data cells filled down, column-number rows and repeated headers (page breaks copied from a
 * printout) skipped, footer blocks held back and dropped by the rule in footer.ts.
 */
import { cellText, isEmptyCell } from './cells';
import { IDENTITY_FIELDS, isFieldKey, type FieldKey } from './fields';
import { MAX_FOOTER_CELLS, isSignatureText, resolveHeld, type HeldRow } from './footer';
import { isNumberRow } from './header';
import type { CellValue, MergeRange, RawRow, SkippedRow, SourceColumn, SourceRow } from './types';

export interface RowPipelineConfig {
  dataStartRow: number;
  columns: readonly SourceColumn[];
  /** Header texts per header row (top first), by column index. */
  headerTexts: readonly (readonly string[])[];
  /** Merged regions of the sheet; only those spanning several rows below the header are filled down. */
  merges: readonly MergeRange[];
  /** Rows carry an empty `values` (Source.rows()'s cellsOnly). */
  cellsOnly?: boolean;
}

const NO_VALUES: Partial<Record<FieldKey, CellValue>> = Object.freeze({});

export interface RowPipelineHooks {
  onSkip(s: SkippedRow): void;
  /** Every physical row seen (for progress). */
  onRow?(row: number): void;
}

/** Held footer runs longer than this are released as data (a footer is never that long). */
const MAX_HELD = 200;

interface Prepared {
  raw: RawRow;
  values: Partial<Record<FieldKey, CellValue>>;
}

/** A NIK/KK/ID-like value: a number ≥ 100000 or text with at least 6 digits. */
function hasSixDigits(v: CellValue | undefined): boolean {
  if (typeof v === 'number') return Math.abs(v) >= 100_000;
  if (typeof v !== 'string') return false;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const ch = v.charCodeAt(i);
    if (ch >= 48 && ch <= 57 && ++n >= 6) return true;
  }
  return false;
}

function orNull(v: CellValue | undefined): CellValue {
  return v === undefined || isEmptyCell(v) ? null : v;
}

/**
 * Builds a row's `values` with one object literal of the final shape. Filling `{}` key by key (24 fields for a
 * DTKS sheet) reallocates the object's property store several times per row, which on 100,000 rows more than
 * doubled garbage-collection time against exceljs's own reader. The literal is compiled once per sheet from
 * the mapping; its keys are FieldKeys (a fixed list) and its indices integers, so no sheet text enters the code.
 */
export function valuesFactory(
  mapped: readonly { field: FieldKey; index: number }[],
): (cells: readonly CellValue[]) => Partial<Record<FieldKey, CellValue>> {
  for (const c of mapped) {
    if (!isFieldKey(c.field) || !Number.isInteger(c.index)) throw new Error('invalid column mapping');
  }
  const body = `return { ${mapped.map((c) => `${JSON.stringify(c.field)}: orNull(cells[${c.index}])`).join(', ')} };`;
  const make = new Function('orNull', 'cells', body) as (
    f: typeof orNull,
    cells: readonly CellValue[],
  ) => Partial<Record<FieldKey, CellValue>>;
  return (cells) => make(orNull, cells);
}

function rowText(cells: readonly CellValue[]): string {
  return cells
    .map((v) => cellText(v))
    .filter((t) => t !== '')
    .join(' | ');
}

/**
 * Synchronous row pipeline: push() each physical row in order, finish() at the end of the sheet. Output rows
 * are appended to the array given (held footer candidates come out later, or never).
 */
export class RowPipeline {
  private readonly width: number;
  private readonly mapped: readonly (SourceColumn & { field: FieldKey })[];
  private readonly noIndex: number;
  private readonly identityIdx: readonly number[];
  private readonly makeValues: (cells: readonly CellValue[]) => Partial<Record<FieldKey, CellValue>>;
  private readonly headerUpper: readonly (readonly string[])[];
  /** Vertical merges in the data area, by top row. */
  private readonly downMerges: readonly MergeRange[];
  private nextMerge = 0;
  private active: { col: number; bottom: number; value: CellValue }[] = [];
  private readonly held: HeldRow<Prepared>[] = [];
  /** An empty row since the last non-empty one (rows absent from the file are empty too). */
  private gap = false;
  private prevRow: number;

  constructor(
    private readonly cfg: RowPipelineConfig,
    private readonly hooks: RowPipelineHooks,
  ) {
    this.width = cfg.columns.length;
    this.mapped = cfg.columns.filter((c): c is SourceColumn & { field: FieldKey } => c.field !== null);
    this.noIndex = cfg.columns.find((c) => c.field === 'no')?.index ?? -1;
    this.identityIdx = this.mapped.filter((c) => IDENTITY_FIELDS.includes(c.field)).map((c) => c.index);
    this.makeValues = valuesFactory(this.mapped);
    this.headerUpper = cfg.headerTexts.map((t) => t.map((x) => x.toUpperCase()));
    this.downMerges = cfg.merges.filter((m) => m.bottom > m.top && m.top >= cfg.dataStartRow).sort((a, b) => a.top - b.top);
    this.prevRow = cfg.dataStartRow - 1;
  }

  private prepare(raw: RawRow): Prepared {
    return { raw, values: this.cfg.cellsOnly === true ? NO_VALUES : this.makeValues(raw.cells) };
  }

  private toSourceRow(p: Prepared): SourceRow {
    const raw = p.raw.cells;
    while (raw.length < this.width) raw.push(null);
    const out: SourceRow = { row: p.raw.row, values: p.values, raw };
    if (p.raw.overlong) out.overlong = p.raw.overlong;
    return out;
  }

  private release(out: SourceRow[]): void {
    if (this.held.length === 0) return;
    const { data, footer } = resolveHeld(this.held);
    this.held.length = 0;
    for (const p of data) out.push(this.toSourceRow(p));
    for (const p of footer) this.hooks.onSkip({ row: p.raw.row, reason: 'footer', text: rowText(p.raw.cells) });
  }

  private isHeaderRepeat(cells: readonly CellValue[], nonEmpty: number): boolean {
    for (const texts of this.headerUpper) {
      let same = 0;
      for (let c = 0; c < cells.length; c++) {
        const v = cells[c];
        const h = texts[c];
        if (typeof v !== 'string' || !h || v.length < h.length) continue;
        if (v.replace(/\s+/g, ' ').trim().toUpperCase() === h) same++;
      }
      if (same >= 2 && same * 2 >= nonEmpty) return true;
    }
    return false;
  }

  private fillDown(r: RawRow): void {
    const cells = r.cells;
    while (this.nextMerge < this.downMerges.length && (this.downMerges[this.nextMerge]?.top ?? Infinity) <= r.row) {
      const m = this.downMerges[this.nextMerge++];
      if (m && m.top === r.row) this.active.push({ col: m.left - 1, bottom: m.bottom, value: cells[m.left - 1] ?? null });
    }
    if (this.active.length === 0) return;
    this.active = this.active.filter((a) => a.bottom >= r.row);
    for (const a of this.active) {
      while (cells.length <= a.col) cells.push(null);
      if (isEmptyCell(cells[a.col])) cells[a.col] = a.value;
    }
  }

  push(r: RawRow, out: SourceRow[]): void {
    this.hooks.onRow?.(r.row);
    if (r.row < this.cfg.dataStartRow) return;
    const cells = r.cells;
    const noIndex = this.noIndex;

    // Count content (the row-number column does not make a row non-empty).
    let content = 0;
    for (let c = 0; c < cells.length; c++) {
      if (c !== noIndex && !isEmptyCell(cells[c])) content++;
    }
    // After the emptiness test: a merged value alone does not make a row.
    if (this.downMerges.length > 0) this.fillDown(r);
    if (content === 0) {
      this.gap = true;
      return;
    }
    if (r.row > this.prevRow + 1) this.gap = true;
    this.prevRow = r.row;

    let identity = false;
    for (const c of this.identityIdx) {
      if (hasSixDigits(cells[c])) {
        identity = true;
        break;
      }
    }
    if (!identity) {
      if (isNumberRow(cells)) {
        this.hooks.onSkip({ row: r.row, reason: 'number-row', text: rowText(cells) });
        return;
      }
      if (this.isHeaderRepeat(cells, content + (noIndex >= 0 && !isEmptyCell(cells[noIndex]) ? 1 : 0))) {
        this.release(out);
        this.hooks.onSkip({ row: r.row, reason: 'header-repeat', text: rowText(cells) });
        this.gap = false;
        return;
      }
    }

    const p = this.prepare(r);
    if (content <= MAX_FOOTER_CELLS) {
      const marker = cells.some((v) => typeof v === 'string' && isSignatureText(v));
      if (marker || !identity) {
        this.held.push({ item: p, gapBefore: this.gap, marker });
        this.gap = false;
        if (this.held.length > MAX_HELD) {
          for (const h of this.held.splice(0)) out.push(this.toSourceRow(h.item));
        }
        return;
      }
    }
    this.gap = false;
    this.release(out);
    out.push(this.toSourceRow(p));
  }

  /** The end of the sheet: a held run is resolved as data or footer. */
  finish(out: SourceRow[]): void {
    this.release(out);
  }
}

/** The pipeline over a stream of row batches, one SourceRow at a time (tests and simple callers). */
export async function* toSourceRows(
  batches: AsyncIterable<readonly RawRow[]>,
  cfg: RowPipelineConfig,
  hooks: RowPipelineHooks,
): AsyncGenerator<SourceRow, void, undefined> {
  const pipeline = new RowPipeline(cfg, hooks);
  for await (const batch of batches) {
    const out: SourceRow[] = [];
    for (const r of batch) pipeline.push(r, out);
    yield* out;
  }
  const out: SourceRow[] = [];
  pipeline.finish(out);
  yield* out;
}
