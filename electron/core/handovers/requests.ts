import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/api/auth';
import type {
  createPermohonanSchema,
  decideSchema,
  DokumenPermohonan,
  listPermohonanSchema,
  Permohonan,
  PermohonanSummary,
  StatusPermohonan,
  updatePermohonanSchema,
} from '../../../shared/api/handovers';
import { statusPermohonanLabels } from '../../../shared/api/handovers';
import { normalizeKey } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError, conflict, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { canMovePermohonan } from './guards';
import { loadPeople } from './people';

type Db = Kysely<Database>;

function baseQuery(db: Db) {
  return db
    .selectFrom('permohonan as p')
    .innerJoin('program as g', 'g.id', 'p.program_id')
    .selectAll('p')
    .select(['g.nama as program_nama']);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function toSummaries(db: Db, regions: RegionIndex, rows: Row[]): Promise<PermohonanSummary[]> {
  const people = await loadPeople(db, regions, rows.map((r) => r.anggota_id));
  return rows.flatMap((r) => {
    const pemohon = people.get(r.anggota_id);
    if (!pemohon) return [];
    return [
      {
        id: r.id,
        tanggal: r.tanggal,
        status: r.status,
        program: { id: r.program_id, nama: r.program_nama },
        pemohon,
        pembawa: r.pembawa,
        pembawaNama: r.pembawa_nama,
        skNomor: r.sk_nomor,
      },
    ];
  });
}

export async function listRequests(db: Db, regions: RegionIndex, f: z.output<typeof listPermohonanSchema>): Promise<PermohonanSummary[]> {
  let q = baseQuery(db).innerJoin('anggota as a', 'a.id', 'p.anggota_id');
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.programId) q = q.where('p.program_id', '=', f.programId);
  if (f.q) {
    const digits = f.q.replace(/\s+/g, '');
    q = /^\d+$/.test(digits)
      ? q.where('a.nik', 'like', `${digits}%`)
      : q.where((eb) => eb.or([eb('a.nama_key', 'like', `${normalizeKey(f.q)}%`), eb('a.nama_key', 'like', `% ${normalizeKey(f.q)}%`)]));
  }
  const rows = await q.orderBy('p.tanggal', 'desc').orderBy('p.id', 'desc').limit(500).execute();
  return toSummaries(db, regions, rows);
}

export async function getRequest(db: Db, regions: RegionIndex, id: number): Promise<Permohonan> {
  const row = await baseQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Permohonan');
  const [summary] = await toSummaries(db, regions, [row]);
  if (!summary) throw notFound('Pemohon');
  const log = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'after_json', 'note'])
    .where('entity', '=', 'permohonan')
    .where('entity_id', '=', String(id))
    .where('action', 'in', ['create', 'status'])
    .orderBy('id')
    .execute();
  const penerima = await db.selectFrom('penerima').select('penyerahan_id').where('permohonan_id', '=', id).where('status', '!=', 'batal').executeTakeFirst();
  return {
    ...summary,
    dokumen: JSON.parse(row.dokumen_json) as DokumenPermohonan[],
    kebutuhan: row.kebutuhan,
    asesmen: row.asesmen,
    alasanTolak: row.alasan_tolak,
    skTanggal: row.sk_tanggal,
    skTentang: row.sk_tentang,
    diputuskanOleh: row.diputuskan_oleh,
    diputuskanAt: row.diputuskan_at,
    riwayat: log.map((l) => ({
      at: l.at,
      username: l.username,
      status: (JSON.parse(l.after_json ?? '{}') as { status?: string }).status ?? '',
      catatan: l.note,
    })),
    penyerahanId: penerima?.penyerahan_id ?? null,
  };
}

export async function createRequest(trx: Db, session: SessionInfo | null, input: z.output<typeof createPermohonanSchema>, now: Date): Promise<number> {
  const program = await trx.selectFrom('program').select(['id', 'nama', 'aktif']).where('id', '=', input.programId).executeTakeFirst();
  if (!program) throw notFound('Program bantuan');
  if (program.aktif !== 1) throw conflict(`Program ${program.nama} sudah ditutup; permohonan baru tidak dapat dicatat.`);
  const orang = await trx.selectFrom('anggota').select(['id', 'nama', 'status']).where('id', '=', input.anggotaId).executeTakeFirst();
  if (!orang) throw notFound('Pemohon di registri');
  if (orang.status === 'meninggal') throw conflict(`${orang.nama} tercatat meninggal di registri.`);
  const open = await trx
    .selectFrom('permohonan')
    .select(['id', 'status'])
    .where('anggota_id', '=', input.anggotaId)
    .where('program_id', '=', input.programId)
    .where('status', 'in', ['diajukan', 'diverifikasi', 'disetujui'])
    .executeTakeFirst();
  if (open) {
    throw conflict(`${orang.nama} sudah punya permohonan ${program.nama} yang masih berjalan (status: ${statusPermohonanLabels[open.status]}).`, {
      permohonanId: open.id,
    });
  }
  const at = now.toISOString();
  const row = await trx
    .insertInto('permohonan')
    .values({
      program_id: input.programId,
      anggota_id: input.anggotaId,
      ...requestFields(input),
      status: 'diajukan',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, session, { action: 'create', entity: 'permohonan', entityId: row.id, after: { ...input, status: 'diajukan' } }, now);
  return row.id;
}

/** The columns an applicant's request form fills, the same when it is made and when it is corrected. */
function requestFields(input: Omit<z.output<typeof updatePermohonanSchema>, 'id'>) {
  return {
    tanggal: input.tanggal,
    pembawa: input.pembawa,
    pembawa_nama: input.pembawaNama,
    dokumen_json: JSON.stringify(input.dokumen),
    kebutuhan: input.kebutuhan,
    asesmen: input.asesmen,
  };
}

async function current(trx: Db, id: number) {
  const row = await trx.selectFrom('permohonan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Permohonan');
  return row;
}

export async function updateRequest(trx: Db, session: SessionInfo | null, input: z.output<typeof updatePermohonanSchema>, now: Date) {
  const before = await current(trx, input.id);
  if (before.status !== 'diajukan' && before.status !== 'diverifikasi') {
    throw conflict(`Permohonan berstatus ${statusPermohonanLabels[before.status]} tidak dapat diubah lagi.`);
  }
  await trx
    .updateTable('permohonan')
    .set({
      ...requestFields(input),
      updated_at: now.toISOString(),
    })
    .where('id', '=', input.id)
    .execute();
  await recordAudit(trx, session, { action: 'update', entity: 'permohonan', entityId: input.id, before, after: input }, now);
}

/** Moves a request forward, or refuses with the reason. */
export async function moveRequest(
  trx: Db,
  session: SessionInfo | null,
  id: number,
  to: StatusPermohonan,
  set: { asesmen?: string; sk_nomor?: string; sk_tanggal?: string; sk_tentang?: string | null; alasan_tolak?: string; diputuskan_oleh?: string | null; diputuskan_at?: string },
  note: string | null,
  now: Date,
) {
  const before = await current(trx, id);
  if (!canMovePermohonan(before.status, to)) {
    throw new AppError(
      'STATUS_BACKWARD',
      `Permohonan berstatus "${statusPermohonanLabels[before.status]}" tidak dapat diubah menjadi "${statusPermohonanLabels[to]}". Status hanya bergerak maju.`,
    );
  }
  await trx
    .updateTable('permohonan')
    .set({ ...set, status: to, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, session, { action: 'status', entity: 'permohonan', entityId: id, before: { status: before.status }, after: { status: to, ...set }, note }, now);
}

export async function verifyRequest(trx: Db, session: SessionInfo | null, id: number, asesmen: string, now: Date) {
  await moveRequest(trx, session, id, 'diverifikasi', { asesmen }, 'Asesmen selesai', now);
}

export async function decideRequest(trx: Db, session: SessionInfo | null, input: z.output<typeof decideSchema>, now: Date) {
  const by = session?.nama ?? session?.username ?? null;
  if (input.keputusan === 'disetujui') {
    const before = await current(trx, input.id);
    if (before.status === 'diajukan') {
      throw new AppError('STATUS_BACKWARD', 'Permohonan harus diverifikasi (asesmen) dahulu sebelum disetujui.');
    }
    await moveRequest(
      trx,
      session,
      input.id,
      'disetujui',
      { sk_nomor: input.skNomor, sk_tanggal: input.skTanggal, sk_tentang: input.skTentang, diputuskan_oleh: by, diputuskan_at: now.toISOString() },
      `Disetujui dengan SK ${input.skNomor}`,
      now,
    );
  } else {
    await moveRequest(
      trx,
      session,
      input.id,
      'ditolak',
      { alasan_tolak: input.alasan, diputuskan_oleh: by, diputuskan_at: now.toISOString() },
      `Ditolak: ${input.alasan}`,
      now,
    );
  }
}

/**
 * The approved request a handover is made from, and the SK that approved it as the BAST's dasar: what the
 * clerk leaves empty in the handover form is taken from the request, so the SK is typed once.
 */
export async function requestForHandover(trx: Db, id: number) {
  const r = await trx.selectFrom('permohonan').select(['id', 'status', 'program_id', 'sk_nomor', 'sk_tanggal', 'sk_tentang']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Permohonan');
  if (r.status !== 'disetujui') {
    throw conflict(`Permohonan berstatus "${statusPermohonanLabels[r.status]}": hanya permohonan yang disetujui dapat dibuatkan serah terima.`);
  }
  return r;
}
