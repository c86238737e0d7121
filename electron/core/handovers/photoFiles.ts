/**
 * Handover photos stored as files, as every version before migration 0018 did (in the PC's attachments folder,
 * `foto-penyerahan/<stored name>` and its small version beside it): where they are, and how an office server takes
 * them into its database when a one-PC office moves onto it or a one-PC backup is restored into it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';

export function photoFolder(attachmentsDir: string): string {
  return join(attachmentsDir, 'foto-penyerahan');
}

export function thumbPath(path: string): string {
  return `${path}.thumb.jpg`;
}

/** The names the app gives a stored photo: anything else in a row (a hand-made backup) never names a file to read. */
const STORED_NAME = /^[0-9a-f]{32}\.(png|jpg)$/;

/** Where a photo stored as a file lies in `attachmentsDir`; null for a name the app never gives (`../`, a path). */
export function photoFilePath(attachmentsDir: string, stored: string): string | null {
  return STORED_NAME.test(stored) ? join(photoFolder(attachmentsDir), stored) : null;
}

export interface PhotoFilesCopy {
  /** Photos whose bytes were read from their files into the database. */
  rows: number;
  /** SHA-256 (hex) over the photos' names and their bytes' SHA-256, as sent; the same read back. */
  checksum: string;
  /** The file names (as the user picked them) of photos whose file was already gone: they stay without bytes. */
  missing: string[];
}

const sha = (bytes: Uint8Array | null) => (bytes ? createHash('sha256').update(bytes).digest('hex') : '');
const line = (stored: string, data: Uint8Array, thumb: Uint8Array | null) => `${stored}\t${sha(data)}\t${sha(thumb)}\n`;

/**
 * Inside the caller's transaction: every photo row without bytes in the database gets its file's bytes (and its
 * small version's) from `attachmentsDir`, one photo at a time; then each is read back and compared with what was
 * sent (count and checksum). A difference throws, so the caller's transaction rolls back.
 */
export async function photoFilesIntoDatabase(trx: Db, attachmentsDir: string, failure: { code: string; cancelled: string }): Promise<PhotoFilesCopy> {
  const waiting = await trx
    .selectFrom('penyerahan_foto as f')
    .leftJoin('penyerahan_foto_berkas as b', 'b.stored_name', 'f.stored_name')
    .where('b.stored_name', 'is', null)
    .select(['f.stored_name', 'f.file_name'])
    .orderBy('f.id')
    .execute();
  const sent = createHash('sha256');
  const copied: string[] = [];
  const missing: string[] = [];
  for (const photo of waiting) {
    const path = photoFilePath(attachmentsDir, photo.stored_name);
    if (!path || !existsSync(path)) {
      missing.push(photo.file_name);
      continue;
    }
    const data = readFileSync(path);
    const thumb = existsSync(thumbPath(path)) ? readFileSync(thumbPath(path)) : null;
    await trx.insertInto('penyerahan_foto_berkas').values({ stored_name: photo.stored_name, data, thumb, dihapus_at: null }).execute();
    sent.update(line(photo.stored_name, data, thumb));
    copied.push(photo.stored_name);
  }
  const back = createHash('sha256');
  let found = 0;
  for (const stored of copied) {
    const row = await trx.selectFrom('penyerahan_foto_berkas').select(['data', 'thumb']).where('stored_name', '=', stored).executeTakeFirst();
    if (!row) continue;
    back.update(line(stored, row.data, row.thumb));
    found++;
  }
  const checksum = sent.digest('hex');
  if (found !== copied.length || back.digest('hex') !== checksum) {
    throw new AppError(
      failure.code,
      `Pemeriksaan foto penyerahan gagal: ${found !== copied.length ? `${copied.length} foto dikirim, ${found} tersimpan` : 'isi foto yang tersimpan berbeda dari berkasnya (checksum tidak sama)'}. ${failure.cancelled}`,
    );
  }
  return { rows: copied.length, checksum, missing };
}
