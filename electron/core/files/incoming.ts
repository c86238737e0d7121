/**
 * Picked files arriving from a transport (browser mode's POST /uploads, the desktop relay copying the path the
 * user picked): streamed chunk by chunk into <dataDir>/staging/incoming, counted against the purpose's limit
 * and hashed on the way, never held whole in memory. The transport then asks the core, through the caller's own
 * client, to claim the file as that caller's upload (`files.claimUpload`); what is not claimed is removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uploadLimits, uploadTooLargeMessage, type UploadPurpose, type UploadRef } from '../../../shared/api/files';
import type { ApiResult } from '../../../shared/api/result';
import { makePrivate, PRIVATE_DIR, PRIVATE_FILE } from '../paths';

const ID = /^[a-f0-9]{32}$/;

/** Where received files wait for their claim (inside the staging folder, so the same sweep covers them). */
export function incomingDir(dataDir: string): string {
  const dir = join(dataDir, 'staging', 'incoming');
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  makePrivate(dir, PRIVATE_DIR);
  return dir;
}

class TooLarge extends Error {}

export const UPLOAD_FAILED_MESSAGE = 'Berkas tidak dapat dibaca atau disimpan. Pastikan berkas tidak sedang dibuka program lain dan ruang disk cukup, lalu pilih lagi.';

/** Streams `source` into a new private file; null when it grew past the purpose's limit (nothing is kept then). */
export async function receiveUpload(dataDir: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, purpose: UploadPurpose): Promise<{ incomingId: string } | null> {
  const incomingId = randomBytes(16).toString('hex');
  const path = join(incomingDir(dataDir), incomingId);
  const max = uploadLimits[purpose].maxBytes;
  const hash = createHash('sha256');
  let size = 0;
  // The file exists before a byte is read, so a failure at any point removes all of it (a write stream opening
  // lazily could create it after the clean-up).
  const handle = await open(path, 'wx', PRIVATE_FILE);
  try {
    await pipeline(
      Readable.from(source, { objectMode: false }),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.byteLength;
          if (size > max) throw new TooLarge();
          hash.update(chunk);
          yield chunk;
        }
      },
      handle.createWriteStream(),
    );
  } catch (error) {
    await handle.close().catch(() => undefined);
    rmSync(path, { force: true });
    if (error instanceof TooLarge) return null;
    throw error;
  }
  writeFileSync(`${path}.json`, JSON.stringify({ size, sha256: hash.digest('hex') }), { mode: PRIVATE_FILE });
  return { incomingId };
}

/** A received file as the core takes it (files.claimUpload); null for an id nothing arrived under. */
export function incomingFile(dataDir: string, incomingId: string): { path: string; size: number; sha256: string } | null {
  if (!ID.test(incomingId)) return null;
  const path = join(incomingDir(dataDir), incomingId);
  if (!existsSync(path) || !existsSync(`${path}.json`)) return null;
  const { size, sha256 } = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { size: number; sha256: string };
  return { path, size, sha256 };
}

/** Removes what is left of a received file (after its claim, or when the claim failed). */
export function discardIncoming(dataDir: string, incomingId: string) {
  if (!ID.test(incomingId)) return;
  const path = join(incomingDir(dataDir), incomingId);
  rmSync(path, { force: true });
  rmSync(`${path}.json`, { force: true });
}

/**
 * What both transports do with a picked file: receive it, then have the core claim it for the caller through
 * the caller's own client (so the upload is bound to whoever is signed in there). Over the limit, the answer is
 * the purpose's Indonesian refusal with code TOO_LARGE.
 */
export async function uploadThrough(
  call: (name: string, input: unknown) => Promise<ApiResult<unknown>>,
  dataDir: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  fileName: string,
  purpose: UploadPurpose,
): Promise<ApiResult<UploadRef>> {
  let received: { incomingId: string } | null;
  try {
    received = await receiveUpload(dataDir, source, purpose);
  } catch {
    // A picked file that cannot be read (moved, locked by another program) or a full disk: never the raw error,
    // which would name the path.
    return { ok: false, error: { code: 'UPLOAD_FAILED', message: UPLOAD_FAILED_MESSAGE } };
  }
  if (!received) return tooLarge(purpose);
  try {
    return (await call('files.claimUpload', { incomingId: received.incomingId, fileName, purpose })) as ApiResult<UploadRef>;
  } finally {
    discardIncoming(dataDir, received.incomingId);
  }
}

/** The refusal of a file over its purpose's limit (both transports; browser mode sends it with 413). */
export function tooLarge(purpose: UploadPurpose): ApiResult<never> {
  return { ok: false, error: { code: 'TOO_LARGE', message: uploadTooLargeMessage(purpose) } };
}
