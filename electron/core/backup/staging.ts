import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { mkdirPrivate, PRIVATE_FILE } from '../paths';

const MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** Backups picked for restore wait here (checked, unchanged) until the admin confirms. */
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

  /** A copy of `source` (a picked backup's upload, or one in the backup folder), kept under a new token. */
  copy(fileName: string, source: string): { token: string; path: string } {
    this.sweep();
    const token = randomBytes(16).toString('hex');
    const path = join(this.dir, `${token}.dsbak`);
    copyFileSync(source, path);
    chmodSync(path, PRIVATE_FILE);
    writeFileSync(join(this.dir, `${token}.json`), JSON.stringify({ fileName }), { mode: PRIVATE_FILE });
    return { token, path };
  }

  get(token: string): { path: string; fileName: string } {
    const path = join(this.dir, `${token}.dsbak`);
    const meta = join(this.dir, `${token}.json`);
    if (!/^[a-f0-9]{32}$/.test(token) || !existsSync(path) || !existsSync(meta)) {
      throw new AppError('NOT_FOUND', 'Berkas pemulihan tidak ditemukan (mungkin sudah kedaluwarsa). Pilih berkas cadangan lagi.');
    }
    return { path, fileName: (JSON.parse(readFileSync(meta, 'utf8')) as { fileName: string }).fileName };
  }

  remove(token: string) {
    rmSync(join(this.dir, `${token}.dsbak`), { force: true });
    rmSync(join(this.dir, `${token}.json`), { force: true });
  }
}
