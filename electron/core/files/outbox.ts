import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileRef } from '../../../shared/api/files';
import { AppError } from '../api/errors';
import { makePrivate, PRIVATE_FILE } from '../paths';

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Files the app produced, waiting for the user to save them. Written under a temporary name and renamed,
 * so a crash never leaves a half-written file that looks complete.
 */
export class Outbox {
  constructor(private readonly dir: string) {}

  /** A fresh path to write into; call `commit` when the file is complete. */
  reserve(name: string, mime: string): { id: string; tempPath: string; commit: () => FileRef } {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    const tempPath = join(this.dir, `${id}.part`);
    return {
      id,
      tempPath,
      commit: () => {
        // Whatever wrote it (exceljs, a PDF printer, VACUUM INTO), the file holds personal data: the user's only.
        makePrivate(tempPath);
        renameSync(tempPath, join(this.dir, id));
        writeFileSync(join(this.dir, `${id}.json`), JSON.stringify({ name, mime }), { mode: PRIVATE_FILE });
        return { id, name, mime, size: statSync(join(this.dir, id)).size };
      },
    };
  }

  put(name: string, mime: string, bytes: Uint8Array): FileRef {
    const slot = this.reserve(name, mime);
    writeFileSync(slot.tempPath, bytes, { mode: PRIVATE_FILE });
    return slot.commit();
  }

  get(id: string): FileRef & { path: string } {
    if (!/^[a-f0-9]{32}$/.test(id) || !existsSync(join(this.dir, `${id}.json`))) {
      throw new AppError('NOT_FOUND', 'Berkas tidak ditemukan (mungkin sudah kedaluwarsa). Ulangi ekspor.');
    }
    const { name, mime } = JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as { name: string; mime: string };
    const path = join(this.dir, id);
    return { id, name, mime, size: statSync(path).size, path };
  }

  /** Copies a finished file to where the user chose, again through a temporary name (private, like the original). */
  saveTo(id: string, target: string) {
    const file = this.get(id);
    const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
    try {
      copyFileSync(file.path, temp);
      makePrivate(temp);
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new AppError('FILE_WRITE_FAILED', `Berkas tidak dapat disimpan di ${target}: ${(error as Error).message}`);
    }
  }

  private sweep() {
    const now = Date.now();
    for (const f of readdirSync(this.dir)) {
      const p = join(this.dir, f);
      if (now - statSync(p).mtimeMs > MAX_AGE_MS) rmSync(p, { force: true });
    }
  }
}
