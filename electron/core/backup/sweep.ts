import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AppPaths } from '../paths';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Restore uploads wait this long for the admin's confirmation (as RestoreStaging keeps them). */
const RESTORE_UPLOAD_MS = 6 * HOUR_MS;
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
 * At start, after any interrupted restore was settled: `.part` files no write can still be busy with (an hour
 * old: another process, such as a CLI command run beside the app, may be writing a fresh one), finished outbox
 * files and import uploads nobody took within a day, restore uploads nobody confirmed, and old `sebelum-pulih`
 * copies beyond the newest few. Returns the removed paths (names only in logs: they carry no personal data).
 */
export function sweepDataFolder(paths: AppPaths, now: Date): string[] {
  const removed: string[] = [];
  const drop = (path: string) => {
    remove(path);
    removed.push(path);
  };
  const age = (mtimeMs: number) => now.getTime() - mtimeMs;
  const stalePart = (e: { name: string; mtimeMs: number }) => e.name.endsWith('.part') && age(e.mtimeMs) > HOUR_MS;

  for (const e of entries(paths.dataDir)) if (stalePart(e)) drop(e.path);
  for (const e of entries(dirname(paths.dbPath))) if (e.name.startsWith(`${basename(paths.dbPath)}.`) && stalePart(e)) drop(e.path);
  for (const e of entries(paths.outboxDir)) if (stalePart(e) || age(e.mtimeMs) > DAY_MS) drop(e.path);
  for (const e of entries(join(paths.dataDir, 'staging'))) if (age(e.mtimeMs) > DAY_MS) drop(e.path);
  for (const e of entries(join(paths.dataDir, 'pulih'))) if (age(e.mtimeMs) > RESTORE_UPLOAD_MS) drop(e.path);

  const aside = entries(join(paths.dataDir, 'sebelum-pulih')).sort((a, b) => (a.name < b.name ? 1 : -1)); // newest first (time-stamped names)
  for (const e of aside.slice(KEEP_ASIDE_NEWEST)) if (age(e.mtimeMs) > KEEP_ASIDE_DAYS * DAY_MS) drop(e.path);
  return removed;
}
