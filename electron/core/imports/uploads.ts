/**
 * Picked files as the calls use them. The transport streamed the file in (files/incoming.ts); `claimUpload`
 * makes it a staged file of the caller's, by the owner rule of every kept file (files/owner.ts), so its
 * `uploadId` is also the import's `stagingId`. Each call taking a file resolves its reference here, in its
 * `prepare` step, and removes the file when its work ends; the staging sweep removes forgotten ones.
 */
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SessionInfo } from '../../../shared/api/auth';
import { uploadLimits, uploadTooLargeMessage, type UploadPurpose, type UploadRef } from '../../../shared/api/files';
import type { StagedFile } from '../../../shared/api/imports';
import { AppError } from '../api/errors';
import type { Client } from '../api/context';
import { incomingFile, type FileOwner } from '../files';
import { getStaged, removeStaged, stageFile } from './staging';

/** A caller not signed in yet (the recovery page): its own negative number for the life of the core process. */
const anonymous = new WeakMap<Client, number>();
// Started at random, so a caller of a restarted core process cannot be numbered as one of the last process was
// and reach an upload that process left.
let nextAnonymous = -randomInt(1, 2 ** 47);

/** Whose upload it is: the signed-in user, or before sign-in the caller (the window, the browser tab) itself. */
export function uploadOwner(ctx: { session: SessionInfo | null; client: Client }): FileOwner {
  if (ctx.session) return { userId: ctx.session.userId };
  let id = anonymous.get(ctx.client);
  if (id === undefined) anonymous.set(ctx.client, (id = nextAnonymous--));
  return { userId: id };
}

/** files.claimUpload: the received file becomes the caller's upload. */
export function claimUpload(ctx: { session: SessionInfo | null; client: Client; paths: { dataDir: string } }, input: { incomingId: string; fileName: string }): UploadRef {
  const received = incomingFile(ctx.paths.dataDir, input.incomingId);
  if (!received) throw new AppError('NOT_FOUND', 'Berkas unggahan tidak ditemukan. Pilih berkas lagi.');
  const staged = stageFile(ctx.paths.dataDir, uploadOwner(ctx), input.fileName, received);
  return { uploadId: staged.stagingId, fileName: staged.fileName, size: staged.size };
}

type UploadCtx = { session: SessionInfo | null; client: Client; paths: { dataDir: string } };

/**
 * The caller's own upload behind `ref`, checked against the purpose's limit by its size on disk (the reference's
 * `size` is the caller's word only). Another user's upload answers as an unknown one.
 */
export function readUpload(ctx: UploadCtx, ref: UploadRef, purpose: UploadPurpose): StagedFile & { path: string } {
  const staged = getStaged(ctx.paths.dataDir, uploadOwner(ctx), ref.uploadId);
  if (staged.size > uploadLimits[purpose].maxBytes) throw new AppError('INVALID_INPUT', uploadTooLargeMessage(purpose));
  return staged;
}

/** The upload's bytes, for readers that take a whole small file (a photo, a result sheet, an agency list). */
export async function readUploadBytes(ctx: UploadCtx, ref: UploadRef, purpose: UploadPurpose): Promise<{ fileName: string; bytes: Uint8Array }> {
  const staged = readUpload(ctx, ref, purpose);
  return { fileName: staged.fileName, bytes: await readFile(staged.path) };
}

/** Removes the upload once the work it was picked for has ended. */
export function discardUpload(ctx: UploadCtx, ref: UploadRef) {
  removeStaged(ctx.paths.dataDir, uploadOwner(ctx), ref.uploadId);
}
