/**
 * Picked files waiting to be previewed and committed: written once under <dataDir>/staging by a random id
 * (the operator's file name is kept only as metadata, never used as a path), read from disk by each pass.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StagedFile } from '../../../shared/api/imports';
import { AppError } from '../api/errors';

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function stagingDir(dataDir: string): string {
  const dir = join(dataDir, 'staging');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function stageBytes(dataDir: string, fileName: string, bytes: Uint8Array): StagedFile {
  const dir = stagingDir(dataDir);
  sweep(dir);
  const stagingId = randomBytes(16).toString('hex');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, `${stagingId}.data`), bytes);
  const staged: StagedFile = { stagingId, fileName, size: bytes.byteLength, sha256 };
  writeFileSync(join(dir, `${stagingId}.json`), JSON.stringify(staged));
  return staged;
}

export function getStaged(dataDir: string, stagingId: string): StagedFile & { path: string } {
  const dir = stagingDir(dataDir);
  const meta = join(dir, `${stagingId}.json`);
  if (!/^[a-f0-9]{32}$/.test(stagingId) || !existsSync(meta)) {
    throw new AppError('NOT_FOUND', 'Berkas unggahan tidak ditemukan (mungkin sudah kedaluwarsa). Pilih berkas lagi.');
  }
  return { ...(JSON.parse(readFileSync(meta, 'utf8')) as StagedFile), path: join(dir, `${stagingId}.data`) };
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

function sweep(dir: string) {
  const now = Date.now();
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    try {
      if (now - statSync(p).mtimeMs > MAX_AGE_MS) rmSync(p, { force: true });
    } catch {
      // another call swept it first
    }
  }
}
