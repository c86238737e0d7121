/**
 * Types of the reading layer of the Excel/CSV import: what a source file looks like once its header is found,
 * and the rows it yields. Validation, region matching and the database commit build on these.
 */
import type { FieldKey } from './fields';
import type { PresetId } from './presets';

/**
 * A cell as the sheet holds it, never converted: a NIK typed as a number stays a JS number (so the validator
 * can say "NIK tersimpan sebagai angka"), a date-formatted cell is a Date (at UTC midnight), a text date
 * stays text, a formula gives its cached result, rich text is concatenated. Empty → null.
 */
export type CellValue = string | number | boolean | Date | null;

/** One physical row of the sheet: 1-based row number as Excel shows it, cells from column A (index 0). */
export interface RawRow {
  row: number;
  cells: CellValue[];
  /** See SourceRow.overlong. */
  overlong?: number[];
}

/** A rectangular merged region, 1-based inclusive rows and columns. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SourceColumn {
  /** 0-based column index: the position of this column's cell in SourceRow.raw. */
  index: number;
  /** Column letter as Excel shows it ('A', 'B', … 'AA'). */
  letter: string;
  /** The header text as the sheet shows it (two-row headers: "GROUP SUB"); '' when the column has none. */
  header: string;
  /** The canonical field, or null when the column is not recognised (kept, ignored). */
  field: FieldKey | null;
}

export interface SheetInfo {
  name: string;
  /** hidden or veryHidden in the workbook: never chosen automatically. */
  hidden: boolean;
}

export interface SourceInfo {
  fileName: string;
  fileType: 'xlsx' | 'csv' | 'xls' | 'ods';
  /** Every sheet in tab order (a CSV has one, named after the file). */
  sheets: SheetInfo[];
  /** The sheet being read. */
  sheet: string;
  /** First header row, 1-based as Excel shows it. */
  headerRow: number;
  /** 1, or 2 for a group header above sub-headers. */
  headerRowCount: number;
  /** First row after the header (and after the column-number row, if any), 1-based. */
  dataStartRow: number;
  /** The column-number row under the header ("1 2 3 …", "(1) (2) …"), if there is one. */
  numberRow: number | null;
  preset: { id: PresetId; label: string };
  columns: SourceColumn[];
}

export interface SourceRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /**
   * The recognised columns' cells by field. A field whose column exists but whose cell is empty is present
   * with null; a field with no column in the sheet is absent.
   */
  values: Partial<Record<FieldKey, CellValue>>;
  /** Every cell of the row in column order (at least as many as there are columns), for the rejected-rows file. */
  raw: CellValue[];
  /**
   * Present only when some cell's text was longer than Excel's 32,767 characters (LIMITS.cellChars; another
   * program wrote it): those cells' 0-based column indexes (as in `raw`). Their values hold the first 32,767
   * characters only, so the checking layer should reject the row (e.g. "Isi sel terlalu panjang (lebih dari
   * 32.767 karakter)"). Far larger text (LIMITS.cellHardChars) stops the read with ImportReadError CELL_TOO_LARGE.
   */
  overlong?: readonly number[];
}

export type SkipReason = 'footer' | 'header-repeat' | 'number-row';

/** A non-empty row that was not emitted as data, and why (so nothing disappears silently). */
export interface SkippedRow {
  row: number;
  reason: SkipReason;
  /** The row's non-empty cells as text, joined by " | ". */
  text: string;
}

export interface ReadProgress {
  /** Bytes of the sheet read so far: xlsx, of the sheet's uncompressed XML; CSV, of the file; xls/ods, rows. */
  bytesRead: number;
  /** Their total (bytesRead / totalBytes is the share done). */
  totalBytes: number;
  /** The last sheet row read. */
  row: number;
  /**
   * The last sheet row the reader has taken from the file, at `bytesRead`: ahead of `row` while rows wait in a
   * read-ahead, but of the same moment as bytesRead, so that the two give the share of the sheet's rows read.
   */
  scannedRow: number;
  /** The sheet's last row as stated by the file (xlsx `<dimension>`), or null when unknown (CSV). */
  lastRow: number | null;
}

export type SourceInput = { path: string } | { bytes: Uint8Array; fileName: string };

export interface OpenSourceOptions {
  /** Read this sheet (by name, case-insensitive) instead of the first visible one with a header. */
  sheet?: string;
  /**
   * A mapping the operator saved earlier: header text → field key, or '' to ignore the column.
   * Header texts are compared like synonyms (case, spaces and punctuation ignored).
   */
  mappingOverride?: Record<string, string>;
  /**
   * Accept a header that names NIK without fitting a registry layout (no Nama): for lists keyed by NIK alone,
   * such as an agency's intervention list. Default false (the registry import needs NIK and Nama).
   */
  nikAlone?: boolean;
  /** Largest accepted file in bytes (default 200 MB). */
  maxBytes?: number;
  /**
   * Called between pieces of every part the reader inflates or scans (at most every 64 KB of XML or 1 MB of
   * CSV, so within milliseconds even inside a huge cell or junk region), while openSource() runs and while
   * rows() is iterated. Throw to cancel (e.g. the job runner's throwIfCancelled); what it throws is rethrown
   * unchanged, never turned into an ImportReadError.
   */
  throwIfCancelled?: () => void;
}

export interface RowsOptions {
  /**
   * Rows without their `values` (an empty object): for the import's reader thread, whose receiver makes them
   * from the cells it is sent (threadedSource.ts) — made in the thread too, they were garbage to collect.
   */
  cellsOnly?: boolean;
}

export interface Source extends SourceInfo {
  /**
   * The data rows, streamed. Empty rows, the column-number row, rows repeating the header and footer
   * (signature) blocks are not emitted; skipped() lists the non-empty ones. May be called again to read the
   * rows once more (e.g. preview, then commit); each call starts from the top.
   */
  rows(options?: RowsOptions): AsyncGenerator<SourceRow, void, undefined>;
  /** Non-empty rows left out by the current/last rows() iteration. */
  skipped(): readonly SkippedRow[];
  progress(): ReadProgress;
  /** Releases the file when rows() is not (fully) iterated. Idempotent. */
  close(): Promise<void>;
}
