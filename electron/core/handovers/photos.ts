import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { addPhotoSchema, Foto } from '../../../shared/api/handovers';
import { recordAudit } from '../audit/record';
import type { Ctx, PrepareCtx } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { discardUpload, readUpload } from '../imports';

/** JPEG or PNG by content, never by the file name the user picked. */
export function imageMime(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

/** The first bytes of a file, enough for `imageMime`. */
function headOf(path: string): Uint8Array {
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
}

function photoDir(ctx: PrepareCtx): string {
  const dir = join(ctx.paths.attachmentsDir, 'foto-penyerahan');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A picked photo checked and stored in the attachments folder, not yet recorded. */
export interface StoredPhoto {
  input: Omit<z.output<typeof addPhotoSchema>, 'file' | 'thumb'>;
  fileName: string;
  size: number;
  mime: 'image/jpeg' | 'image/png';
  stored: string;
  path: string;
}

/** Checks the picked photo and writes it to the attachments folder: the call's `prepare`, before its transaction. */
export async function storePhoto(ctx: PrepareCtx, input: z.output<typeof addPhotoSchema>): Promise<StoredPhoto> {
  const { file, thumb, ...rest } = input;
  const upload = readUpload(ctx, file, 'photo');
  const mime = imageMime(headOf(upload.path));
  if (!mime) throw new AppError('INVALID_INPUT', 'Berkas bukan foto JPG atau PNG.', { issues: [{ path: 'file', message: 'Pilih foto JPG atau PNG.' }] });
  // Both uploads are resolved before anything is written, so a bad thumbnail leaves no photo behind.
  const small = thumb && thumb.uploadId !== file.uploadId ? readUpload(ctx, thumb, 'photo') : null;
  const stored = `${randomBytes(16).toString('hex')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
  const path = join(photoDir(ctx), stored);
  // Copied, not renamed: the attachments folder may sit on another disk than the data folder.
  copyFileSync(upload.path, `${path}.part`);
  renameSync(`${path}.part`, path);
  if (small && small.size <= 512 * 1024 && imageMime(headOf(small.path)) === 'image/jpeg') copyFileSync(small.path, thumbPath(path));
  discardUpload(ctx, file);
  if (small && thumb) discardUpload(ctx, thumb);
  return { input: rest, fileName: file.fileName, size: upload.size, mime, stored, path };
}

/** Records a stored photo against its handover (and recipient); the stored file goes when that fails. */
export async function addPhoto(ctx: Ctx, photo: StoredPhoto): Promise<Foto> {
  const { input, path } = photo;
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('penyerahan').select('id').where('id', '=', input.penyerahanId).executeTakeFirst();
      if (!s) throw notFound('Serah terima');
      if (input.penerimaId) {
        const p = await trx.selectFrom('penerima').select('id').where('id', '=', input.penerimaId).where('penyerahan_id', '=', s.id).executeTakeFirst();
        if (!p) throw notFound('Penerima pada serah terima ini');
      }
      const row = await trx
        .insertInto('penyerahan_foto')
        .values({
          penyerahan_id: input.penyerahanId,
          penerima_id: input.penerimaId,
          file_name: photo.fileName,
          stored_name: photo.stored,
          mime: photo.mime,
          size: photo.size,
          keterangan: input.keterangan,
          created_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.session, { action: 'create', entity: 'penyerahan_foto', entityId: row.id, after: { ...row } }, now);
      return { id: row.id, penerimaId: row.penerima_id, fileName: row.file_name, keterangan: row.keterangan, createdAt: row.created_at };
    });
  } catch (error) {
    rmSync(path, { force: true });
    rmSync(thumbPath(path), { force: true });
    throw error;
  }
}

function thumbPath(path: string): string {
  return `${path}.thumb.jpg`;
}

export async function readPhoto(ctx: Ctx, id: number, thumb = false): Promise<{ dataUrl: string; fileName: string }> {
  const row = await ctx.db.selectFrom('penyerahan_foto').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Foto');
  const full = join(photoDir(ctx), row.stored_name);
  if (thumb && existsSync(thumbPath(full))) {
    return { dataUrl: `data:image/jpeg;base64,${readFileSync(thumbPath(full)).toString('base64')}`, fileName: row.file_name };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch {
    throw new AppError('NOT_FOUND', `Berkas foto ${row.file_name} tidak ada lagi di folder lampiran (${ctx.paths.attachmentsDir}).`);
  }
  return { dataUrl: `data:${row.mime};base64,${bytes.toString('base64')}`, fileName: row.file_name };
}

export async function removePhoto(ctx: Ctx, id: number): Promise<void> {
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('penyerahan_foto').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('Foto');
    await trx.deleteFrom('penyerahan_foto').where('id', '=', id).execute();
    await recordAudit(trx, ctx.session, { action: 'delete', entity: 'penyerahan_foto', entityId: id, before: r }, now);
    return r;
  });
  // Kept on disk under a "dihapus" name so that a mistaken removal can be recovered by hand.
  const from = join(photoDir(ctx), row.stored_name);
  for (const f of [from, thumbPath(from)]) {
    try {
      renameSync(f, `${f}.dihapus`);
    } catch {
      /* already gone */
    }
  }
}
