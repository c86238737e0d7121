/**
 * The single entry of the reading layer: openSource() finds the sheet and its header, then streams the rows.
 *
 * Sheet choice (.xlsx): the named sheet (opts.sheet, hidden or not), else the first *visible* sheet in tab
 * order whose header is recognisable; hidden and veryHidden sheets (lookup lists, old copies) are never chosen
 * automatically. Each candidate's first rows are read to find the header; the chosen sheet's rows continue
 * from that same read, so a normal import reads the sheet once (plus one inflate for its merged regions).
 */
import path from 'node:path';
import { isEmptyCell } from './cells';
import { parseCsv } from './csv';
import { RowPipeline } from './dataRows';
import { DEFAULT_MAX_BYTES, asReadError, cancelCheck, readErrors, type HeaderSeen } from './errors';
import { HEAD_ROWS, compileOverride, detectHeader, fillMerges, type HeaderDetection, type OverrideMap } from './header';
import { openLegacyBook } from './legacy';
import { sniffSource } from './sniff';
import type {
  MergeRange,
  OpenSourceOptions,
  RawRow,
  ReadProgress,
  RowsOptions,
  SheetInfo,
  SkippedRow,
  Source,
  SourceInfo,
  SourceInput,
  SourceRow,
} from './types';
import { counted, openByteStream } from './bytes';
import { XlsxBook, type RowPass } from './xlsx';
import { openXlsxIndex, type SheetScan } from './xlsxIndex';

/** Physical rows read at most while looking for HEAD_ROWS non-empty ones. */
const HEAD_MAX_PHYSICAL = 2000;
/** Rows read ahead (kept for rows()) while the merge pre-scan of an xlsx sheet finishes. */
const READ_AHEAD_MAX = 5_000;

interface Head {
  /** Every row read so far (the last batch may reach past the head). */
  rows: RawRow[];
  /** True when the sheet ended within them. */
  ended: boolean;
}

async function readHead(batches: AsyncIterator<RawRow[]>): Promise<Head> {
  const out: RawRow[] = [];
  let nonEmpty = 0;
  while (nonEmpty < HEAD_ROWS && out.length < HEAD_MAX_PHYSICAL) {
    const r = await batches.next();
    if (r.done) return { rows: out, ended: true };
    for (const row of r.value) {
      out.push(row);
      if (row.cells.some((v) => !isEmptyCell(v))) nonEmpty++;
    }
  }
  return { rows: out, ended: false };
}

/** The head's first HEAD_ROWS non-empty rows (and the empty ones among them): what the header search sees. */
function headForSearch(head: Head): RawRow[] {
  let nonEmpty = 0;
  const out: RawRow[] = [];
  for (const row of head.rows) {
    if (nonEmpty >= HEAD_ROWS) break;
    out.push(row);
    if (row.cells.some((v) => !isEmptyCell(v))) nonEmpty++;
  }
  return out;
}

function isBlank(head: Head): boolean {
  return head.ended && !head.rows.some((r) => r.cells.some((v) => !isEmptyCell(v)));
}

interface Primed {
  pass: RowPass;
  head: Head;
}

interface Plan {
  info: SourceInfo;
  detection: HeaderDetection;
  merges: readonly MergeRange[];
  lastRow: number | null;
  totalBytes: number;
  primed: Primed | null;
  reopen(): Promise<RowPass>;
}

function buildSource(plan: Plan): Source {
  let primed = plan.primed;
  // Held here only, so that the rows read ahead can be let go once rows() has processed them.
  plan.primed = null;
  let current: RowPass | null = null;
  /** The pass of the current or last rows() iteration, kept for progress(). */
  let lastPass: RowPass | null = null;
  let skipped: SkippedRow[] = [];
  let lastRowSeen = 0;
  /** The last physical row the current rows() iteration has taken from its pass (see ReadProgress.scannedRow). */
  let scannedRow = 0;
  const cfg = {
    dataStartRow: plan.detection.dataStartRow,
    columns: plan.info.columns,
    headerTexts: plan.detection.headerTexts,
    merges: plan.merges,
  };

  async function* rows(options: RowsOptions = {}): AsyncGenerator<SourceRow, void, undefined> {
    let pass: RowPass;
    let first: RawRow[] = [];
    let ended = false;
    if (primed) {
      pass = primed.pass;
      first = primed.head.rows;
      ended = primed.head.ended;
      primed = null;
    } else {
      pass = await plan.reopen();
    }
    current = pass;
    lastPass = pass;
    skipped = [];
    lastRowSeen = 0;
    scannedRow = 0;
    const mine: SkippedRow[] = skipped;
    const pipeline = new RowPipeline({ ...cfg, cellsOnly: options.cellsOnly === true }, {
      onSkip: (s) => mine.push(s),
      onRow: (r) => {
        scannedRow = r;
      },
    });
    // Rows are processed a batch at a time (synchronously) and handed out one by one; progress().row is the
    // row last handed out, and the sheet's last row once the iteration is over.
    function* handOut(out: readonly SourceRow[]): Generator<SourceRow> {
      for (const r of out) {
        lastRowSeen = r.row;
        yield r;
      }
    }
    try {
      let out: SourceRow[] = [];
      for (const r of first) pipeline.push(r, out);
      // The rows read ahead (up to READ_AHEAD_MAX) are let go once processed, not kept for the whole sheet.
      first = [];
      yield* handOut(out);
      while (!ended) {
        const next = await pass.rows.next();
        if (next.done) break;
        out = [];
        for (const r of next.value) pipeline.push(r, out);
        yield* handOut(out);
      }
      out = [];
      pipeline.finish(out);
      yield* handOut(out);
      lastRowSeen = scannedRow;
    } finally {
      if (current === pass) current = null;
      await pass.close();
    }
  }

  return {
    ...plan.info,
    rows,
    skipped: () => skipped,
    progress(): ReadProgress {
      const pass = lastPass ?? primed?.pass ?? null;
      return {
        bytesRead: pass ? Math.min(pass.bytesRead(), plan.totalBytes) : 0,
        totalBytes: plan.totalBytes,
        row: lastRowSeen,
        scannedRow,
        lastRow: plan.lastRow,
      };
    },
    async close() {
      const p = primed;
      primed = null;
      if (p) await p.pass.close();
      const c = current;
      current = null;
      if (c) await c.close();
    },
  };
}

function infoFrom(
  fileName: string,
  fileType: SourceInfo['fileType'],
  sheets: SheetInfo[],
  sheet: string,
  d: HeaderDetection,
): SourceInfo {
  return {
    fileName,
    fileType,
    sheets,
    sheet,
    headerRow: d.headerRow,
    headerRowCount: d.headerRowCount,
    dataStartRow: d.dataStartRow,
    numberRow: d.numberRow,
    preset: { id: d.preset.id, label: d.preset.label },
    columns: d.columns,
  };
}

// ---------------------------------------------------------------------------------------------- CSV

async function openCsv(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  size: number,
  override: OverrideMap,
  check: () => void,
  nikAlone: boolean,
): Promise<Source> {
  const sheetName = path.basename(fileName).replace(/\.[^.]+$/, '') || fileName;
  const open = (): RowPass => {
    const stream = openByteStream(input);
    let parsed = 0;
    const rows = parseCsv(counted(stream, (n) => (parsed += n)), check);
    return {
      rows,
      bytesRead: () => parsed,
      async close() {
        await rows.return(undefined);
        stream.destroy();
      },
    };
  };
  const pass = open();
  try {
    const head = await readHead(pass.rows);
    if (isBlank(head)) throw readErrors.emptySheet(null);
    const { detection, seen } = detectHeader(headForSearch(head), override, nikAlone);
    if (!detection) throw readErrors.noHeader(seen ? [{ sheet: sheetName, ...seen }] : []);
    return buildSource({
      info: infoFrom(fileName, 'csv', [{ name: sheetName, hidden: false }], sheetName, detection),
      detection,
      merges: [],
      lastRow: null,
      totalBytes: size,
      primed: { pass, head },
      reopen: async () => open(),
    });
  } catch (e) {
    await pass.close();
    throw e;
  }
}

// --------------------------------------------------------------------------------------------- XLSX

interface Examination {
  seen: HeaderSeen | null;
  blank: boolean;
}

function findSheet<S extends SheetInfo>(sheets: readonly S[], name: string): S | undefined {
  const want = name.trim().toLowerCase();
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === want);
}

/** The sheets to examine: the one asked for (hidden or not), else every visible one in tab order. */
function candidatesOf<S extends SheetInfo>(all: readonly S[], wanted: string | undefined): S[] {
  if (wanted !== undefined) {
    const s = findSheet(all, wanted);
    if (!s) throw readErrors.sheetNotFound(wanted, all.map((x) => x.name));
    return [s];
  }
  if (all.length === 0) throw readErrors.emptySheet(null);
  const visible = all.filter((s) => !s.hidden);
  if (visible.length === 0) throw readErrors.noHeader([]);
  return visible;
}

/** No candidate had a header: EMPTY_SHEET when all were blank, else NO_HEADER with what each showed. */
function noSheetError(candidates: readonly SheetInfo[], exams: readonly Examination[]): Error {
  if (exams.every((x) => x.blank)) {
    return readErrors.emptySheet(candidates.length === 1 && candidates[0] ? candidates[0].name : null);
  }
  return readErrors.noHeader(exams.map((x) => x.seen).filter((s): s is HeaderSeen => s !== null));
}

async function openXlsx(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  opts: OpenSourceOptions,
  override: OverrideMap,
): Promise<Source> {
  const check = cancelCheck(opts.throwIfCancelled);
  const index = await openXlsxIndex(input, fileName, check);
  const all = index.sheets;
  const sheets: SheetInfo[] = all.map((s) => ({ name: s.name, hidden: s.hidden }));
  const candidates = candidatesOf(all, opts.sheet);
  // The merges come from a separate inflate of the same sheet XML, run alongside the head read; the first
  // candidate's starts now, beside the shared strings' read, so that the rows wait less for it.
  const startScan = (entry: (typeof candidates)[number]): Promise<SheetScan> => {
    const scanning = index.scanSheet(entry);
    scanning.catch(() => undefined);
    return scanning;
  };
  let early: Promise<SheetScan> | null = candidates[0] ? startScan(candidates[0]) : null;
  const book = await XlsxBook.open(index, fileName, check);

  const exams: Examination[] = [];
  for (const entry of candidates) {
    const scanning = early ?? startScan(entry);
    early = null;
    const pass = await book.openSheet(entry);
    let keep = false;
    try {
      const head = await readHead(pass.rows);
      // The pre-scan inflates the sheet on libuv's thread pool; keep parsing rows meanwhile instead of idling.
      let scanned = false;
      void scanning.then(
        () => (scanned = true),
        () => (scanned = true),
      );
      while (!scanned && !head.ended && head.rows.length < READ_AHEAD_MAX) {
        const r = await pass.rows.next();
        if (r.done) head.ended = true;
        else for (const row of r.value) head.rows.push(row);
      }
      const scan = await scanning;
      const { detection, seen } = detectHeader(fillMerges(headForSearch(head), scan.merges), override, opts.nikAlone === true);
      if (detection) {
        keep = true;
        return buildSource({
          info: infoFrom(fileName, 'xlsx', sheets, entry.name, detection),
          detection,
          merges: scan.merges,
          lastRow: scan.lastRow,
          totalBytes: book.sheetSize(entry),
          primed: { pass, head },
          reopen: () => book.openSheet(entry),
        });
      }
      exams.push({ seen: seen ? { sheet: entry.name, ...seen } : null, blank: isBlank(head) });
    } finally {
      if (!keep) await pass.close();
    }
  }
  throw noSheetError(candidates, exams);
}

// ------------------------------------------------------------------------------------------ XLS, ODS

async function openLegacy(
  input: { path: string } | { bytes: Uint8Array },
  kind: 'xls' | 'ods',
  fileName: string,
  opts: OpenSourceOptions,
  override: OverrideMap,
): Promise<Source> {
  const check = cancelCheck(opts.throwIfCancelled);
  const book = await openLegacyBook(input, kind, fileName, check);
  const sheets: SheetInfo[] = book.sheets.map((s) => ({ name: s.name, hidden: s.hidden }));
  const candidates = candidatesOf(book.sheets, opts.sheet);
  const exams: Examination[] = [];
  for (const sheet of candidates) {
    const pass = sheet.open(check);
    let keep = false;
    try {
      const head = await readHead(pass.rows);
      const { detection, seen } = detectHeader(fillMerges(headForSearch(head), sheet.merges), override, opts.nikAlone === true);
      if (detection) {
        keep = true;
        return buildSource({
          info: infoFrom(fileName, kind, sheets, sheet.name, detection),
          detection,
          merges: sheet.merges,
          lastRow: sheet.lastRow,
          totalBytes: sheet.lastRow,
          primed: { pass, head },
          reopen: async () => sheet.open(check),
        });
      }
      exams.push({ seen: seen ? { sheet: sheet.name, ...seen } : null, blank: isBlank(head) });
    } finally {
      if (!keep) await pass.close();
    }
  }
  throw noSheetError(candidates, exams);
}

// -------------------------------------------------------------------------------------------- entry

function fileNameOf(input: SourceInput): string {
  return 'path' in input ? path.basename(input.path) : input.fileName;
}

/**
 * Opens an operator's .xlsx, .xls, .ods or .csv: checks the file (ImportReadError codes FILE_TOO_LARGE, FILE_NOT_XLSX,
 * FILE_ENCRYPTED, FILE_XLS_OLD, FILE_CORRUPT, FILE_NOT_FOUND), chooses the sheet (SHEET_NOT_FOUND), finds the
 * header (NO_HEADER, EMPTY_SHEET) and returns what was found plus rows(), a stream of the data rows.
 */
/** What a source found, without its rows (to send to another thread, or keep beside a preview's checked rows). */
export function sourceInfo(s: SourceInfo): SourceInfo {
  const { fileName, fileType, sheets, sheet, headerRow, headerRowCount, dataStartRow, numberRow, preset, columns } = s;
  return { fileName, fileType, sheets, sheet, headerRow, headerRowCount, dataStartRow, numberRow, preset, columns };
}

export async function openSource(input: SourceInput, opts: OpenSourceOptions = {}): Promise<Source> {
  const fileName = fileNameOf(input);
  const override = compileOverride(opts.mappingOverride);
  const where = 'path' in input ? { path: input.path } : { bytes: input.bytes };
  const { kind, size } = await sniffSource(where, fileName, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  try {
    if (kind === 'csv') return await openCsv(where, fileName, size, override, cancelCheck(opts.throwIfCancelled), opts.nikAlone === true);
    if (kind === 'xls' || kind === 'ods') return await openLegacy(where, kind, fileName, opts, override);
    return await openXlsx(where, fileName, opts, override);
  } catch (e) {
    throw kind === 'csv' ? e : asReadError(e, fileName);
  }
}
