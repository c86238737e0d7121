import type { Kysely, Selectable } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type { attendanceSchema, CheckInCandidate, guestSchema, Peserta } from '../../../shared/api/meetings';
import { normalizeKey } from '../../../shared/domain/text';
import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { AppError, conflict, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { assertEditable, requireRapat, toPeserta } from './meetings';
import { desaLabel, officeKecamatan } from './officeArea';

type Db = Kysely<Database>;

/** An operator's own details, copied onto their participant row (the list stays as it was on the day). */
function asPeserta(o: Selectable<Database['operator_desa']>) {
  return {
    operator_id: o.id,
    nama: o.nama,
    nama_key: o.nama_key,
    nik: o.nik,
    desa_kode: o.desa_kode,
    kecamatan_kode: o.kecamatan_kode,
    jabatan: o.jabatan,
    no_hp: o.no_hp,
  };
}

/** Invites every active operator of the chosen kecamatan (all of the office's when none is chosen). */
export async function inviteOperators(
  db: Db,
  office: Office,
  regions: RegionIndex,
  session: SessionInfo | null,
  rapatId: number,
  kecamatanKodes: string[],
  at: Date,
): Promise<{ ditambahkan: number; sudahDiundang: number }> {
  const own = new Set(officeKecamatan(office, regions).map((k) => k.kecamatan.kode));
  const foreign = kecamatanKodes.find((k) => !own.has(k));
  if (foreign) throw new AppError('INVALID_INPUT', `Kecamatan ${foreign} bukan wilayah ${office.kabKotaNama}.`);
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const rapat = await requireRapat(trx, rapatId);
    assertEditable(rapat);
    const operators = await trx
      .selectFrom('operator_desa')
      .selectAll()
      .where('aktif', '=', 1)
      .$if(kecamatanKodes.length > 0, (qb) => qb.where('kecamatan_kode', 'in', kecamatanKodes))
      .execute();
    if (operators.length === 0) {
      throw new AppError('NO_OPERATORS', kecamatanKodes.length > 0 ? 'Tidak ada operator aktif di kecamatan yang dipilih. Tambahkan operator di menu Operator dulu.' : 'Belum ada operator aktif. Tambahkan atau impor daftar operator dulu.');
    }
    const already = new Set(
      (await trx.selectFrom('rapat_peserta').select('operator_id').where('rapat_id', '=', rapatId).where('operator_id', 'is not', null).execute()).map((r) => r.operator_id),
    );
    const fresh = operators.filter((o) => !already.has(o.id));
    for (const o of fresh) {
      await trx
        .insertInto('rapat_peserta')
        .values({
          rapat_id: rapatId,
          ...asPeserta(o),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await recordAudit(trx, session, {
      action: 'create',
      entity: 'rapat_peserta',
      entityId: rapatId,
      after: { diundang: fresh.map((o) => o.id), kecamatan: kecamatanKodes },
      note: `${fresh.length} operator diundang`,
    }, at);
    return { ditambahkan: fresh.length, sudahDiundang: operators.length - fresh.length };
  });
}

export async function addGuest(db: Db, regions: RegionIndex, session: SessionInfo | null, data: z.output<typeof guestSchema>, at: Date): Promise<Peserta> {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const rapat = await requireRapat(trx, data.rapatId);
    assertEditable(rapat);
    const same = await trx
      .selectFrom('rapat_peserta')
      .select('id')
      .where('rapat_id', '=', data.rapatId)
      .where('nama_key', '=', normalizeKey(data.nama))
      .where('instansi', '=', data.instansi)
      .executeTakeFirst();
    if (same) throw conflict(`${data.nama} (${data.instansi}) sudah ada di daftar peserta.`);
    const row = await trx
      .insertInto('rapat_peserta')
      .values({
        rapat_id: data.rapatId,
        nama: data.nama,
        nama_key: normalizeKey(data.nama),
        nik: data.nik,
        instansi: data.instansi,
        jabatan: data.jabatan,
        no_hp: data.noHp,
        diundang: data.diundang ? 1 : 0,
        kehadiran: data.diundang ? 'belum' : 'hadir',
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: 'create', entity: 'rapat_peserta', entityId: row.id, after: row }, at);
    return toPeserta(row, regions);
  });
}

export async function removeParticipant(db: Db, session: SessionInfo | null, id: number, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('rapat_peserta').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Peserta');
    assertEditable(await requireRapat(trx, row.rapat_id));
    if (row.kehadiran !== 'belum') {
      throw conflict(`Kehadiran ${row.nama} sudah dicatat. Ubah kehadirannya ke "Tidak hadir" bila ia tidak datang; peserta yang sudah dicatat tidak dihapus.`);
    }
    await trx.deleteFrom('rapat_peserta').where('id', '=', id).execute();
    await recordAudit(trx, session, { action: 'delete', entity: 'rapat_peserta', entityId: id, before: row }, at);
  });
}

export async function setAttendance(db: Db, regions: RegionIndex, session: SessionInfo | null, data: z.output<typeof attendanceSchema>, at: Date): Promise<Peserta> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('rapat_peserta').selectAll().where('id', '=', data.pesertaId).executeTakeFirst();
    if (!before) throw notFound('Peserta');
    assertEditable(await requireRapat(trx, before.rapat_id));
    const after = await trx
      .updateTable('rapat_peserta')
      .set({
        kehadiran: data.kehadiran,
        jam_datang: data.kehadiran === 'hadir' ? data.jamDatang : null,
        keterangan: data.keterangan,
        updated_at: at.toISOString(),
      })
      .where('id', '=', data.pesertaId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, {
      action: 'update',
      entity: 'rapat_kehadiran',
      entityId: after.id,
      before: { kehadiran: before.kehadiran, jamDatang: before.jam_datang },
      after: { kehadiran: after.kehadiran, jamDatang: after.jam_datang },
    }, at);
    return toPeserta(after, regions);
  });
}

/** Quick entry: participants of the meeting, then active operators not yet on the list, matching a name or NIK. */
export async function checkInCandidates(db: Db, regions: RegionIndex, rapatId: number, q: string): Promise<CheckInCandidate[]> {
  const digits = q.replace(/[\s.-]/g, '');
  const byNik = /^\d{4,}$/.test(digits);
  const key = normalizeKey(q);
  const peserta = await db
    .selectFrom('rapat_peserta')
    .selectAll()
    .where('rapat_id', '=', rapatId)
    .where((eb) => (byNik ? eb('nik', 'like', `${digits}%`) : eb('nama_key', 'like', `%${key}%`)))
    .orderBy('nama_key')
    .limit(15)
    .execute();
  const invited = new Set(
    (await db.selectFrom('rapat_peserta').select('operator_id').where('rapat_id', '=', rapatId).where('operator_id', 'is not', null).execute()).map((r) => r.operator_id),
  );
  const operators = await db
    .selectFrom('operator_desa')
    .selectAll()
    .where('aktif', '=', 1)
    .where((eb) => (byNik ? eb('nik', 'like', `${digits}%`) : eb('nama_key', 'like', `%${key}%`)))
    .orderBy('nama_key')
    .limit(30)
    .execute();
  return [
    ...peserta.map((p) => ({
      kind: 'peserta' as const,
      id: p.id,
      nama: p.nama,
      nik: p.nik,
      desaInstansi: desaLabel(regions, p.desa_kode) ?? p.instansi ?? '',
      kehadiran: p.kehadiran,
    })),
    ...operators
      .filter((o) => !invited.has(o.id))
      .slice(0, 10)
      .map((o) => ({ kind: 'operator' as const, id: o.id, nama: o.nama, nik: o.nik, desaInstansi: desaLabel(regions, o.desa_kode) ?? '', kehadiran: null })),
  ];
}

/** Marks someone present; an operator who was not invited is added to the list as a walk-in. */
export async function checkIn(
  db: Db,
  regions: RegionIndex,
  session: SessionInfo | null,
  input: { rapatId: number; kind: 'peserta' | 'operator'; id: number; jamDatang: string | null },
  at: Date,
  nowJam: string,
): Promise<Peserta> {
  const jam = input.jamDatang ?? nowJam;
  if (input.kind === 'peserta') {
    const p = await db.selectFrom('rapat_peserta').select(['id', 'rapat_id']).where('id', '=', input.id).executeTakeFirst();
    if (!p || p.rapat_id !== input.rapatId) throw notFound('Peserta');
    return setAttendance(db, regions, session, { pesertaId: p.id, kehadiran: 'hadir', jamDatang: jam, keterangan: null }, at);
  }
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    assertEditable(await requireRapat(trx, input.rapatId));
    const o = await trx.selectFrom('operator_desa').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!o) throw notFound('Operator');
    const existing = await trx.selectFrom('rapat_peserta').selectAll().where('rapat_id', '=', input.rapatId).where('operator_id', '=', o.id).executeTakeFirst();
    const row = existing
      ? await trx.updateTable('rapat_peserta').set({ kehadiran: 'hadir', jam_datang: jam, updated_at: now }).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
      : await trx
          .insertInto('rapat_peserta')
          .values({
            rapat_id: input.rapatId,
            ...asPeserta(o),
            kehadiran: 'hadir',
            jam_datang: jam,
            diundang: 0,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: existing ? 'update' : 'create', entity: 'rapat_kehadiran', entityId: row.id, after: { kehadiran: 'hadir', jamDatang: jam, operatorId: o.id } }, at);
    return toPeserta(row, regions);
  });
}
