/**
 * Families and members by hand: the family page (members, programmes, history), adding and editing with the
 * same NIK/No KK rules as the import, and a member leaving with a date and reason (never deleted). Every
 * change is written to audit_log with before/after in the same transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/api/auth';
import type { AnggotaDetail, HistoryEntry, KeluargaDetail, anggotaInputSchema, keluargaBaruSchema, keluargaInputSchema, statusChangeSchema } from '../../../shared/api/registry';
import { statusLabels } from '../../../shared/api/registry';
import { normalizeKey } from '../../../shared/domain/text';
import { officeToday } from '../officeToday';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { waktuDiZona, zonaWaktuProvinsi } from '../../../shared/domain/zonaWaktu';
import { readOfficeProfile } from '../admin';
import { recordAudit } from '../audit/record';
import { AppError, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import { normalizeRegionCode, type RegionIndex } from '../regions';
import { toListItem } from './list';
import { mergeFamilyInto } from './merge';
import { assertDesaInScope, assertInScope, inScope, type Scope } from './scope';

type AnggotaData = z.output<typeof anggotaInputSchema>;
type KeluargaData = z.output<typeof keluargaInputSchema>;
type KeluargaBaruData = z.output<typeof keluargaBaruSchema>;

const FIELD_LABELS: Record<string, string> = {
  nama: 'Nama', nik: 'NIK', jenis_kelamin: 'Jenis kelamin', tempat_lahir: 'Tempat lahir', tanggal_lahir: 'Tanggal lahir', hubungan: 'Hubungan',
  ibu_kandung: 'Ibu kandung', status_kawin: 'Status kawin', pekerjaan: 'Pekerjaan', pendidikan: 'Pendidikan', disabilitas: 'Disabilitas',
  hamil: 'Hamil', padan: 'Padan', status: 'Status', status_tanggal: 'Tanggal status', status_alasan: 'Alasan', id_dtks: 'ID DTKS',
  no_kk: 'No KK', alamat: 'Alamat', dusun: 'Dusun', rt: 'RT', rw: 'RW', desa_kode: 'Desa/kelurahan', desil: 'Desil', miskin_ekstrem: 'Miskin ekstrem',
  catatan: 'Catatan', keluarga_id: 'Keluarga', programs: 'Program',
  id_p3ke: 'ID Keluarga P3KE', digabung_ke: 'Digabung ke keluarga', id_p3ke_individu: 'ID Individu P3KE', p3ke_resiko_stunting: 'Resiko stunting (P3KE)',
  p3ke_urutan: 'Urutan dalam keluarga (P3KE)', p3ke_tahun: 'Tahun pemutakhiran P3KE', p3ke_prioritas: 'Prioritas verval P3KE', p3ke_persentil: 'Persentil P3KE',
  p3ke_memenuhi: 'Memenuhi kriteria P3KE', p3ke_keterangan: 'Keterangan verval P3KE',
};

function summarize(before: unknown, after: unknown): string {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'updated_at' && k !== 'created_at' && FIELD_LABELS[k]);
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : Array.isArray(v) ? v.join(', ') : String(v));
  // Empty is empty whether a record stored null, '' or left the field out: "– → –" is no change.
  const same = (x: unknown, y: unknown) => JSON.stringify(x === undefined || x === '' ? null : x) === JSON.stringify(y === undefined || y === '' ? null : y);
  return keys
    .filter((k) => !same(b[k], a[k]))
    .map((k) => (k in b ? `${FIELD_LABELS[k]}: ${show(b[k])} → ${show(a[k])}` : `${FIELD_LABELS[k]}: ${show(a[k])}`))
    .join('; ');
}

function memberRow(m: AnggotaData, keluargaId: number, now: string) {
  return {
    keluarga_id: keluargaId,
    nik: m.nik,
    nama: m.nama,
    nama_key: normalizeKey(m.nama),
    jenis_kelamin: m.jenisKelamin,
    tempat_lahir: m.tempatLahir || null,
    tanggal_lahir: m.tanggalLahir,
    hubungan: m.hubungan,
    ibu_kandung: m.ibuKandung || null,
    status_kawin: m.statusKawin || null,
    pekerjaan: m.pekerjaan || null,
    pendidikan: m.pendidikan || null,
    disabilitas: m.disabilitas || null,
    hamil: m.hamil ? 1 : 0,
    padan: m.padan,
    id_dtks: m.idDtks || null,
    updated_at: now,
  };
}

function familyRow(k: KeluargaData, regions: RegionIndex, now: string) {
  const desaKode = normalizeRegionCode(k.desaKode);
  const desa = desaKode ? regions.get(desaKode) : null;
  if (!desa || !['desa', 'kelurahan', 'desa_adat'].includes(desa.level) || !desa.parentKode) {
    throw new AppError('INVALID_INPUT', 'Pilih desa/kelurahan yang ada di daftar wilayah.', undefined);
  }
  return {
    no_kk: k.noKk,
    alamat: k.alamat,
    dusun: k.dusun || null,
    rt: k.rt ? (/^\d+$/.test(k.rt) ? String(Number(k.rt)) : k.rt) : null,
    rw: k.rw ? (/^\d+$/.test(k.rw) ? String(Number(k.rw)) : k.rw) : null,
    desa_kode: desa.kode,
    kecamatan_kode: desa.parentKode,
    id_dtks: k.idDtks || null,
    desil: k.desil,
    miskin_ekstrem: k.miskinEkstrem ? 1 : 0,
    catatan: k.catatan || null,
    updated_at: now,
  };
}

function inputIssue(path: string, message: string) {
  return new AppError('INVALID_INPUT', message, undefined);
}

/**
 * NIK and No KK are unique across the whole registry, so a taken one must be refused even when its holder
 * lives outside the caller's area; but then the answer names nobody and carries no id or desa.
 */
async function assertNikFree(db: Kysely<Database>, scope: Scope, nik: string, exceptId: number | null) {
  const other = await db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select(['anggota.id', 'anggota.nama', 'keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.kecamatan_kode']).where('anggota.nik', '=', nik).executeTakeFirst();
  if (!other || other.id === exceptId) return;
  if (!inScope(scope, other.desa_kode, other.kecamatan_kode)) {
    throw new AppError('CONFLICT', 'NIK ini sudah terdaftar di luar wilayah kerja Anda. Satu NIK hanya untuk satu orang; bila orangnya pindah ke wilayah Anda, minta petugas dinas memindahkan datanya.', { field: 'nik' });
  }
  throw new AppError('CONFLICT', `NIK ${nik} sudah terdaftar atas nama ${other.nama} (No KK ${other.no_kk}). Satu NIK hanya untuk satu orang.`, { field: 'nik', anggotaId: other.id });
}

async function assertKkFree(db: Kysely<Database>, scope: Scope, noKk: string, exceptId: number | null) {
  const other = await db.selectFrom('keluarga').select(['id', 'desa_kode', 'kecamatan_kode']).where('no_kk', '=', noKk).executeTakeFirst();
  if (!other || other.id === exceptId) return;
  if (!inScope(scope, other.desa_kode, other.kecamatan_kode)) {
    throw new AppError('CONFLICT', 'No KK ini sudah terdaftar di luar wilayah kerja Anda. Bila keluarganya pindah ke wilayah Anda, minta petugas dinas memindahkan datanya.', { field: 'noKk' });
  }
  throw new AppError('CONFLICT', `No KK ${noKk} sudah terdaftar. Buka keluarga tersebut untuk menambah anggota.`, { field: 'noKk', keluargaId: other.id });
}

async function setPrograms(db: Kysely<Database>, anggotaId: number, programs: readonly string[]): Promise<{ before: string[]; after: string[] }> {
  const have = (await db.selectFrom('anggota_program').select('program').where('anggota_id', '=', anggotaId).execute()).map((p) => p.program).sort();
  const want = [...new Set(programs.map((p) => p.trim()).filter(Boolean))].sort();
  const remove = have.filter((p) => !want.includes(p));
  const add = want.filter((p) => !have.includes(p));
  if (remove.length) await db.deleteFrom('anggota_program').where('anggota_id', '=', anggotaId).where('program', 'in', remove).execute();
  if (add.length) await db.insertInto('anggota_program').values(add.map((p) => ({ anggota_id: anggotaId, program: p, keterangan: null, import_batch_id: null }))).execute();
  return { before: have, after: want };
}

export async function anggotaDetails(db: Kysely<Database>, regions: RegionIndex, where: { keluargaId?: number; id?: number }): Promise<AnggotaDetail[]> {
  let q = db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').selectAll('anggota').select(['keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.kecamatan_kode', 'keluarga.desil', 'keluarga.miskin_ekstrem']);
  if (where.keluargaId !== undefined) q = q.where('anggota.keluarga_id', '=', where.keluargaId);
  if (where.id !== undefined) q = q.where('anggota.id', '=', where.id);
  // P3KE's order of the members ("Anak / 3") first where it is known.
  const rows = await q.orderBy(sql`anggota.p3ke_urutan is null`).orderBy('anggota.p3ke_urutan').orderBy('anggota.id').execute();
  if (rows.length === 0) return [];
  const programs = await db.selectFrom('anggota_program').select(['anggota_id', 'program']).where('anggota_id', 'in', rows.map((r) => r.id)).orderBy('program').execute();
  return rows.map((r) => ({
    ...toListItem(r, regions),
    tempatLahir: r.tempat_lahir,
    ibuKandung: r.ibu_kandung,
    statusKawin: r.status_kawin,
    pekerjaan: r.pekerjaan,
    pendidikan: r.pendidikan,
    disabilitas: r.disabilitas,
    hamil: r.hamil === 1,
    padan: r.padan,
    statusTanggal: r.status_tanggal,
    statusAlasan: r.status_alasan,
    idDtks: r.id_dtks,
    idP3keIndividu: r.id_p3ke_individu,
    p3keResikoStunting: r.p3ke_resiko_stunting === null ? null : r.p3ke_resiko_stunting === 1,
    programs: programs.filter((p) => p.anggota_id === r.id).map((p) => p.program),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function history(db: Kysely<Database>, familyId: number, anggotaIds: number[]): Promise<HistoryEntry[]> {
  // A family merged into this one (registry/merge.ts) keeps its own history; it is shown here with this one's.
  const merged = (await db.selectFrom('keluarga').select('id').where('digabung_ke', '=', familyId).execute()).map((k) => k.id);
  const familyIds = [familyId, ...merged];
  const keluargaId = familyId;
  const audits = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'keluarga'), eb('entity_id', 'in', familyIds.map(String))]),
        ...(anggotaIds.length ? [eb.and([eb('entity', '=', 'anggota'), eb('entity_id', 'in', anggotaIds.map(String))])] : []),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const out: HistoryEntry[] = audits.map((a) => {
    const before = a.before_json ? (JSON.parse(a.before_json) as unknown) : null;
    const after = a.after_json ? (JSON.parse(a.after_json) as unknown) : null;
    const made = (after ?? {}) as Record<string, unknown>;
    const summary =
      a.note ??
      (a.action === 'create'
        ? a.entity === 'anggota'
          ? `Anggota ditambahkan: ${String(made.nama)} (NIK ${String(made.nik)}, ${String(made.hubungan ?? '–')})`
          : made.no_kk ? `Keluarga dicatat (No KK ${String(made.no_kk)})` : `Keluarga dicatat (ID Keluarga P3KE ${String(made.id_p3ke ?? '–')}, No KK belum diketahui)`
        : summarize(before, after));
    return { at: a.at, username: a.username, action: a.action, entity: a.entity, entityId: a.entity_id, summary, before, after };
  });
  // What imports did to these records (imports write one audit entry per batch, the details are here).
  const changes = await db
    .selectFrom('import_change')
    .innerJoin('import_batch', 'import_batch.id', 'import_change.batch_id')
    .select(['import_change.entity', 'import_change.entity_id', 'import_change.before_json', 'import_batch.id as batch_id', 'import_batch.file_name', 'import_batch.finished_at', 'import_batch.username', 'import_batch.status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('import_change.entity', '=', 'keluarga'), eb('import_change.entity_id', 'in', familyIds)]),
        ...(anggotaIds.length ? [eb.and([eb('import_change.entity', '=', 'anggota'), eb('import_change.entity_id', 'in', anggotaIds)])] : []),
      ]),
    )
    .execute();
  for (const c of changes) {
    const before = c.before_json ? (JSON.parse(c.before_json) as Record<string, unknown>) : {};
    out.push({
      at: c.finished_at ?? '',
      username: c.username,
      action: 'import',
      entity: c.entity,
      entityId: String(c.entity_id),
      summary: `Diperbarui oleh impor #${c.batch_id} (${c.file_name})${c.status === 'undone' ? ', sudah dibatalkan' : ''}; nilai sebelumnya: ${Object.entries(before).filter(([k]) => k !== 'updated_at' && FIELD_LABELS[k]).map(([k, v]) => `${FIELD_LABELS[k]} ${v ?? '–'}`).join(', ')}`,
      before,
      after: null,
    });
  }
  const created = await db
    .selectFrom('import_batch')
    .select(['id', 'file_name', 'finished_at', 'username'])
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('keluarga').select('import_batch_id').where('id', 'in', familyIds)),
        ...(anggotaIds.length ? [eb('id', 'in', eb.selectFrom('anggota').select('import_batch_id').where('id', 'in', anggotaIds))] : []),
      ]),
    )
    .execute();
  for (const b of created) {
    out.push({ at: b.finished_at ?? '', username: b.username, action: 'import', entity: 'keluarga', entityId: String(keluargaId), summary: `Data masuk lewat impor #${b.id} (${b.file_name})`, before: null, after: null });
  }
  return out.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
}

export async function keluargaDetail(db: Kysely<Database>, regions: RegionIndex, id: number, scope: Scope): Promise<KeluargaDetail> {
  const k = await db.selectFrom('keluarga').selectAll().where('id', '=', id).executeTakeFirst();
  if (!k) throw notFound('Keluarga');
  assertInScope(scope, k.desa_kode, k.kecamatan_kode, 'Keluarga');
  const anggota = await anggotaDetails(db, regions, { keluargaId: id });
  return {
    id: k.id,
    noKk: k.no_kk,
    alamat: k.alamat,
    dusun: k.dusun,
    rt: k.rt,
    rw: k.rw,
    desaKode: k.desa_kode,
    desaNama: regions.nameOf(k.desa_kode),
    kecamatanKode: k.kecamatan_kode,
    kecamatanNama: regions.nameOf(k.kecamatan_kode),
    idDtks: k.id_dtks,
    desil: k.desil,
    miskinEkstrem: k.miskin_ekstrem === 1,
    sumber: k.sumber,
    importBatchId: k.import_batch_id,
    catatan: k.catatan,
    createdAt: k.created_at,
    updatedAt: k.updated_at,
    kepala: anggota.find((a) => a.hubungan === 'Kepala Keluarga' && a.status === 'aktif')?.nama ?? null,
    p3ke:
      k.id_p3ke === null
        ? null
        : {
            idKeluarga: k.id_p3ke,
            resikoStunting: k.p3ke_resiko_stunting === null ? null : k.p3ke_resiko_stunting === 1,
            tahun: k.p3ke_tahun,
            prioritas: k.p3ke_prioritas,
            persentil: k.p3ke_persentil,
            memenuhi: k.p3ke_memenuhi,
            keterangan: k.p3ke_keterangan,
          },
    digabungKe: k.digabung_ke,
    anggota,
    history: await history(db, id, anggota.map((a) => a.id)),
  };
}

export async function createKeluarga(db: Kysely<Database>, regions: RegionIndex, session: SessionInfo, scope: Scope, keluarga: KeluargaBaruData, kepala: AnggotaData, now: Date) {
  const at = now.toISOString();
  const fam = familyRow(keluarga, regions, at);
  assertDesaInScope(scope, fam.desa_kode, fam.kecamatan_kode);
  return db.transaction().execute(async (trx) => {
    await assertKkFree(trx, scope, keluarga.noKk, null);
    await assertNikFree(trx, scope, kepala.nik, null);
    const k = await trx.insertInto('keluarga').values({ ...fam, sumber: 'Input manual', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const a = await trx.insertInto('anggota').values({ ...memberRow(kepala, k.id, at), created_at: at }).returning('id').executeTakeFirstOrThrow();
    await setPrograms(trx, a.id, kepala.programs);
    await recordAudit(trx, session, { action: 'create', entity: 'keluarga', entityId: k.id, after: fam }, now);
    await recordAudit(trx, session, { action: 'create', entity: 'anggota', entityId: a.id, after: { ...memberRow(kepala, k.id, at), programs: kepala.programs } }, now);
    return { keluargaId: k.id, anggotaId: a.id };
  });
}

/**
 * Saves the family form; returns the id of the family to show. A family without No KK (registered from P3KE)
 * given the No KK of another family in the caller's area is the same family: it is merged into that one
 * (registry/merge.ts), whose id is returned.
 */
export async function updateKeluarga(db: Kysely<Database>, regions: RegionIndex, session: SessionInfo, scope: Scope, id: number, keluarga: KeluargaData, now: Date, versi?: string): Promise<number> {
  const at = now.toISOString();
  const fam = familyRow(keluarga, regions, at);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('keluarga').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Keluarga');
    assertInScope(scope, before.desa_kode, before.kecamatan_kode, 'Keluarga');
    if (before.digabung_ke !== null) throw new AppError('CONFLICT', 'Keluarga ini sudah digabung ke keluarga lain; buka keluarga tersebut.', { keluargaId: before.digabung_ke });
    if (versi !== undefined && before.updated_at !== versi) throw await staleEdit(trx, id, before.updated_at);
    const noKk = keluarga.noKk;
    // Only a family registered without No KK (from P3KE) may be saved without one.
    if (noKk === null && before.no_kk !== null) throw new AppError('INVALID_INPUT', 'No KK wajib diisi: keluarga ini sudah tercatat dengan No KK.', { issues: [{ path: 'noKk', message: 'No KK wajib diisi.' }] });
    const holder = before.no_kk === null && noKk !== null ? await trx.selectFrom('keluarga').select(['id', 'desa_kode', 'kecamatan_kode']).where('no_kk', '=', noKk).executeTakeFirst() : undefined;
    if (holder && holder.id !== id && inScope(scope, holder.desa_kode, holder.kecamatan_kode)) {
      await mergeFamilyInto(trx, id, holder.id, at, (entity, entityId, b, a) =>
        recordAudit(trx, session, { action: 'merge', entity, entityId, before: b, after: a, note: `Keluarga tanpa No KK (ID P3KE ${before.id_p3ke ?? '–'}) digabung ke keluarga No KK ${keluarga.noKk}` }, now),
      );
      return holder.id;
    }
    assertDesaInScope(scope, fam.desa_kode, fam.kecamatan_kode);
    if (noKk !== null) await assertKkFree(trx, scope, noKk, id);
    // The version is checked again by the write itself: a save from another PC between the read above and this
    // update (PostgreSQL runs them side by side) leaves no row to update, and is refused the same way.
    const written = await trx.updateTable('keluarga').set(fam).where('id', '=', id).where('updated_at', '=', before.updated_at).executeTakeFirst();
    if (Number(written.numUpdatedRows) === 0) {
      const now = await trx.selectFrom('keluarga').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow();
      throw await staleEdit(trx, id, now.updated_at);
    }
    const { id: _id, created_at: _c, import_batch_id: _b, sumber: _s, ...prev } = before;
    await recordAudit(trx, session, { action: 'update', entity: 'keluarga', entityId: id, before: prev, after: fam }, now);
    return id;
  });
}

/**
 * The refusal of a save made on an old copy of the family: who changed it last (the audit log's latest entry
 * about the family or its members) and when, in the office's time zone.
 */
async function staleEdit(db: Kysely<Database>, id: number, updatedAt: string): Promise<AppError> {
  const last = await db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
    .select(['audit_log.username', 'app_user.nama', 'audit_log.at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('audit_log.entity', '=', 'keluarga'), eb('audit_log.entity_id', '=', String(id))]),
        eb.and([eb('audit_log.entity', '=', 'anggota'), eb('audit_log.entity_id', 'in', eb.selectFrom('anggota').select((e) => e.cast<string>('anggota.id', 'text').as('id')).where('anggota.keluarga_id', '=', id))]),
      ]),
    )
    .orderBy('audit_log.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const provinsi = (await readOfficeProfile(db))?.profile.provinsiKode;
  const zona = zonaWaktuProvinsi(provinsi ?? '');
  const when = waktuDiZona(last?.at ?? updatedAt, zona);
  const who = last?.nama ?? last?.username ?? 'pengguna lain';
  return new AppError(
    'CONFLICT',
    `Data ini sudah diubah oleh ${who} pada ${formatTanggal(when.tanggal)} pukul ${when.jam} ${zona.label}; muat ulang.`,
    { reason: 'STALE', updatedAt, by: who },
  );
}

async function loadMemberScoped(db: Kysely<Database>, id: number, scope: Scope) {
  const m = await db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').selectAll('anggota').select(['keluarga.desa_kode', 'keluarga.kecamatan_kode']).where('anggota.id', '=', id).executeTakeFirst();
  if (!m) throw notFound('Anggota keluarga');
  assertInScope(scope, m.desa_kode, m.kecamatan_kode, 'Anggota keluarga');
  return m;
}

export async function addAnggota(db: Kysely<Database>, session: SessionInfo, scope: Scope, keluargaId: number, anggota: AnggotaData, now: Date) {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const k = await trx.selectFrom('keluarga').select(['id', 'desa_kode', 'kecamatan_kode']).where('id', '=', keluargaId).executeTakeFirst();
    if (!k) throw notFound('Keluarga');
    assertInScope(scope, k.desa_kode, k.kecamatan_kode, 'Keluarga');
    await assertNikFree(trx, scope, anggota.nik, null);
    const row = memberRow(anggota, keluargaId, at);
    const a = await trx.insertInto('anggota').values({ ...row, created_at: at }).returning('id').executeTakeFirstOrThrow();
    await setPrograms(trx, a.id, anggota.programs);
    await trx.updateTable('keluarga').set({ updated_at: at }).where('id', '=', keluargaId).execute();
    await recordAudit(trx, session, { action: 'create', entity: 'anggota', entityId: a.id, after: { ...row, programs: anggota.programs } }, now);
    return { anggotaId: a.id };
  });
}

export async function updateAnggota(db: Kysely<Database>, session: SessionInfo, scope: Scope, id: number, anggota: AnggotaData, now: Date) {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await loadMemberScoped(trx, id, scope);
    await assertNikFree(trx, scope, anggota.nik, id);
    const row = memberRow(anggota, before.keluarga_id, at);
    await trx.updateTable('anggota').set(row).where('id', '=', id).execute();
    const programs = await setPrograms(trx, id, anggota.programs);
    const prev: Record<string, unknown> = { programs: programs.before };
    for (const k of Object.keys(row)) prev[k] = (before as Record<string, unknown>)[k];
    await recordAudit(trx, session, { action: 'update', entity: 'anggota', entityId: id, before: prev, after: { ...row, programs: programs.after } }, now);
  });
}

export async function setStatus(db: Kysely<Database>, session: SessionInfo, scope: Scope, input: z.output<typeof statusChangeSchema>, now: Date) {
  const at = now.toISOString();
  // 'Today' is the office's (WIB/WITA/WIT), as the form's date picker offers it, not the UTC date.
  if (input.tanggal > (await officeToday(db, now))) throw inputIssue('tanggal', 'Tanggal perubahan status tidak boleh di masa depan.');
  await db.transaction().execute(async (trx) => {
    const before = await loadMemberScoped(trx, input.id, scope);
    if (before.status === input.status && input.status === 'aktif') throw new AppError('CONFLICT', 'Anggota ini sudah berstatus aktif.');
    const set = { status: input.status, status_tanggal: input.tanggal, status_alasan: input.alasan, updated_at: at };
    await trx.updateTable('anggota').set(set).where('id', '=', input.id).execute();
    await recordAudit(
      trx,
      session,
      {
        action: 'status',
        entity: 'anggota',
        entityId: input.id,
        before: { status: before.status, status_tanggal: before.status_tanggal, status_alasan: before.status_alasan },
        after: set,
        note: `Status ${statusLabels[before.status]} → ${statusLabels[input.status]} sejak ${input.tanggal.split('-').reverse().join('/')}: ${input.alasan}`,
      },
      now,
    );
  });
}
