/**
 * From the sheet's physical rows to SourceRows: rows above dataStartRow are dropped, empty rows skipped,
 * vertically merged data cells filled down, column-number rows and repeated headers (page breaks copied from a
 * printout) skipped, footer blocks held back and dropped by the rule in footer.ts.
 */
import { cellText, isEmptyCell } from './cells';
import { IDENTITY_FIELDS, type FieldKey } from './fields';
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
}

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

function rowText(cells: readonly CellValue[]): string {
  return cells
    .map((v) => cellText(v))
    .filter((t) => t !== '')
    .join(' | ');
}

export async function* toSourceRows(
  rows: AsyncIterable<RawRow>,
  cfg: RowPipelineConfig,
  hooks: RowPipelineHooks,
): AsyncGenerator<SourceRow, void, undefined> {
  const width = cfg.columns.length;
  const mapped = cfg.columns.filter((c): c is SourceColumn & { field: FieldKey } => c.field !== null);
  const noIndex = cfg.columns.find((c) => c.field === 'no')?.index ?? -1;
  const identityIdx = mapped.filter((c) => IDENTITY_FIELDS.includes(c.field)).map((c) => c.index);
  const headerUpper = cfg.headerTexts.map((t) => t.map((s) => s.toUpperCase()));

  // Vertical merges in the data area, by top row.
  const downMerges = cfg.merges
    .filter((m) => m.bottom > m.top && m.top >= cfg.dataStartRow)
    .sort((a, b) => a.top - b.top);
  let nextMerge = 0;
  let active: { col: number; bottom: number; value: CellValue }[] = [];

  const held: HeldRow<Prepared>[] = [];
  /** An empty row since the last non-empty one (rows absent from the file are empty too). */
  let gap = false;
  let prevRow = cfg.dataStartRow - 1;

  function prepare(raw: RawRow): Prepared {
    const values: Partial<Record<FieldKey, CellValue>> = {};
    for (const c of mapped) {
      const v = raw.cells[c.index];
      values[c.field] = v === undefined || isEmptyCell(v) ? null : v;
    }
    return { raw, values };
  }

  function toSourceRow(p: Prepared): SourceRow {
    const raw = p.raw.cells;
    while (raw.length < width) raw.push(null);
    return { row: p.raw.row, values: p.values, raw };
  }

  function* release(): Generator<SourceRow> {
    if (held.length === 0) return;
    const { data, footer } = resolveHeld(held);
    held.length = 0;
    for (const p of data) yield toSourceRow(p);
    for (const p of footer) hooks.onSkip({ row: p.raw.row, reason: 'footer', text: rowText(p.raw.cells) });
  }

  function isHeaderRepeat(cells: readonly CellValue[], nonEmpty: number): boolean {
    for (const texts of headerUpper) {
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

  for await (const r of rows) {
    hooks.onRow?.(r.row);
    if (r.row < cfg.dataStartRow) continue;
    const cells = r.cells;

    // Count content (the row-number column does not make a row non-empty).
    let content = 0;
    for (let c = 0; c < cells.length; c++) {
      if (c !== noIndex && !isEmptyCell(cells[c])) content++;
    }

    // Fill down vertical merges (after the emptiness test: a merged value alone does not make a row).
    while (nextMerge < downMerges.length && (downMerges[nextMerge]?.top ?? Infinity) <= r.row) {
      const m = downMerges[nextMerge++];
      if (m && m.top === r.row) active.push({ col: m.left - 1, bottom: m.bottom, value: cells[m.left - 1] ?? null });
    }
    if (active.length > 0) {
      active = active.filter((a) => a.bottom >= r.row);
      for (const a of active) {
        while (cells.length <= a.col) cells.push(null);
        if (isEmptyCell(cells[a.col])) cells[a.col] = a.value;
      }
    }

    if (content === 0) {
      gap = true;
      continue;
    }
    if (r.row > prevRow + 1) gap = true;
    prevRow = r.row;
    const identity = identityIdx.some((c) => hasSixDigits(cells[c]));
    if (!identity) {
      if (isNumberRow(cells)) {
        hooks.onSkip({ row: r.row, reason: 'number-row', text: rowText(cells) });
        continue;
      }
      if (isHeaderRepeat(cells, content + (noIndex >= 0 && !isEmptyCell(cells[noIndex]) ? 1 : 0))) {
        yield* release();
        hooks.onSkip({ row: r.row, reason: 'header-repeat', text: rowText(cells) });
        gap = false;
        continue;
      }
    }

    const p = prepare(r);
    if (content <= MAX_FOOTER_CELLS) {
      const marker = cells.some((v) => typeof v === 'string' && isSignatureText(v));
      if (marker || !identity) {
        held.push({ item: p, gapBefore: gap, marker });
        gap = false;
        if (held.length > MAX_HELD) {
          for (const h of held.splice(0)) yield toSourceRow(h.item);
        }
        continue;
      }
    }
    gap = false;
    yield* release();
    yield toSourceRow(p);
  }
  yield* release();
}
