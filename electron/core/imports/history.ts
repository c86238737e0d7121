import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { ImportBatchSummary } from '../../../shared/api/imports';
import type { Database } from '../db/schema';
import { toSummary } from './undo';

/** The import history, newest first: an operator sees their own imports, the office every one. */
export async function listImportBatches(db: Kysely<Database>, session: SessionInfo, limit: number, offset: number): Promise<{ batches: ImportBatchSummary[]; total: number }> {
  let q = db.selectFrom('import_batch');
  if (session.role === 'operator') q = q.where('user_id', '=', session.userId);
  const [batches, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { batches: batches.map(toSummary), total: Number(total.n) };
}
