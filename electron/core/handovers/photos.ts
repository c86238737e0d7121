import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync } from 'node:fs';
import type { z } from 'zod';
import type { addPhotoSchema, Foto } from '../../../shared/api/handovers';
import { recordAudit } from '../audit/record';
import type { Ctx, PrepareCtx } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { discardUpload, readUpload } from '../imports';
import { photoFilePath, thumbPath } from './photoFiles';

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

/** A picked photo checked and read, not yet recorded. */
export interface StoredPhoto {
  input: Omit<z.output<typeof addPhotoSchema>, 'file' | 'thumb'>;
  fileName: string;
  size: number;
  mime: 'image/jpeg' | 'image/png';
  stored: string;
  data: Buffer;
  thumb: Buffer | null;
}

/**
 * Checks the picked photo (and its small version) and reads both: the call's `prepare`, before its transaction.
 * The upload limit (8 MB) bounds what is held in memory.
 */
export async function storePhoto(ctx: PrepareCtx, input: z.output<typeof addPhotoSchema>): Promise<StoredPhoto> {
  const { file, thumb, ...rest } = input;
  const upload = readUpload(ctx, file, 'photo');
  const mime = imageMime(headOf(upload.path));
  if (!mime) throw new AppError('INVALID_INPUT', 'Berkas bukan foto JPG atau PNG.', { issues: [{ path: 'file', message: 'Pilih foto JPG atau PNG.' }] });
  // Both uploads are resolved before anything is read, so a bad thumbnail refuses the photo.
  const small = thumb && thumb.uploadId !== file.uploadId ? readUpload(ctx, thumb, 'photo') : null;
  const stored = `${randomBytes(16).toString('hex')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
  const data = readFileSync(upload.path);
  const smallData = small && small.size <= 512 * 1024 && imageMime(headOf(small.path)) === 'image/jpeg' ? readFileSync(small.path) : null;
  discardUpload(ctx, file);
  if (small && thumb) discardUpload(ctx, thumb);
  return { input: rest, fileName: file.fileName, size: data.length, mime, stored, data, thumb: smallData };
}

/** Records a photo against its handover (and recipient): its row, its bytes and its audit entry in one transaction. */
export async function addPhoto(ctx: Ctx, photo: StoredPhoto): Promise<Foto> {
  const { input } = photo;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
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
    await trx.insertInto('penyerahan_foto_berkas').values({ stored_name: photo.stored, data: photo.data, thumb: photo.thumb, dihapus_at: null }).execute();
    await recordAudit(trx, ctx.session, { action: 'create', entity: 'penyerahan_foto', entityId: row.id, after: { ...row } }, now);
    return { id: row.id, penerimaId: row.penerima_id, fileName: row.file_name, keterangan: row.keterangan, createdAt: row.created_at };
  });
}

/** One photo's bytes (or its small version when it has one), read alone: never the table's other photos. */
async function photoBytes(ctx: Ctx, stored: string, thumb: boolean): Promise<{ bytes: Buffer; small: boolean } | null> {
  const q = ctx.db.selectFrom('penyerahan_foto_berkas').where('stored_name', '=', stored);
  if (thumb) {
    const small = await q.select('thumb').executeTakeFirst();
    if (small?.thumb) return { bytes: small.thumb, small: true };
    if (!small) return null;
  }
  const full = await q.select('data').executeTakeFirst();
  return full ? { bytes: full.data, small: false } : null;
}

/** A photo stored before migration 0018, as a file in this PC's attachments folder. */
function photoFile(ctx: Ctx, row: { stored_name: string; file_name: string }, thumb: boolean): { bytes: Buffer; small: boolean } {
  const full = photoFilePath(ctx.paths.attachmentsDir, row.stored_name);
  if (full && thumb && existsSync(thumbPath(full))) return { bytes: readFileSync(thumbPath(full)), small: true };
  try {
    if (full) return { bytes: readFileSync(full), small: false };
  } catch {
    /* answered below */
  }
  throw new AppError('NOT_FOUND', `Berkas foto ${row.file_name} tidak ada lagi di folder lampiran (${ctx.paths.attachmentsDir}).`);
}

export async function readPhoto(ctx: Ctx, id: number, thumb = false): Promise<{ dataUrl: string; fileName: string }> {
  const row = await ctx.db.selectFrom('penyerahan_foto').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Foto');
  const { bytes, small } = (await photoBytes(ctx, row.stored_name, thumb)) ?? photoFile(ctx, row, thumb);
  return { dataUrl: `data:${small ? 'image/jpeg' : row.mime};base64,${bytes.toString('base64')}`, fileName: row.file_name };
}

export async function removePhoto(ctx: Ctx, id: number): Promise<void> {
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('penyerahan_foto').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('Foto');
    // Removed meanwhile by another PC of the server (its delete held the row): that removal is the one recorded.
    const { numDeletedRows } = await trx.deleteFrom('penyerahan_foto').where('id', '=', id).executeTakeFirst();
    if (Number(numDeletedRows) === 0) throw notFound('Foto');
    // The bytes stay, marked, so that a mistaken removal can be recovered by hand.
    await trx.updateTable('penyerahan_foto_berkas').set({ dihapus_at: now.toISOString() }).where('stored_name', '=', r.stored_name).execute();
    await recordAudit(trx, ctx.session, { action: 'delete', entity: 'penyerahan_foto', entityId: id, before: r }, now);
    return r;
  });
  // A photo stored as a file before migration 0018 is kept on disk under a "dihapus" name, as it always was.
  const from = photoFilePath(ctx.paths.attachmentsDir, row.stored_name);
  for (const f of from ? [from, thumbPath(from)] : []) {
    try {
      renameSync(f, `${f}.dihapus`);
    } catch {
      /* stored in the database, or already gone */
    }
  }
}
