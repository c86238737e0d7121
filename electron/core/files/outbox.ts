import { randomBytes } from 'node:crypto';
import { copyFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileRef } from '../../../shared/api/files';
import { AppError } from '../api/errors';
import { makePrivate, PRIVATE_FILE } from '../paths';
import { readMetaOfAnyOwner, readOwnedMeta, writeOwnedMeta, type FileOwner } from './owner';

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const NOT_FOUND_MESSAGE = 'Berkas tidak ditemukan (mungkin sudah kedaluwarsa). Ulangi ekspor.';

/** A finished file as the core hands it to a transport (the browser-mode download, the desktop's save). */
export type OutboxFile = FileRef & { path: string };

/**
 * Files the app produced, waiting for the user to save them. Written under a temporary name and renamed,
 * so a crash never leaves a half-written file that looks complete.
 *
 * Each file belongs to the user whose call produced it (files/owner.ts, the rule import staging follows too).
 * `for(session)` is the outbox as that caller sees it: dispatch hands each handler the caller's view, and a
 * transport's file(id) reads through it. The outbox made with a folder alone is the core's own (services.outbox:
 * the command line and tests read what they just produced); it is never handed to a caller.
 */
export class Outbox {
  constructor(
    private readonly dir: string,
    /** Whose view this is; undefined: the core's own. */
    private readonly viewer?: FileOwner | null,
  ) {}

  /** The outbox as `owner` sees it: files put here are theirs, anyone else's answer as unknown ids. */
  for(owner: FileOwner | null): Outbox {
    return new Outbox(this.dir, owner);
  }

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
        writeOwnedMeta(join(this.dir, `${id}.json`), { name, mime }, this.viewer ?? null);
        return { id, name, mime, size: statSync(join(this.dir, id)).size };
      },
    };
  }

  put(name: string, mime: string, bytes: Uint8Array): FileRef {
    const slot = this.reserve(name, mime);
    writeFileSync(slot.tempPath, bytes, { mode: PRIVATE_FILE });
    return slot.commit();
  }

  get(id: string): OutboxFile {
    const metaPath = join(this.dir, `${id}.json`);
    type Meta = { name: string; mime: string };
    const { name, mime } =
      this.viewer === undefined
        ? readMetaOfAnyOwner<Meta>(metaPath, id, NOT_FOUND_MESSAGE)
        : readOwnedMeta<Meta>(metaPath, id, this.viewer, NOT_FOUND_MESSAGE);
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

  /** Removes every file (after a restore or the demo switch: the user ids they are owned by name other people now). */
  clear() {
    for (const f of readdirSync(this.dir)) rmSync(join(this.dir, f), { force: true, recursive: true });
  }

  private sweep() {
    const now = Date.now();
    for (const f of readdirSync(this.dir)) {
      const p = join(this.dir, f);
      if (now - statSync(p).mtimeMs > MAX_AGE_MS) rmSync(p, { force: true });
    }
  }
}
