import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../electron/core/db/database';

/**
 * A stored photo turned back into what a version before migration 0018 left: its bytes not in the database but
 * a file in the attachments folder (`bytes`), or nowhere when `bytes` is null (the file lost). Its stored name.
 */
export async function asOldPhotoFile(db: Db, attachmentsDir: string, fotoId: number, bytes: Uint8Array | null): Promise<string> {
  const { stored_name: stored } = await db.selectFrom('penyerahan_foto').select('stored_name').where('id', '=', fotoId).executeTakeFirstOrThrow();
  await db.deleteFrom('penyerahan_foto_berkas').where('stored_name', '=', stored).execute();
  if (bytes) {
    mkdirSync(join(attachmentsDir, 'foto-penyerahan'), { recursive: true });
    writeFileSync(join(attachmentsDir, 'foto-penyerahan', stored), bytes);
  }
  return stored;
}
