import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { readOwnedMeta, writeOwnedMeta, type FileOwner } from '../files';
import { mkdirPrivate, PRIVATE_FILE } from '../paths';

const MAX_AGE_MS = 6 * 60 * 60 * 1000;

const NOT_FOUND_MESSAGE = 'Berkas pemulihan tidak ditemukan (mungkin sudah kedaluwarsa). Pilih berkas cadangan lagi.';

/**
 * Backups picked for restore wait here (checked, unchanged) until the admin confirms. A staged backup is its
 * admin's, by the owner rule of every kept file (files/owner.ts): another admin's token answers as an unknown one.
 */
export class RestoreStaging {
  constructor(private readonly dir: string) {}

  private sweep() {
    mkdirPrivate(this.dir);
    const now = Date.now();
    for (const f of readdirSync(this.dir)) {
      const p = join(this.dir, f);
      if (now - statSync(p).mtimeMs > MAX_AGE_MS) rmSync(p, { force: true });
    }
  }

  /** A copy of `source` (a picked backup's upload, or one in the backup folder), kept under a new token for `owner`. */
  copy(fileName: string, source: string, owner: FileOwner | null): { token: string; path: string } {
    this.sweep();
    const token = randomBytes(16).toString('hex');
    const path = join(this.dir, `${token}.dsbak`);
    copyFileSync(source, path);
    chmodSync(path, PRIVATE_FILE);
    writeOwnedMeta(join(this.dir, `${token}.json`), { fileName }, owner);
    return { token, path };
  }

  /** The caller's own staged backup. */
  get(token: string, caller: FileOwner): { path: string; fileName: string } {
    const { fileName } = readOwnedMeta<{ fileName: string }>(join(this.dir, `${token}.json`), token, caller, NOT_FOUND_MESSAGE);
    const path = join(this.dir, `${token}.dsbak`);
    if (!existsSync(path)) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return { path, fileName };
  }

  remove(token: string) {
    rmSync(join(this.dir, `${token}.dsbak`), { force: true });
    rmSync(join(this.dir, `${token}.json`), { force: true });
  }
}
