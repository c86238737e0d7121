import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { FollowUp, followUpSchema, StatusTindakLanjut } from '../../../shared/api/meetings';
import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { AppError, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { desaLabel } from './officeArea';

type Db = Kysely<Database>;

function baseQuery(db: Db) {
  return db
    .selectFrom('tindak_lanjut as t')
    .innerJoin('rapat as r', 'r.id', 't.rapat_id')
    .leftJoin('rapat_agenda as a', 'a.id', 't.agenda_id')
    .selectAll('t')
    .select(['r.judul as rapat_judul', 'r.tanggal as rapat_tanggal', 'a.judul as agenda_judul']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Overdue = a due date before today and not finished. */
export function isTerlambat(status: StatusTindakLanjut, batasWaktu: string | null, today: string): boolean {
  return status !== 'selesai' && batasWaktu !== null && batasWaktu < today;
}

function toFollowUp(r: Row, regions: RegionIndex, today: string): FollowUp {
  return {
    id: r.id,
    rapatId: r.rapat_id,
    rapatJudul: r.rapat_judul,
    rapatTanggal: r.rapat_tanggal,
    agendaId: r.agenda_id,
    agendaJudul: r.agenda_judul,
    uraian: r.uraian,
    pjNama: r.pj_nama,
    pjDesaKode: r.pj_desa_kode,
    pjDesaNama: desaLabel(regions, r.pj_desa_kode),
    batasWaktu: r.batas_waktu,
    status: r.status,
    selesaiTanggal: r.selesai_tanggal,
    catatan: r.catatan,
    terlambat: isTerlambat(r.status, r.batas_waktu, today),
  };
}

export async function listFollowUps(
  db: Db,
  regions: RegionIndex,
  filter: { status: 'terbuka' | 'terlambat' | 'selesai' | 'semua'; rapatId?: number; q: string },
  today: string,
): Promise<FollowUp[]> {
  let query = baseQuery(db);
  if (filter.rapatId !== undefined) query = query.where('t.rapat_id', '=', filter.rapatId);
  if (filter.status === 'terbuka') query = query.where('t.status', '!=', 'selesai');
  if (filter.status === 'selesai') query = query.where('t.status', '=', 'selesai');
  if (filter.status === 'terlambat') query = query.where('t.status', '!=', 'selesai').where('t.batas_waktu', '<', today);
  if (filter.q) query = query.where((eb) => eb.or([eb('t.uraian', 'like', `%${filter.q}%`), eb('t.pj_nama', 'like', `%${filter.q}%`), eb('r.judul', 'like', `%${filter.q}%`)]));
  // Overdue first, then by due date (no date last), then newest meeting.
  const rows = await query
    .orderBy((eb) => eb.case().when('t.status', '=', 'selesai').then(1).else(0).end())
    .orderBy((eb) => eb.case().when('t.batas_waktu', 'is', null).then(1).else(0).end())
    .orderBy('t.batas_waktu')
    .orderBy('r.tanggal', 'desc')
    .orderBy('t.id')
    .limit(2000)
    .execute();
  return rows.map((r) => toFollowUp(r, regions, today));
}

async function getFollowUp(db: Db, regions: RegionIndex, id: number, today: string): Promise<FollowUp> {
  const row = await baseQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Tindak lanjut');
  return toFollowUp(row, regions, today);
}

export async function saveFollowUp(
  db: Db,
  regions: RegionIndex,
  session: SessionInfo | null,
  data: z.output<typeof followUpSchema>,
  at: Date,
  today: string,
): Promise<FollowUp> {
  const now = at.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const rapat = await trx.selectFrom('rapat').select(['id', 'status']).where('id', '=', data.rapatId).executeTakeFirst();
    if (!rapat) throw notFound('Rapat');
    if (data.agendaId !== null) {
      const agenda = await trx.selectFrom('rapat_agenda').select('id').where('id', '=', data.agendaId).where('rapat_id', '=', data.rapatId).executeTakeFirst();
      if (!agenda) throw new AppError('INVALID_INPUT', 'Agenda tidak termasuk rapat ini.', { field: 'agendaId' });
    }
    if (data.pjDesaKode && !regions.get(data.pjDesaKode)) throw new AppError('INVALID_INPUT', 'Desa penanggung jawab tidak dikenal.', { field: 'pjDesaKode' });
    const fields = {
      agenda_id: data.agendaId,
      uraian: data.uraian,
      pj_nama: data.pjNama,
      pj_desa_kode: data.pjDesaKode,
      batas_waktu: data.batasWaktu,
      status: data.status,
      catatan: data.catatan,
      updated_at: now,
    };
    if (data.id !== undefined) {
      const before = await trx.selectFrom('tindak_lanjut').selectAll().where('id', '=', data.id).where('rapat_id', '=', data.rapatId).executeTakeFirst();
      if (!before) throw notFound('Tindak lanjut');
      const selesai_tanggal = data.status === 'selesai' ? (before.selesai_tanggal ?? today) : null;
      const after = await trx.updateTable('tindak_lanjut').set({ ...fields, selesai_tanggal }).where('id', '=', data.id).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, session, { action: 'update', entity: 'tindak_lanjut', entityId: data.id, before, after }, at);
      return data.id;
    }
    const created = await trx
      .insertInto('tindak_lanjut')
      .values({ ...fields, rapat_id: data.rapatId, selesai_tanggal: data.status === 'selesai' ? today : null, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: 'create', entity: 'tindak_lanjut', entityId: created.id, after: created }, at);
    return created.id;
  });
  return getFollowUp(db, regions, id, today);
}

export async function setFollowUpStatus(
  db: Db,
  regions: RegionIndex,
  session: SessionInfo | null,
  id: number,
  status: StatusTindakLanjut,
  at: Date,
  today: string,
): Promise<FollowUp> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('tindak_lanjut').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Tindak lanjut');
    if (before.status === status) return;
    const selesai_tanggal = status === 'selesai' ? today : null;
    await trx.updateTable('tindak_lanjut').set({ status, selesai_tanggal, updated_at: at.toISOString() }).where('id', '=', id).execute();
    await recordAudit(trx, session, { action: 'status', entity: 'tindak_lanjut', entityId: id, before: { status: before.status }, after: { status, selesai_tanggal } }, at);
  });
  return getFollowUp(db, regions, id, today);
}
