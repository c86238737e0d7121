/**
 * The single entry of the reading layer: openSource() finds the sheet and its header, then streams the rows.
 *
 * Sheet choice (.xlsx): the named sheet (opts.sheet, hidden or not), else the first *visible* sheet in tab
 * order whose header is recognisable; hidden and veryHidden sheets (lookup lists, old copies) are never chosen
 * automatically. Sheets are examined in one forward pass (archive order, which is tab order unless tabs were
 * dragged); the header search reads only the first rows of each, and the chosen sheet's rows continue from
 * the same pass, so a normal import reads the file once. Only when an earlier tab is stored later in the
 * archive and turns out to have no header is the file opened a second time.
 */
import path from 'node:path';
import { isEmptyCell } from './cells';
import { parseCsv } from './csv';
import { toSourceRows } from './dataRows';
import { DEFAULT_MAX_BYTES, ImportReadError, readErrors, type HeaderSeen } from './errors';
import { HEAD_ROWS, compileOverride, detectHeader, fillMerges, type HeaderDetection, type OverrideMap } from './header';
import { sniffSource } from './sniff';
import type {
  MergeRange,
  OpenSourceOptions,
  RawRow,
  ReadProgress,
  SheetInfo,
  SkippedRow,
  Source,
  SourceInfo,
  SourceInput,
  SourceRow,
} from './types';
import { XlsxPass, isSheet, openByteStream, openSheetPass, type RowPass, type StreamWorksheet } from './xlsx';
import { openXlsxIndex, type SheetScan, type XlsxIndex, type XlsxSheetEntry } from './xlsxIndex';

/** Physical rows read at most while looking for HEAD_ROWS non-empty ones. */
const HEAD_MAX_PHYSICAL = 2000;

interface Head {
  rows: RawRow[];
  /** True when the sheet ended within the head. */
  ended: boolean;
}

async function readHead(rows: AsyncIterator<RawRow>): Promise<Head> {
  const out: RawRow[] = [];
  let nonEmpty = 0;
  while (nonEmpty < HEAD_ROWS && out.length < HEAD_MAX_PHYSICAL) {
    const r = await rows.next();
    if (r.done) return { rows: out, ended: true };
    out.push(r.value);
    if (r.value.cells.some((v) => !isEmptyCell(v))) nonEmpty++;
  }
  return { rows: out, ended: false };
}

function isBlank(head: Head): boolean {
  return head.ended && !head.rows.some((r) => r.cells.some((v) => !isEmptyCell(v)));
}

async function* chain(first: readonly RawRow[], rest: AsyncIterator<RawRow>, ended: boolean): AsyncGenerator<RawRow> {
  yield* first;
  if (ended) return;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
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
  let current: RowPass | null = null;
  let skipped: SkippedRow[] = [];
  let lastRowSeen = 0;
  const cfg = {
    dataStartRow: plan.detection.dataStartRow,
    columns: plan.info.columns,
    headerTexts: plan.detection.headerTexts,
    merges: plan.merges,
  };

  async function* rows(): AsyncGenerator<SourceRow, void, undefined> {
    let pass: RowPass;
    let raw: AsyncIterable<RawRow>;
    if (primed) {
      const p = primed;
      primed = null;
      pass = p.pass;
      raw = chain(p.head.rows, p.pass.rows, p.head.ended);
    } else {
      pass = await plan.reopen();
      raw = chain([], pass.rows, false);
    }
    current = pass;
    skipped = [];
    lastRowSeen = 0;
    const mine: SkippedRow[] = skipped;
    try {
      yield* toSourceRows(raw, cfg, {
        onSkip: (s) => mine.push(s),
        onRow: (r) => {
          lastRowSeen = r;
        },
      });
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
      const pass = current ?? primed?.pass ?? null;
      return {
        bytesRead: pass ? pass.bytesRead() : lastRowSeen > 0 ? plan.totalBytes : 0,
        totalBytes: plan.totalBytes,
        row: lastRowSeen,
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
  fileType: 'xlsx' | 'csv',
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
): Promise<Source> {
  const sheetName = path.basename(fileName).replace(/\.[^.]+$/, '') || fileName;
  const open = (): RowPass => {
    const bytes = openByteStream(input);
    const rows = parseCsv(bytes.stream as AsyncIterable<Uint8Array>);
    return {
      rows,
      bytesRead: bytes.bytesRead,
      async close() {
        await rows.return(undefined);
        bytes.stream.destroy();
      },
    };
  };
  const pass = open();
  try {
    const head = await readHead(pass.rows);
    if (isBlank(head)) throw readErrors.emptySheet(null);
    const { detection, seen } = detectHeader(head.rows, override);
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
  detection: HeaderDetection | null;
  seen: HeaderSeen | null;
  blank: boolean;
  scan: SheetScan;
}

function findSheet(sheets: readonly XlsxSheetEntry[], name: string): XlsxSheetEntry | undefined {
  const want = name.trim().toLowerCase();
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === want);
}

async function examine(
  pass: XlsxPass,
  ws: StreamWorksheet,
  entry: XlsxSheetEntry,
  index: XlsxIndex,
  override: OverrideMap,
): Promise<{ exam: Examination; head: Head; rows: AsyncIterator<RawRow> }> {
  const scanning = index.scanSheet(entry);
  const rows = pass.rowsOf(ws);
  let head: Head;
  try {
    head = await readHead(rows);
  } finally {
    await scanning.catch(() => undefined);
  }
  const scan = await scanning;
  const { detection, seen } = detectHeader(fillMerges(head.rows, scan.merges), override);
  return {
    exam: { detection, seen: seen ? { sheet: entry.name, ...seen } : null, blank: isBlank(head), scan },
    head,
    rows,
  };
}

async function openXlsx(
  input: { path: string } | { bytes: Uint8Array },
  fileName: string,
  size: number,
  opts: OpenSourceOptions,
  override: OverrideMap,
): Promise<Source> {
  const index = await openXlsxIndex(input, fileName);
  const all = index.sheets;
  const sheets: SheetInfo[] = all.map((s) => ({ name: s.name, hidden: s.hidden }));
  let candidates: XlsxSheetEntry[];
  if (opts.sheet !== undefined) {
    const s = findSheet(all, opts.sheet);
    if (!s) throw readErrors.sheetNotFound(opts.sheet, all.map((x) => x.name));
    candidates = [s];
  } else {
    candidates = all.filter((s) => !s.hidden);
    if (all.length === 0) throw readErrors.emptySheet(null);
    if (candidates.length === 0) throw readErrors.noHeader([]);
  }

  const reopen = (entry: XlsxSheetEntry) => async (): Promise<RowPass> => {
    const p = await openSheetPass(input, fileName, index.date1904, entry, all);
    if (!p) throw readErrors.corrupt(fileName);
    return p;
  };
  const plan = (entry: XlsxSheetEntry, exam: Examination, primed: Primed | null): Plan => {
    const detection = exam.detection as HeaderDetection;
    return {
      info: infoFrom(fileName, 'xlsx', sheets, entry.name, detection),
      detection,
      merges: exam.scan.merges,
      lastRow: exam.scan.lastRow,
      totalBytes: size,
      primed,
      reopen: reopen(entry),
    };
  };

  const examined = new Map<XlsxSheetEntry, Examination>();
  const pass = new XlsxPass(input, fileName, index.date1904);
  try {
    for (;;) {
      const ws = await pass.nextSheet();
      if (!ws) break;
      const entry = candidates.find((c) => isSheet(ws, c, all));
      if (!entry || examined.has(entry)) {
        pass.discard(ws);
        continue;
      }
      const { exam, head, rows } = await examine(pass, ws, entry, index, override);
      examined.set(entry, exam);
      const earlierPending = candidates.slice(0, candidates.indexOf(entry)).some((c) => !examined.has(c));
      if (exam.detection && !earlierPending) {
        const primed: Primed = {
          head,
          pass: { rows, bytesRead: () => pass.bytesRead(), close: () => pass.close() },
        };
        return buildSource(plan(entry, exam, primed));
      }
    }
  } catch (e) {
    await pass.close();
    throw e;
  }
  await pass.close();

  // Nothing chosen in the first pass.
  const recognised = candidates.find((c) => examined.get(c)?.detection);
  const exam = recognised ? examined.get(recognised) : undefined;
  if (recognised && exam) return buildSource(plan(recognised, exam, null));
  const exams = candidates.map((c) => examined.get(c)).filter((x): x is Examination => x !== undefined);
  if (exams.length > 0 && exams.every((x) => x.blank)) {
    throw readErrors.emptySheet(candidates.length === 1 && candidates[0] ? candidates[0].name : null);
  }
  if (exams.length === 0 && candidates.length === 1 && candidates[0]) {
    // A sheet the workbook lists but exceljs found no XML for reads as empty.
    throw readErrors.emptySheet(candidates[0].name);
  }
  throw readErrors.noHeader(exams.map((x) => x.seen).filter((s): s is HeaderSeen => s !== null));
}

// -------------------------------------------------------------------------------------------- entry

function fileNameOf(input: SourceInput): string {
  return 'path' in input ? path.basename(input.path) : input.fileName;
}

/**
 * Opens an operator's .xlsx or .csv: checks the file (ImportReadError codes FILE_TOO_LARGE, FILE_NOT_XLSX,
 * FILE_ENCRYPTED, FILE_XLS_OLD, FILE_CORRUPT, FILE_NOT_FOUND), chooses the sheet (SHEET_NOT_FOUND), finds the
 * header (NO_HEADER, EMPTY_SHEET) and returns what was found plus rows(), a stream of the data rows.
 */
export async function openSource(input: SourceInput, opts: OpenSourceOptions = {}): Promise<Source> {
  const fileName = fileNameOf(input);
  const override = compileOverride(opts.mappingOverride);
  const where = 'path' in input ? { path: input.path } : { bytes: input.bytes };
  const { kind, size } = await sniffSource(where, fileName, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  try {
    return kind === 'csv'
      ? await openCsv(where, fileName, size, override)
      : await openXlsx(where, fileName, size, opts, override);
  } catch (e) {
    if (e instanceof ImportReadError) throw e;
    throw kind === 'csv' ? e : readErrors.corrupt(fileName, e);
  }
}
