import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppPaths } from '../paths';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `sebelum-pulih` copies: kept this many days, and the newest few always. */
export const KEEP_ASIDE_DAYS = 30;
export const KEEP_ASIDE_NEWEST = 3;

function entries(dir: string): { name: string; path: string; mtimeMs: number }[] {
  try {
    return readdirSync(dir).map((name) => ({ name, path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }));
  } catch {
    return [];
  }
}

const remove = (path: string) => rmSync(path, { recursive: true, force: true });

/**
 * At start, after any interrupted restore was settled and before anything else runs: nothing half-done can be
 * in use, so every `.part` goes; finished outbox files and import uploads nobody took within a day go; restore
 * uploads go (their sign-in is gone with the last run); old `sebelum-pulih` copies beyond the newest few go.
 * Returns the removed paths (names only in logs: they carry no personal data).
 */
export function sweepDataFolder(paths: AppPaths, now: Date): string[] {
  const removed: string[] = [];
  const drop = (path: string) => {
    remove(path);
    removed.push(path);
  };
  const age = (mtimeMs: number) => now.getTime() - mtimeMs;

  for (const e of entries(paths.dataDir)) if (e.name.endsWith('.part')) drop(e.path);
  for (const e of entries(dirname(paths.dbPath))) if (e.name.startsWith(`${basename(paths.dbPath)}.`) && e.name.endsWith('.part')) drop(e.path);
  for (const e of entries(paths.outboxDir)) if (e.name.endsWith('.part') || age(e.mtimeMs) > DAY_MS) drop(e.path);
  for (const e of entries(join(paths.dataDir, 'staging'))) if (age(e.mtimeMs) > DAY_MS) drop(e.path);
  for (const e of entries(join(paths.dataDir, 'pulih'))) drop(e.path);

  const aside = entries(join(paths.dataDir, 'sebelum-pulih')).sort((a, b) => (a.name < b.name ? 1 : -1)); // newest first (time-stamped names)
  for (const e of aside.slice(KEEP_ASIDE_NEWEST)) if (age(e.mtimeMs) > KEEP_ASIDE_DAYS * DAY_MS) drop(e.path);
  return removed;
}
