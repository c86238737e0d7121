/**
 * A family known only by its ID Keluarga P3KE (no No KK) found to be the same family as one with a No KK — a
 * DTKS sheet lists one of its members under that No KK, or a clerk types that No KK on its form — is merged
 * into it. The rule:
 * - the family with the No KK stays (its id, No KK, address and region: the KK is the civil record);
 * - every member of the other family moves to it;
 * - the P3KE facts move with them: the ID Keluarga P3KE when it has none, and each P3KE fact and the desil it
 *   lacks; miskin_ekstrem is kept when either family was;
 * - the other family stays as an empty record pointing at it (digabung_ke), so its history stays readable from
 *   the merged family's page and an import that merged them can be undone field by field.
 * Every change is handed to `record` with the values it replaced, before it is written, in the order an undo
 * must reverse (the merged family gives up its P3KE ID before the other takes it: the ID is unique).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export type MergeRecorder = (entity: 'keluarga' | 'anggota', id: number, before: Record<string, unknown>, after: Record<string, unknown>) => Promise<void>;

const P3KE_FIELDS = ['p3ke_resiko_stunting', 'p3ke_tahun', 'p3ke_prioritas', 'p3ke_persentil', 'p3ke_memenuhi', 'p3ke_keterangan', 'desil'] as const;

export interface MergeResult {
  moved: number;
}

export async function mergeFamilyInto(db: Kysely<Database>, fromId: number, intoId: number, nowIso: string, record: MergeRecorder): Promise<MergeResult> {
  if (fromId === intoId) return { moved: 0 };
  const from = await db.selectFrom('keluarga').selectAll().where('id', '=', fromId).executeTakeFirst();
  const into = await db.selectFrom('keluarga').selectAll().where('id', '=', intoId).executeTakeFirst();
  // Only a family still without No KK and not merged already is merged (a second look is a no-op).
  if (!from || !into || from.no_kk !== null || from.digabung_ke !== null) return { moved: 0 };

  const members = await db.selectFrom('anggota').select(['id', 'keluarga_id', 'updated_at']).where('keluarga_id', '=', fromId).orderBy('id').execute();
  for (const m of members) {
    await record('anggota', m.id, { keluarga_id: m.keluarga_id, updated_at: m.updated_at }, { keluarga_id: intoId });
    await db.updateTable('anggota').set({ keluarga_id: intoId, updated_at: nowIso }).where('id', '=', m.id).execute();
  }

  const giveId = from.id_p3ke !== null && into.id_p3ke === null;
  const fromSet = { digabung_ke: intoId, ...(giveId ? { id_p3ke: null } : {}), updated_at: nowIso };
  await record('keluarga', fromId, { digabung_ke: null, ...(giveId ? { id_p3ke: from.id_p3ke } : {}), updated_at: from.updated_at }, fromSet);
  await db.updateTable('keluarga').set(fromSet).where('id', '=', fromId).execute();

  const intoSet: Record<string, unknown> = {};
  if (giveId) intoSet.id_p3ke = from.id_p3ke;
  for (const k of P3KE_FIELDS) if (into[k] === null && from[k] !== null) intoSet[k] = from[k];
  if (from.miskin_ekstrem === 1 && into.miskin_ekstrem !== 1) intoSet.miskin_ekstrem = 1;
  if (Object.keys(intoSet).length > 0) {
    const before: Record<string, unknown> = { updated_at: into.updated_at };
    for (const k of Object.keys(intoSet)) before[k] = (into as Record<string, unknown>)[k];
    await record('keluarga', intoId, before, intoSet);
    await db.updateTable('keluarga').set({ ...intoSet, updated_at: nowIso }).where('id', '=', intoId).execute();
  }
  return { moved: members.length };
}
