import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writePrivateFile, type AppPaths } from '../paths';

/**
 * This PC, as the office's shared settings name it: an id made once and kept in this PC's data folder, and the
 * computer's name for people to read. On the office server a folder path such as D:\Cadangan may exist on
 * several PCs; only the id says which one the admin chose it on.
 */
export interface ThisPc {
  id: string;
  name: string;
}

const idPath = (paths: Pick<AppPaths, 'dataDir'>) => join(paths.dataDir, 'komputer.json');

export function thisPc(paths: Pick<AppPaths, 'dataDir'>): ThisPc {
  const path = idPath(paths);
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { id?: unknown };
    if (typeof stored.id === 'string' && stored.id) return { id: stored.id, name: hostname() };
  } catch {
    // Not made yet (or damaged): a new id; a damaged one only means this PC no longer runs the automatic backups.
  }
  const id = randomUUID();
  writePrivateFile(path, JSON.stringify({ id }));
  return { id, name: hostname() };
}
