/**
 * openSource() with the reading in a thread of its own (readerThread.ts): the sheet is inflated and parsed
 * there while this thread checks, decides and writes the rows already read (issue 20: the import at the speed
 * of reading). Same Source, same errors (ImportReadError with its code and headersSeen); rows() can be
 * iterated once. Small files, and builds without the reader's script, are read in this thread as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportReadError, openSource, type ImportReadErrorCode } from './read';
import { valuesFactory } from './read/dataRows';
import type { FieldKey } from './read/fields';
import type { OpenSourceOptions, ReadProgress, SkippedRow, Source, SourceRow } from './read/types';
import type { FromReader, ReaderThreadInit, WireError } from './readerThread';

/** Below this size a file is read in this thread: a thread's start (~50 ms) is more than it would save. */
export const READER_THREAD_MIN_BYTES = 1024 * 1024;
/** How often a wait for the reader looks at the cancel flag (a cancel must stop an import within a second). */
const CANCEL_POLL_MS = 100;
/**
 * The reader's V8 old-generation limit, as the job worker's (host/workerLink.ts): far above what reading keeps
 * live (a sheet's shared strings at most), and below 2 GB so that its heap does not swing up to 4x between
 * collections.
 */
const READER_OLD_SPACE_MB = 1536;
/**
 * The reader's young generation: it makes short-lived strings only (what survives is the shared strings
 * table), and with V8's default (up to 48 MB) the 100k-row import's peak RSS went from ~285 to ~312 MB; with
 * 12 MB it stayed at ~280-296 MB for the same main-thread and process CPU (npm run bench import).
 */
const READER_YOUNG_SPACE_MB = 12;

/**
 * The reader's script: importReader.js beside this bundle (the benchmarks' bundle) or beside the folder of this
 * chunk (electron-vite's main build puts shared code in out/main/chunks/, the entries in out/main/); from the
 * TypeScript sources (tests, `npm run cli`), a shim that gives the thread tsx's loader. Null: read here.
 */
function readerScript(): string | null {
  if (__filename.endsWith('.ts')) return path.join(__dirname, 'readerThread.mjs');
  return [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'importReader.js')).find((f) => fs.existsSync(f)) ?? null;
}

function readError(e: WireError): Error {
  return e.code ? new ImportReadError(e.code as ImportReadErrorCode, e.message, e.headersSeen) : new Error(`Pembaca berkas impor berhenti: ${e.message}`);
}

/** The reader's messages as a queue this thread awaits, looking at the cancel flag while it waits. */
class ReaderLink {
  private readonly queue: FromReader[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private finished = false;

  constructor(
    readonly worker: Worker,
    private readonly throwIfCancelled: (() => void) | undefined,
  ) {
    worker.on('message', (m: FromReader) => this.push(m));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`Pembaca berkas impor berhenti (kode ${code}).`)));
  }

  private push(m: FromReader) {
    this.queue.push(m);
    this.wake?.();
  }

  private fail(error: Error) {
    if (this.finished) return;
    this.failure ??= error;
    this.wake?.();
  }

  async next(): Promise<FromReader> {
    for (;;) {
      const m = this.queue.shift();
      if (m) {
        if (m.t === 'error') throw readError(m.error);
        if (m.t === 'end') this.finished = true;
        return m;
      }
      if (this.failure) throw this.failure;
      this.throwIfCancelled?.();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, CANCEL_POLL_MS);
      });
      this.wake = null;
    }
  }

  took() {
    this.worker.postMessage({ t: 'took' });
  }

  async close() {
    this.finished = true;
    await this.worker.terminate();
  }
}

async function openInThread(script: string, file: string, opts: OpenSourceOptions): Promise<Source> {
  const init: ReaderThreadInit = { path: file, opts: { ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.mappingOverride ? { mappingOverride: opts.mappingOverride } : {}) } };
  const link = new ReaderLink(new Worker(script, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: READER_OLD_SPACE_MB, maxYoungGenerationSizeMb: READER_YOUNG_SPACE_MB } }), opts.throwIfCancelled);
  let first: FromReader;
  try {
    first = await link.next();
  } catch (error) {
    await link.close();
    throw error;
  }
  if (first.t !== 'info') {
    await link.close();
    throw new Error(`Pembaca berkas impor menjawab tanpa kepala tabel (${first.t}).`);
  }
  const info = first.info;
  const makeValues = valuesFactory(info.columns.filter((c): c is typeof c & { field: FieldKey } => c.field !== null));
  let progress: ReadProgress = { bytesRead: 0, totalBytes: 0, row: 0, scannedRow: 0, lastRow: null };
  let skipped: readonly SkippedRow[] = [];
  let iterated = false;

  async function* rows(): AsyncGenerator<SourceRow, void, undefined> {
    if (iterated) throw new Error('rows() of a threaded source is read once');
    iterated = true;
    try {
      for (;;) {
        const m = await link.next();
        if (m.t === 'end') {
          skipped = m.skipped;
          progress = m.progress;
          return;
        }
        if (m.t !== 'rows') continue;
        link.took();
        progress = m.progress;
        for (const [row, raw, overlong] of m.rows) {
          const out: SourceRow = { row, values: makeValues(raw), raw };
          if (overlong) out.overlong = overlong;
          yield out;
        }
      }
    } finally {
      await link.close();
    }
  }

  return {
    ...info,
    rows,
    skipped: () => skipped,
    progress: () => progress,
    close: () => link.close(),
  };
}

/** openSource() of an import's file, read in its own thread when the file is large enough (see above). */
export async function openImportSource(file: string, opts: OpenSourceOptions, threadFromBytes = READER_THREAD_MIN_BYTES): Promise<Source> {
  const script = readerScript();
  const size = script ? await fs.promises.stat(file).then((s) => s.size, () => -1) : -1;
  if (!script || size < threadFromBytes) return openSource({ path: file }, opts);
  return openInThread(script, file, opts);
}
