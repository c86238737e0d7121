/**
 * Helpers for exceljs's streaming sheet writer, shared by everything that writes a long .xlsx (exports, the
 * rejected-rows file of an import).
 */
import type { EventEmitter } from 'node:events';
import type { Worksheet } from 'exceljs';

/** Uncompressed sheet XML allowed to wait for the compressor before more rows are written. */
const SHEET_BUFFER = 1024 * 1024;

/**
 * Resolves when the sheet's compressed stream has taken the rows written so far. exceljs's streaming sheet writes
 * into the zip's entry stream without looking at its answer, so a fast producer piles up the whole uncompressed
 * sheet in memory (measured: 42 MB of XML buffered for 100,000 exported rows). Call it every few hundred rows.
 * The entry stream is exceljs's internal (the sheet stream's pipe); when it is not there, nothing is held back.
 */
export async function sheetDrained(ws: Worksheet): Promise<void> {
  const sink = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as (EventEmitter & { _writableState?: { length: number } }) | undefined;
  const state = sink?._writableState;
  if (!sink || !state || state.length <= SHEET_BUFFER) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => {
      sink.off('drain', done);
      sink.off('error', done);
      sink.off('close', done);
      if (error instanceof Error) reject(error);
      else resolve();
    };
    sink.on('drain', done);
    sink.on('error', done);
    sink.on('close', done);
  });
}
