/**
 * Finding the header row of an operator's sheet and mapping its columns to import fields.
 *
 * - Search: every row among the first rows read (HEAD_ROWS non-empty rows) is a candidate; its score is the
 *   number of distinct fields its cells name exactly (weak fields — No, Keterangan — do not count). Title
 *   rows ("DAFTAR USULAN DTKS DESA …") score 0 and are passed over.
 * - Two-row headers: a group header above sub-headers ("BANSOS" over "PKH | BPNT | PBI", with NIK, NAMA
 *   merged over both rows). Merged regions are filled first (fillMerges: a value applies to every cell it
 *   spans). A row pairs with the row under it when the lower row looks like sub-headers (its own cells name
 *   fields, and none looks like data) and the upper row is itself header-like (names a field, or has cells
 *   merged down or standing alone over an empty sub-cell) — so a title row is never taken as a group header.
 *   Each column is then read as: sub-header, else "group sub-header", else the group header when the
 *   sub-cell is empty.
 * - Column-number row: the row right under the header holding 1, 2, 3 … or (1), (2) … is skipped.
 * - The operator's saved mapping (header text → field, '' = ignore) is applied before synonyms, then exact
 *   synonyms, then typo-tolerant matching (fields.fuzzyField). When two columns name the same field, the saved
 *   mapping wins, then exact before fuzzy, then the leftmost; the other column is kept as ignored.
 * - A header is recognisable only if its fields fit a preset (presets.ts), i.e. at least NIK and Nama.
 */
import { cellText, columnLetter, isEmptyCell } from './cells';
import { readErrors } from './errors';
import { exactField, fuzzyField, headerKey, isFieldKey, WEAK_FIELDS, type FieldKey } from './fields';
import { detectPreset, type PresetMatch } from './presets';
import type { CellValue, MergeRange, RawRow, SourceColumn } from './types';

/** How many non-empty rows at the top of a sheet are searched for the header. */
export const HEAD_ROWS = 40;

/** headerKey → field, or null for "ignore this column". */
export type OverrideMap = ReadonlyMap<string, FieldKey | null>;

export interface HeaderDetection {
  headerRow: number;
  headerRowCount: 1 | 2;
  numberRow: number | null;
  dataStartRow: number;
  columns: SourceColumn[];
  preset: PresetMatch;
  /** Per header row (top first), the header text of each column: used to recognise repeated headers. */
  headerTexts: string[][];
}

export interface HeaderSearch {
  detection: HeaderDetection | null;
  /** The most header-like row, for the NO_HEADER message. */
  seen: { row: number; headers: string[] } | null;
}

/** Validates and indexes a saved mapping. Throws MAPPING_INVALID for a value that is not a field key. */
export function compileOverride(override: Record<string, string> | undefined): OverrideMap {
  const m = new Map<string, FieldKey | null>();
  if (!override) return m;
  for (const [header, value] of Object.entries(override)) {
    const key = headerKey(header);
    if (key === '') continue;
    if (value === '') m.set(key, null);
    else if (isFieldKey(value)) m.set(key, value);
    else throw readErrors.mappingInvalid(header, value);
  }
  return m;
}

/** Copies each merged region's top-left value into every cell it spans (rows outside `rows` are ignored). */
export function fillMerges(rows: readonly RawRow[], merges: readonly MergeRange[]): RawRow[] {
  if (merges.length === 0) return rows.map((r) => ({ row: r.row, cells: [...r.cells] }));
  const byRow = new Map<number, RawRow>();
  const out = rows.map((r) => {
    const copy = { row: r.row, cells: [...r.cells] };
    byRow.set(r.row, copy);
    return copy;
  });
  for (const m of merges) {
    const origin = byRow.get(m.top)?.cells[m.left - 1];
    if (origin === undefined || origin === null) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      const target = byRow.get(r);
      if (!target) continue;
      for (let c = m.left; c <= m.right; c++) {
        while (target.cells.length < c) target.cells.push(null);
        if (isEmptyCell(target.cells[c - 1])) target.cells[c - 1] = origin;
      }
    }
  }
  return out;
}

const NUMBER_CELL = /^\(?\s*(\d{1,3})\s*\)?\.?$/;

/** "1 2 3 …" or "(1) (2) (3) …": at least 3 non-empty cells, all small integers, strictly increasing. */
export function isNumberRow(cells: readonly CellValue[]): boolean {
  let count = 0;
  let prev = -1;
  for (const v of cells) {
    if (isEmptyCell(v)) continue;
    let n: number;
    if (typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0 || v > 999) return false;
      n = v;
    } else if (typeof v === 'string') {
      const m = NUMBER_CELL.exec(v.trim());
      if (!m || m[1] === undefined) return false;
      n = Number(m[1]);
    } else {
      return false;
    }
    if (n <= prev) return false;
    prev = n;
    count++;
  }
  return count >= 3;
}

type Via = 'override' | 'exact' | 'fuzzy';

interface Guess {
  header: string;
  field: FieldKey | null;
  via: Via | null;
}

function lookup(text: string, override: OverrideMap, fuzzy: boolean): { field: FieldKey | null; via: Via } | null {
  if (text === '') return null;
  const key = headerKey(text);
  if (override.has(key)) return { field: override.get(key) ?? null, via: 'override' };
  const exact = exactField(text);
  if (exact !== null) return { field: exact, via: 'exact' };
  if (fuzzy) {
    const f = fuzzyField(text);
    if (f !== null) return { field: f, via: 'fuzzy' };
  }
  return null;
}

/** True when the text is only an example in parentheses, e.g. "(31/01/2000)". */
function isOnlyExample(text: string): boolean {
  return text !== '' && text.replace(/\([^)]*\)|\[[^\]]*\]/g, '').trim() === '';
}

function guessColumn(top: string, bottom: string | null, override: OverrideMap, fuzzy: boolean): Guess {
  if (bottom === null || bottom === '' || top === bottom || isOnlyExample(bottom)) {
    const header = bottom && isOnlyExample(bottom) && top !== '' ? `${top} ${bottom}` : top || (bottom ?? '');
    const hit = lookup(header, override, false) ?? lookup(top || (bottom ?? ''), override, fuzzy);
    return { header, field: hit?.field ?? null, via: hit?.via ?? null };
  }
  if (top === '') {
    const hit = lookup(bottom, override, fuzzy);
    return { header: bottom, field: hit?.field ?? null, via: hit?.via ?? null };
  }
  const header = `${top} ${bottom}`;
  const hit =
    lookup(header, override, false) ??
    lookup(bottom, override, false) ??
    lookup(header, override, fuzzy) ??
    lookup(bottom, override, fuzzy);
  return { header, field: hit?.field ?? null, via: hit?.via ?? null };
}

const VIA_RANK: Record<Via, number> = { override: 0, exact: 1, fuzzy: 2 };

function buildColumns(topTexts: string[], bottomTexts: string[] | null, override: OverrideMap, fuzzy: boolean): SourceColumn[] {
  const width = Math.max(topTexts.length, bottomTexts?.length ?? 0);
  const guesses: Guess[] = [];
  for (let c = 0; c < width; c++) {
    guesses.push(guessColumn(topTexts[c] ?? '', bottomTexts ? (bottomTexts[c] ?? '') : null, override, fuzzy));
  }
  // One column per field: saved mapping, then exact, then fuzzy; leftmost first.
  const owner = new Map<FieldKey, number>();
  guesses.forEach((g, c) => {
    if (g.field === null || g.via === null) return;
    const prev = owner.get(g.field);
    const prevVia = prev === undefined ? undefined : guesses[prev]?.via;
    if (prev === undefined || (prevVia && VIA_RANK[g.via] < VIA_RANK[prevVia])) owner.set(g.field, c);
  });
  // Trailing columns with neither a header nor a field are dropped.
  let last = guesses.length - 1;
  while (last >= 0 && guesses[last]?.header === '') last--;
  const columns: SourceColumn[] = [];
  for (let c = 0; c <= last; c++) {
    const g = guesses[c];
    if (!g) continue;
    const field = g.field !== null && owner.get(g.field) === c ? g.field : null;
    columns.push({ index: c, letter: columnLetter(c), header: g.header, field });
  }
  return columns;
}

function strongCount(columns: readonly SourceColumn[]): number {
  const s = new Set<FieldKey>();
  for (const c of columns) if (c.field !== null && !WEAK_FIELDS.has(c.field)) s.add(c.field);
  return s.size;
}

function texts(row: RawRow): string[] {
  return row.cells.map((v) => cellText(v));
}

function looksLikeData(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return true;
  return /\d{5,}/.test(v);
}

/** The lower row holds sub-headers of the upper one (see the file comment). */
function pairsWith(top: RawRow, bottom: RawRow, override: OverrideMap): boolean {
  if (bottom.row !== top.row + 1 || isNumberRow(bottom.cells)) return false;
  const t = texts(top);
  const b = texts(bottom);
  let distinct = 0;
  let matched = 0;
  for (let c = 0; c < b.length; c++) {
    const bt = b[c] ?? '';
    const tt = t[c] ?? '';
    if (bt === '' || bt === tt) continue;
    if (looksLikeData(bottom.cells[c])) return false;
    distinct++;
    if (isOnlyExample(bt)) continue;
    if (lookup(bt, override, false) || (tt !== '' && lookup(`${tt} ${bt}`, override, false))) matched++;
  }
  if (distinct === 0) return b.some((x) => x !== '');
  if (matched === 0 || matched * 2 < distinct) return false;
  // The upper row must be a header row itself, not a title.
  for (let c = 0; c < Math.max(t.length, b.length); c++) {
    const tt = t[c] ?? '';
    if (tt === '') continue;
    const bt = b[c] ?? '';
    if (bt === '' || bt === tt || lookup(tt, override, false)) return true;
  }
  return false;
}

interface Candidate {
  index: number;
  pair: boolean;
  score: number;
}

/**
 * When no row names a field: the row with the most text cells that do not look like data (a title row has
 * one, the header one per column), the first of equals. It is what the user maps by hand.
 */
function mostHeaderLike(rows: readonly RawRow[]): RawRow | undefined {
  let best: RawRow | undefined;
  let bestCount = 0;
  for (const row of rows) {
    const count = row.cells.filter((v) => typeof v === 'string' && v.trim() !== '' && !looksLikeData(v)).length;
    if (count > bestCount) [best, bestCount] = [row, count];
  }
  return best ?? rows[0];
}

/** A header that names NIK but fits no registry layout, accepted when the caller reads a list keyed by NIK alone. */
const NIK_LIST: PresetMatch = { id: 'sederhana', label: 'Daftar ber-NIK', score: 0 };

/**
 * `nikAlone`: a header naming NIK is enough (an agency's intervention list has NIK and its own columns, maybe
 * no Nama); otherwise the header must fit a registry layout (presets.ts).
 */
export function detectHeader(head: readonly RawRow[], override: OverrideMap = new Map(), nikAlone = false): HeaderSearch {
  const rows = head.filter((r) => r.cells.some((v) => !isEmptyCell(v)));
  const candidates: Candidate[] = [];
  rows.forEach((row, i) => {
    candidates.push({ index: i, pair: false, score: strongCount(buildColumns(texts(row), null, override, false)) });
    const next = rows[i + 1];
    if (next && pairsWith(row, next, override)) {
      candidates.push({ index: i, pair: true, score: strongCount(buildColumns(texts(row), texts(next), override, false)) });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index || Number(b.pair) - Number(a.pair));

  const bestRow = candidates[0] && candidates[0].score > 0 ? rows[candidates[0].index] : mostHeaderLike(rows);
  const seen = bestRow ? { row: bestRow.row, headers: texts(bestRow).filter((t) => t !== '') } : null;

  for (const cand of candidates.slice(0, 6)) {
    if (cand.score < 1) break;
    const top = rows[cand.index];
    if (!top) continue;
    const bottom = cand.pair ? rows[cand.index + 1] : undefined;
    const topTexts = texts(top);
    const bottomTexts = bottom ? texts(bottom) : null;
    const columns = buildColumns(topTexts, bottomTexts, override, true);
    const preset = detectPreset(columns) ?? (nikAlone && columns.some((c) => c.field === 'nik') ? NIK_LIST : null);
    if (!preset) continue;
    const lastHeaderRow = (bottom ?? top).row;
    const after = rows[cand.index + (cand.pair ? 2 : 1)];
    const numberRow = after && after.row === lastHeaderRow + 1 && isNumberRow(after.cells) ? after.row : null;
    return {
      detection: {
        headerRow: top.row,
        headerRowCount: cand.pair ? 2 : 1,
        numberRow,
        dataStartRow: (numberRow ?? lastHeaderRow) + 1,
        columns,
        preset,
        headerTexts: bottomTexts ? [topTexts, bottomTexts] : [topTexts],
      },
      seen,
    };
  }
  return { detection: null, seen };
}
