import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';

/** rename, or copy-then-delete when source and target are on different disks. */
export function moveSync(from: string, to: string) {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
    rmSync(from, { recursive: true, force: true });
  }
}

export function moveIfExists(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  moveSync(from, to);
  return true;
}
