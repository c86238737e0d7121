/**
 * The import's reader thread (entry script, bundled as importReader.js beside the job worker): opens the sheet
 * with openSource() and streams its data rows to the thread that checks them (threadedSource.ts), so that
 * inflating and parsing the file runs beside the checking instead of before it. At most CREDIT batches are in
 * flight: the reader waits for the checker to take one before it reads further, so memory stays bounded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportReadError, openSource, sourceInfo } from './read';
import type { CellValue, OpenSourceOptions, ReadProgress, SkippedRow, SourceInfo } from './read/types';

export interface ReaderThreadInit {
  path: string;
  opts: Pick<OpenSourceOptions, 'sheet' | 'mappingOverride'>;
}

/** Rows per message; 512 rows of a 24-column sheet are ~0.5 MB to copy. */
export const BATCH_ROWS = 512;
/** Batches the reader may have sent and the checker not yet taken. */
export const CREDIT = 6;

/** A data row as sent: its row number, its cells (SourceRow.raw), its overlong cells if any. */
export type WireRow = [row: number, raw: CellValue[], overlong?: readonly number[]];

export type WireError = { code: string | null; message: string; headersSeen: ImportReadError['headersSeen'] };

export type FromReader =
  | { t: 'info'; info: SourceInfo }
  | { t: 'rows'; rows: WireRow[]; progress: ReadProgress }
  | { t: 'end'; skipped: readonly SkippedRow[]; progress: ReadProgress }
  | { t: 'error'; error: WireError };

/** The checker took a batch: the reader may send one more. */
export type ToReader = { t: 'took' };

function wireError(error: unknown): WireError {
  if (error instanceof ImportReadError) return { code: error.code, message: error.message, headersSeen: error.headersSeen };
  return { code: null, message: error instanceof Error ? error.message : String(error), headersSeen: [] };
}

async function main(port: NonNullable<typeof parentPort>, init: ReaderThreadInit): Promise<void> {
  let credit = CREDIT;
  let wake: (() => void) | null = null;
  port.on('message', (_m: ToReader) => {
    credit++;
    wake?.();
  });
  const source = await openSource({ path: init.path }, init.opts);
  port.postMessage({ t: 'info', info: sourceInfo(source) } satisfies FromReader);
  let batch: WireRow[] = [];
  const send = async () => {
    while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage({ t: 'rows', rows: batch, progress: source.progress() } satisfies FromReader);
    batch = [];
  };
  for await (const r of source.rows({ cellsOnly: true })) {
    batch.push(r.overlong ? [r.row, r.raw, r.overlong] : [r.row, r.raw]);
    if (batch.length >= BATCH_ROWS) await send();
  }
  if (batch.length > 0) await send();
  port.postMessage({ t: 'end', skipped: source.skipped(), progress: source.progress() } satisfies FromReader);
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ReaderThreadInit).catch((error: unknown) => port.postMessage({ t: 'error', error: wireError(error) } satisfies FromReader));
}
