import type { Kysely } from 'kysely';
import { formatNomor } from '../../../shared/office/nomor';
import type { Database } from '../db/schema';

/** Takes the next number of a document kind for the year of `date`. Call inside the document's transaction. */
export async function takeNomor(
  db: Kysely<Database>,
  kind: string,
  pattern: string,
  date: string,
  kode?: string,
): Promise<string> {
  const tahun = Number(date.slice(0, 4));
  const row = await db
    .insertInto('document_counter')
    .values({ kind, tahun, last_seq: 1 })
    .onConflict((oc) => oc.columns(['kind', 'tahun']).doUpdateSet((eb) => ({ last_seq: eb('document_counter.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return formatNomor(pattern, { seq: row.last_seq, date, ...(kode ? { kode } : {}) });
}
