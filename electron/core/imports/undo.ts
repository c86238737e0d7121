/**
 * Undoing an import batch: the records it inserted are removed, the records it updated get their previous
 * values back. Refused (with the reasons, record by record) when later work depends on the batch: a record it
 * touched was changed afterwards, a family it created has members added since, or a person or family it
 * created is now a recipient, an applicant, an intervention or a SIKS-NG proposal.
 */
import type { Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { ImportBatchSummary, UndoBlocker } from '../../../shared/api/imports';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import { foreignKeysTo } from '../db/dialect';
import type { Database } from '../db/schema';
import { deleteBatchUsulan, notOwnUsulan, usulanUndoBlockers } from './usulanRows';

type BatchRow = Selectable<Database['import_batch']>;

export function toSummary(b: BatchRow): ImportBatchSummary {
  return {
    id: b.id,
    fileName: b.file_name,
    sha256: b.sha256,
    sheet: b.sheet,
    preset: b.preset,
    username: b.username,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
    dataRows: b.data_rows,
    imported: b.imported,
    updated: b.updated,
    duplicates: b.duplicates,
    rejected: b.rejected,
    status: b.status,
    undoneAt: b.undone_at,
    undoneBy: b.undone_by,
  };
}

const BLOCKER_LIMIT = 50;

/** What other features' tables are called on screen, for "recorded as … " in an undo refusal. */
const TABLE_LABELS: Record<string, string> = {
  penerima: 'penerima bantuan pada penyerahan',
  permohonan: 'pemohon bantuan',
  intervensi: 'intervensi',
  usulan: 'usulan SIKS-NG',
};

/** Tables the undo itself clears (so their references never block it) or that other checks already cover. */
const HANDLED_REFERENCES = new Set(['anggota_program', 'anggota']);

interface Reference {
  table: string;
  column: string;
  target: 'anggota' | 'keluarga';
}

/**
 * Every foreign key from another feature's table to anggota or keluarga, read from the schema itself, so a
 * feature added later blocks an undo with a named reason instead of a failed delete.
 */
async function referencesToRegistry(db: Kysely<Database>): Promise<Reference[]> {
  return (await foreignKeysTo(db, ['anggota', 'keluarga']))
    .filter((r) => !HANDLED_REFERENCES.has(r.table))
    .map((r) => ({ ...r, target: r.target as Reference['target'] }));
}

/** Records created by the batch that other features' records point to, one blocker per record and table. */
async function usedElsewhere(db: Kysely<Database>, batchId: number): Promise<UndoBlocker[]> {
  const out: UndoBlocker[] = [];
  for (const ref of await referencesToRegistry(db)) {
    const used = sql<{ id: number; n: number }>`
      select r.${sql.ref(ref.column)} as id, count(*) as n from ${sql.table(ref.table)} r
      where r.${sql.ref(ref.column)} in (select id from ${sql.table(ref.target)} where import_batch_id = ${batchId}) ${notOwnUsulan(ref.table, batchId)}
      group by r.${sql.ref(ref.column)} limit ${BLOCKER_LIMIT}`;
    const { rows } = await used.execute(db);
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const count = new Map(rows.map((r) => [r.id, Number(r.n)]));
    const what = TABLE_LABELS[ref.table] ?? ref.table;
    const reason = (id: number) => `tercatat sebagai ${what}${(count.get(id) ?? 1) > 1 ? ` (${count.get(id)} catatan)` : ''}`;
    if (ref.target === 'anggota') {
      const people = await db.selectFrom('anggota').select(['id', 'nik', 'nama']).where('id', 'in', ids).execute();
      for (const p of people) out.push({ entity: 'anggota', id: p.id, label: `${p.nama} (NIK ${p.nik})`, reason: reason(p.id) });
    } else {
      const fams = await db.selectFrom('keluarga').select(['id', 'no_kk']).where('id', 'in', ids).execute();
      for (const f of fams) out.push({ entity: 'keluarga', id: f.id, label: `Keluarga No KK ${f.no_kk}`, reason: reason(f.id) });
    }
  }
  return out;
}

/** Records of `table` the batch inserted or updated that someone changed after it finished. */
function changedSince(table: 'anggota' | 'keluarga', batchId: number, finishedAt: string) {
  return sql<SqlBool>`${sql.ref(`${table}.updated_at`)} > ${finishedAt} and (${sql.ref(`${table}.import_batch_id`)} = ${batchId}
    or ${sql.ref(`${table}.id`)} in (select entity_id from import_change where batch_id = ${batchId} and entity = ${table}))`;
}

export async function findUndoBlockers(db: Kysely<Database>, batchId: number, finishedAt: string): Promise<UndoBlocker[]> {
  const blockers: UndoBlocker[] = [];
  const changedMembers = await db
    .selectFrom('anggota')
    .select(['id', 'nik', 'nama'])
    .where(changedSince('anggota', batchId, finishedAt))
    .limit(BLOCKER_LIMIT)
    .execute();
  for (const m of changedMembers) {
    blockers.push({ entity: 'anggota', id: m.id, label: `${m.nama} (NIK ${m.nik})`, reason: 'diubah setelah impor ini' });
  }
  const changedFamilies = await db
    .selectFrom('keluarga')
    .select(['id', 'no_kk'])
    .where(changedSince('keluarga', batchId, finishedAt))
    .limit(BLOCKER_LIMIT)
    .execute();
  for (const f of changedFamilies) blockers.push({ entity: 'keluarga', id: f.id, label: `No KK ${f.no_kk}`, reason: 'diubah setelah impor ini' });
  const foreignMembers = await db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select(['anggota.id', 'anggota.nik', 'anggota.nama', 'keluarga.no_kk'])
    .where('keluarga.import_batch_id', '=', batchId)
    .where((eb) => eb.or([eb('anggota.import_batch_id', 'is', null), eb('anggota.import_batch_id', '!=', batchId)]))
    .where((eb) => eb.not(eb('anggota.id', 'in', eb.selectFrom('import_change').select('entity_id').where('batch_id', '=', batchId).where('entity', '=', 'anggota'))))
    .limit(BLOCKER_LIMIT)
    .execute();
  for (const m of foreignMembers) {
    blockers.push({ entity: 'anggota', id: m.id, label: `${m.nama} (NIK ${m.nik})`, reason: `ditambahkan kemudian ke keluarga No KK ${m.no_kk} yang dibuat oleh impor ini` });
  }
  blockers.push(...(await usedElsewhere(db, batchId)));
  blockers.push(...(await usulanUndoBlockers(db, batchId, finishedAt, BLOCKER_LIMIT)));
  return blockers.slice(0, BLOCKER_LIMIT);
}

export async function undoBatch(
  db: Kysely<Database>,
  batchId: number,
  session: SessionInfo | null,
  now: Date,
): Promise<{ batch: ImportBatchSummary; removed: number; reverted: number }> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom('import_batch').selectAll().where('id', '=', batchId).executeTakeFirst();
    // An operator's view of the history holds only their own imports: another's is answered as missing.
    if (!batch || (session && session.role === 'operator' && batch.user_id !== session.userId)) {
      throw new AppError('NOT_FOUND', 'Riwayat impor tidak ditemukan.');
    }
    if (batch.status === 'undone') throw new AppError('CONFLICT', 'Impor ini sudah dibatalkan sebelumnya.');
    const blockers = await findUndoBlockers(trx, batchId, batch.finished_at ?? batch.started_at);
    if (blockers.length > 0) {
      const list = blockers.slice(0, 5).map((b) => `${b.label} ${b.reason}`).join('; ');
      throw new AppError(
        'UNDO_BLOCKED',
        `Impor tidak dapat dibatalkan karena ada perubahan sesudahnya yang bergantung padanya: ${list}${blockers.length > 5 ? `; dan ${blockers.length - 5} lainnya` : ''}.`,
        blockers,
      );
    }

    await trx.deleteFrom('anggota_program').where('import_batch_id', '=', batchId).execute();
    await deleteBatchUsulan(trx, batchId);
    const changes = await trx.selectFrom('import_change').selectAll().where('batch_id', '=', batchId).orderBy('id', 'desc').execute();
    for (const ch of changes) {
      if (ch.action !== 'update' || !ch.before_json) continue;
      const before = JSON.parse(ch.before_json) as Record<string, unknown>;
      if (ch.entity === 'anggota') await trx.updateTable('anggota').set(before).where('id', '=', ch.entity_id).execute();
      else if (ch.entity === 'keluarga') await trx.updateTable('keluarga').set(before).where('id', '=', ch.entity_id).execute();
    }
    let removed = 0;
    try {
      const a = await trx.deleteFrom('anggota').where('import_batch_id', '=', batchId).executeTakeFirst();
      const k = await trx.deleteFrom('keluarga').where('import_batch_id', '=', batchId).executeTakeFirst();
      removed = Number(a.numDeletedRows) + Number(k.numDeletedRows);
    } catch (error) {
      if (/FOREIGN KEY/i.test((error as Error).message)) {
        throw new AppError('UNDO_BLOCKED', 'Impor tidak dapat dibatalkan: sebagian anggota/keluarga dari impor ini sudah dipakai data lain (mis. penerima bantuan atau intervensi).');
      }
      throw error;
    }
    const at = now.toISOString();
    await trx
      .updateTable('import_batch')
      .set({ status: 'undone', undone_at: at, undone_by: session?.username ?? null })
      .where('id', '=', batchId)
      .execute();
    await recordAudit(trx, session, { action: 'undo', entity: 'import_batch', entityId: batchId, before: { status: 'committed' }, after: { status: 'undone', removed, reverted: changes.length }, note: batch.file_name }, now);
    const updated = await trx.selectFrom('import_batch').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
    return { batch: toSummary(updated), removed, reverted: changes.length };
  });
}
