import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// Issue 18: a handover photo's bytes (and its small version) are kept in the database, on both engines, so every
// PC of an office server shows the photo another PC added, the office's backups and its move onto the server carry
// them with the rows, and a photo is written in the same transaction as its row and its audit entry. Keyed by the
// stored name the photo row (and the audit entry of its removal) names. A removed photo keeps its bytes here,
// marked `dihapus_at`, so a mistaken removal can still be recovered by hand (as the ".dihapus" file was).
// Photos stored before this version stay files in the attachments folder; handovers/photos.ts still reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('penyerahan_foto_berkas')
    .addColumn('stored_name', 'text', (c) => c.primaryKey())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('thumb', bytes)
    .addColumn('dihapus_at', 'text')
    .execute();
}
