/**
 * Picked files waiting to be previewed and committed: written once under <dataDir>/staging by a random id
 * (the operator's file name is kept only as metadata, never used as a path), read from disk by each pass.
 *
 * A staged file belongs to the user who uploaded it, by the owner rule every kept file follows
 * (files/owner.ts, as the outbox does): `getStaged` is the one way to reach it, and for anyone else (another
 * operator, an admin of the same office) the id answers exactly as an id nobody has.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionInfo } from '../../../shared/api/auth';
import type { StagedFile } from '../../../shared/api/imports';
import { AppError } from '../api/errors';
import { readOwnedMeta, writeOwnedMeta, type FileOwner } from '../files';

const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A received file is claimed within the request that sent it; one an hour old was left by a crash. */
const INCOMING_MAX_AGE_MS = 60 * 60 * 1000;

export function stagingDir(dataDir: string): string {
  const dir = join(dataDir, 'staging');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const NOT_FOUND_MESSAGE = 'Berkas unggahan tidak ditemukan (mungkin sudah kedaluwarsa). Pilih berkas lagi.';

/** Takes a received file (already private, in the staging folder) as `owner`'s staged file: moved, not copied. */
export function stageFile(dataDir: string, owner: FileOwner, fileName: string, received: { path: string; size: number; sha256: string }): StagedFile {
  const dir = stagingDir(dataDir);
  sweep(dir);
  const stagingId = randomBytes(16).toString('hex');
  // The reader tells CSV from .xlsx by the name and quotes it in messages: keep the operator's name,
  // made safe, inside a folder of its own.
  mkdirSync(join(dir, stagingId), { mode: 0o700 });
  renameSync(received.path, join(dir, stagingId, safeName(fileName)));
  const staged: StagedFile = { stagingId, fileName, size: received.size, sha256: received.sha256 };
  writeOwnedMeta(join(dir, `${stagingId}.json`), staged, owner);
  return staged;
}

/** Removes a staged file once its work is done (the caller's own only). */
export function removeStaged(dataDir: string, caller: FileOwner, stagingId: string) {
  try {
    getStaged(dataDir, caller, stagingId);
  } catch (error) {
    // Already gone (a restore clears staging), or not the caller's: nothing of theirs to remove.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return;
    throw error;
  }
  const dir = stagingDir(dataDir);
  rmSync(join(dir, stagingId), { recursive: true, force: true });
  rmSync(join(dir, `${stagingId}.json`), { force: true });
}

/** The caller's own staged file; another user's (or a file staged before uploads had owners) is NOT_FOUND. */
export function getStaged(dataDir: string, caller: Pick<SessionInfo, 'userId'>, stagingId: string): StagedFile & { path: string } {
  const dir = stagingDir(dataDir);
  const staged = readOwnedMeta<StagedFile>(join(dir, `${stagingId}.json`), stagingId, caller, NOT_FOUND_MESSAGE);
  return { ...staged, path: join(dir, stagingId, safeName(staged.fileName)) };
}

/** A file name that cannot leave its folder: no separators, no leading dots, no control characters. */
export function safeName(fileName: string): string {
  const cleaned = fileName.replace(/[^\p{L}\p{N} ._()-]+/gu, '_').replace(/^[.\s]+/, '').slice(-120).trim();
  return cleaned === '' ? 'berkas' : cleaned;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => hash.update(d))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Removes every staged and received file (after a restore or the demo switch: their owners' ids name other people now). */
export function clearStaging(dataDir: string) {
  const dir = stagingDir(dataDir);
  for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true, recursive: true });
}

/** Removes staged files older than a day (each new upload and the core's start run it). */
export function sweepStaging(dataDir: string) {
  sweep(stagingDir(dataDir));
}

function sweep(dir: string, maxAgeMs = MAX_AGE_MS) {
  const now = Date.now();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    try {
      // Received files wait there only for their claim; the folder itself is refreshed by every upload.
      if (f === 'incoming') sweep(p, INCOMING_MAX_AGE_MS);
      else if (now - statSync(p).mtimeMs > maxAgeMs) rmSync(p, { force: true, recursive: true });
    } catch {
      // another call swept it first
    }
  }
}
