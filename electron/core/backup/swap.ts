import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE, type AppPaths } from '../paths';
import { moveSync } from './move';

/**
 * The restore swap as a journal: every planned move is written (and fsynced) before the first rename, each move
 * is idempotent (done = source gone and target there), so a kill at any point is finished or rolled back at the
 * next start, and the database is always the old one or the new, checked one — never none, never an empty one.
 */
export interface SwapJournal {
  version: 1;
  startedAt: string;
  /** `<data>/sebelum-pulih/<time>`: where the current data goes. */
  aside: string;
  /** In order: the current files aside, then the prepared ones into place. */
  moves: SwapMove[];
  /** The prepared database, checked before the journal was written; rolling forward needs it. */
  newDb: string;
  dbPath: string;
  /** Whether there was a database to move aside (not, when restoring into an emptied data folder). */
  hadDb: boolean;
  /** Written into the audit log when a restart finishes the swap. */
  audit: { fileName: string; info: unknown };
}

export interface SwapMove {
  from: string;
  to: string;
  /** The source was there when the swap was planned (an absent -wal or database is never "moved"). */
  existed: boolean;
  /** Which side is the app's live path (the side the app may have re-created as an empty folder at start). */
  live: 'from' | 'to';
  /** For a prepared file going into place: the move that took the current one aside first. */
  pair?: number;
}

export const journalPath = (paths: Pick<AppPaths, 'dataDir'>) => join(paths.dataDir, 'pulih-jurnal.json');

/** A test (or a debugger) may stop the swap after step N: 0 = journal written, 1..n = moves, n+1 = journal removed. */
export type SwapHook = (step: number) => void;

function fsyncPath(path: string) {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals its renames itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Writes a private file and fsyncs it before returning. */
export function writeSynced(path: string, data: string | Buffer) {
  const fd = openSync(path, 'w', PRIVATE_FILE);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whole or not at all: written beside, fsynced, renamed into place, and the rename fsynced. */
function writeDurable(path: string, text: string) {
  writeSynced(`${path}.part`, text);
  renameSync(`${path}.part`, path);
  fsyncPath(dirname(path));
}

export function planSwap(paths: AppPaths, prepared: { dbPart: string; attachmentsPart: string }, aside: string, now: Date, audit: SwapJournal['audit']): SwapJournal {
  const aside_ = (from: string, to: string): SwapMove => ({ from, to, existed: existsSync(from), live: 'from' });
  const moves: SwapMove[] = [
    ...['', '-wal', '-shm'].map((suffix) => aside_(`${paths.dbPath}${suffix}`, join(aside, `dinsos.sqlite${suffix}`))),
    aside_(paths.attachmentsDir, join(aside, 'lampiran')),
    { from: prepared.dbPart, to: paths.dbPath, existed: true, live: 'to', pair: 0 },
    { from: prepared.attachmentsPart, to: paths.attachmentsDir, existed: true, live: 'to', pair: 3 },
  ];
  return { version: 1, startedAt: now.toISOString(), aside, moves, newDb: prepared.dbPart, dbPath: paths.dbPath, hadDb: existsSync(paths.dbPath), audit };
}

/**
 * Is something at `path`? At a live path an empty folder does not count (the app re-creates `lampiran` when it
 * starts, possibly before the swap is settled) and is removed so the real one can take its place.
 */
function present(path: string, live: boolean): boolean {
  if (!existsSync(path)) return false;
  if (!live) return true;
  try {
    if (statSync(path).isDirectory() && readdirSync(path).length === 0) {
      rmdirSync(path);
      return false;
    }
  } catch {
    return true;
  }
  return true;
}

function move(from: string, to: string, toIsLive: boolean) {
  if (!existsSync(from) || present(to, toIsLive)) return; // done already, or nothing to move
  moveSync(from, to);
  fsyncPath(dirname(to));
  if (dirname(from) !== dirname(to)) fsyncPath(dirname(from));
}

function forward(journal: SwapJournal, step: SwapMove) {
  if (!step.existed) return;
  if (step.live === 'from') fsyncMkdir(journal.aside);
  move(step.from, step.to, step.live === 'to');
}

/** Writes the journal, then makes every move; the journal stays until the caller has opened the new database. */
export function runSwap(journal: SwapJournal, paths: AppPaths, hook?: SwapHook) {
  writeDurable(journalPath(paths), JSON.stringify(journal));
  hook?.(0);
  for (const [i, step] of journal.moves.entries()) {
    forward(journal, step);
    hook?.(i + 1);
  }
}

function fsyncMkdir(dir: string) {
  // The aside folder and its parent sebelum-pulih, private like all data folders.
  if (existsSync(dir)) return;
  fsyncMkdir(dirname(dir));
  mkdirSync(dir, { mode: PRIVATE_DIR });
  fsyncPath(dirname(dir));
}

/** Puts the old files back (reverse order) and removes the prepared ones. */
export function rollBack(journal: SwapJournal) {
  for (const step of [...journal.moves].reverse()) {
    if (!step.existed) continue;
    // A prepared file at a live path is only the new one when the current one was taken aside (or never was).
    const pair = step.pair === undefined ? null : journal.moves[step.pair];
    if (pair && pair.existed && !existsSync(pair.to)) continue;
    move(step.to, step.from, step.live === 'from');
  }
  // The prepared copies are of no further use (the backup file itself is unchanged).
  for (const step of journal.moves) if (step.live === 'to') rmSync(step.from, { recursive: true, force: true });
  try {
    rmdirSync(journal.aside); // empty when nothing else was kept there
  } catch {
    // not empty or not there
  }
}

export function clearJournal(paths: Pick<AppPaths, 'dataDir'>, hook?: SwapHook, steps = 0) {
  rmSync(journalPath(paths), { force: true });
  fsyncPath(paths.dataDir);
  hook?.(steps + 1);
}

export function readJournal(paths: Pick<AppPaths, 'dataDir'>): SwapJournal | null {
  const path = journalPath(paths);
  if (!existsSync(path)) return null;
  try {
    const journal = JSON.parse(readFileSync(path, 'utf8')) as SwapJournal;
    return journal.version === 1 && Array.isArray(journal.moves) ? journal : null;
  } catch {
    return null; // a journal is renamed into place whole; a torn one means the swap never started
  }
}

/**
 * At start (core, CLI, offline restore), before anything opens the database: a swap that was interrupted is
 * finished when the prepared database is still there (it was checked before the journal was written), else
 * rolled back. Returns what was done, for the audit log.
 */
export function finishPendingSwap(paths: AppPaths): { outcome: 'none' | 'forward' | 'back'; journal: SwapJournal | null } {
  const path = journalPath(paths);
  rmSync(`${path}.part`, { force: true }); // the journal was never complete: nothing was moved
  const journal = readJournal(paths);
  if (!journal) {
    rmSync(path, { force: true });
    return { outcome: 'none', journal: null };
  }
  // The new database is either still at its prepared name, or already in place (the old one, if any, aside).
  const newDbThere = existsSync(journal.newDb) || (existsSync(journal.dbPath) && (!journal.hadDb || existsSync(journal.moves[0]!.to)));
  if (newDbThere) {
    for (const step of journal.moves) forward(journal, step);
    clearJournal(paths);
    return { outcome: 'forward', journal };
  }
  rollBack(journal);
  clearJournal(paths);
  return { outcome: 'back', journal };
}
