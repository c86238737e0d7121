import { sql, type Kysely, type Selectable } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type {
  AgendaItem,
  MeetingDetail,
  MeetingSummary,
  Pejabat,
  Peserta,
  RekapKecamatanRapat,
  StatusRapat,
  UndanganSettings,
  JamKantor,
  meetingSchema,
  minutesSchema,
} from '../../../shared/api/meetings';
import { rapatSudahDimulai } from '../../../shared/api/meetings';
import { formatTanggal } from '../../../shared/domain/tanggal';
import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { takeNomor } from '../admin';
import { AppError, conflict, notFound } from '../api/errors';
import { lockRow } from '../db/dialect';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { listFollowUps } from './followUps';
import { areaOf } from './officeArea';

type Db = Kysely<Database>;
type RapatRow = Selectable<Database['rapat']>;
type PesertaRow = Selectable<Database['rapat_peserta']>;

export function toPeserta(p: PesertaRow, regions: RegionIndex): Peserta {
  return {
    id: p.id,
    operatorId: p.operator_id,
    nama: p.nama,
    nik: p.nik,
    ...areaOf(regions, p),
    instansi: p.instansi,
    jabatan: p.jabatan,
    noHp: p.no_hp,
    kehadiran: p.kehadiran,
    jamDatang: p.jam_datang,
    keterangan: p.keterangan,
    diundang: p.diundang === 1,
  };
}

export async function requireRapat(db: Db, id: number): Promise<RapatRow> {
  const row = await db.selectFrom('rapat').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Rapat');
  return row;
}

/** Participants in the order documents list them: officials and agencies first, then villages by kecamatan. */
export async function loadPeserta(db: Db, rapatId: number, regions: RegionIndex): Promise<Peserta[]> {
  const rows = await db.selectFrom('rapat_peserta').selectAll().where('rapat_id', '=', rapatId).orderBy('id').execute();
  const list = rows.map((r) => toPeserta(r, regions));
  const rank = (p: Peserta) => (p.desaKode ? 1 : 0);
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.kecamatanNama ?? '').localeCompare(b.kecamatanNama ?? '', 'id') ||
      (a.desaNama ?? '').localeCompare(b.desaNama ?? '', 'id') ||
      (rank(a) === 0 ? a.id - b.id : a.nama.localeCompare(b.nama, 'id')),
  );
}

const countsSelect = (db: Db) =>
  db
    .selectFrom('rapat_peserta')
    .select([
      'rapat_id',
      (eb) => eb.fn.countAll<number>().as('peserta'),
      sql<number>`sum(case when kehadiran = 'hadir' then 1 else 0 end)`.as('hadir'),
      sql<number>`sum(case when kehadiran = 'izin' then 1 else 0 end)`.as('izin'),
      sql<number>`sum(case when kehadiran = 'tidak_hadir' then 1 else 0 end)`.as('tidak_hadir'),
      sql<number>`sum(case when kehadiran = 'belum' then 1 else 0 end)`.as('belum'),
    ])
    .groupBy('rapat_id');

function toSummary(r: RapatRow, counts: Map<number, { peserta: number; hadir: number; izin: number; tidak_hadir: number; belum: number }>, open: Map<number, number>): MeetingSummary {
  const c = counts.get(r.id);
  return {
    id: r.id,
    judul: r.judul,
    jenis: r.jenis,
    tanggal: r.tanggal,
    jamMulai: r.jam_mulai,
    jamSelesai: r.jam_selesai,
    tempat: r.tempat,
    status: r.status,
    jumlahPeserta: Number(c?.peserta ?? 0),
    hadir: Number(c?.hadir ?? 0),
    izin: Number(c?.izin ?? 0),
    tidakHadir: Number(c?.tidak_hadir ?? 0),
    belum: Number(c?.belum ?? 0),
    tindakLanjutTerbuka: open.get(r.id) ?? 0,
  };
}

async function openFollowUps(db: Db, rapatIds: number[]): Promise<Map<number, number>> {
  if (rapatIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tindak_lanjut')
    .select(['rapat_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '!=', 'selesai')
    .where('rapat_id', 'in', rapatIds)
    .groupBy('rapat_id')
    .execute();
  return new Map(rows.map((r) => [r.rapat_id, Number(r.n)]));
}

export async function listMeetings(db: Db, filter: { tahun?: number | null; q: string }): Promise<MeetingSummary[]> {
  let query = db.selectFrom('rapat').selectAll();
  if (filter.tahun) query = query.where('tanggal', 'like', `${filter.tahun}-%`);
  if (filter.q) query = query.where((eb) => eb.or([eb('judul', 'like', `%${filter.q}%`), eb('tempat', 'like', `%${filter.q}%`)]));
  const rows = await query.orderBy('tanggal', 'desc').orderBy('jam_mulai', 'desc').limit(1000).execute();
  const ids = rows.map((r) => r.id);
  const counts = ids.length === 0 ? [] : await countsSelect(db).where('rapat_id', 'in', ids).execute();
  const byId = new Map(counts.map((c) => [c.rapat_id, c]));
  const open = await openFollowUps(db, ids);
  return rows.map((r) => toSummary(r, byId, open));
}

function rekapDesa(peserta: Peserta[], regions: RegionIndex): RekapKecamatanRapat[] {
  const kecamatan = [...new Set(peserta.map((p) => p.kecamatanKode).filter((k): k is string => !!k))];
  const present = new Set(peserta.filter((p) => p.kehadiran === 'hadir' && p.desaKode).map((p) => p.desaKode));
  return kecamatan
    .map((kode) => {
      const desa = regions.children(kode).filter((d) => d.level !== 'kecamatan');
      return {
        kode,
        nama: regions.nameOf(kode),
        jumlahDesa: desa.length,
        terwakili: desa.filter((d) => present.has(d.kode)).map((d) => ({ kode: d.kode, nama: d.nama })),
        tidakTerwakili: desa.filter((d) => !present.has(d.kode)).map((d) => ({ kode: d.kode, nama: d.nama })),
      };
    })
    .sort((a, b) => a.nama.localeCompare(b.nama, 'id'));
}

export async function getMeeting(db: Db, regions: RegionIndex, id: number, today: string): Promise<MeetingDetail> {
  const r = await requireRapat(db, id);
  const [counts, open, agendaRows, peserta, tindakLanjut] = await Promise.all([
    countsSelect(db).where('rapat_id', '=', id).execute(),
    openFollowUps(db, [id]),
    db.selectFrom('rapat_agenda').selectAll().where('rapat_id', '=', id).orderBy('urutan').execute(),
    loadPeserta(db, id, regions),
    listFollowUps(db, regions, { status: 'semua', rapatId: id, q: '' }, today),
  ]);
  const agenda: AgendaItem[] = agendaRows.map((a) => ({
    id: a.id,
    urutan: a.urutan,
    judul: a.judul,
    pembahasan: a.pembahasan,
    keputusan: JSON.parse(a.keputusan_json) as string[],
  }));
  const undangan = r.undangan_json && r.undangan_nomor ? { ...(JSON.parse(r.undangan_json) as UndanganSettings), nomor: r.undangan_nomor } : null;
  return {
    ...toSummary(r, new Map(counts.map((c) => [c.rapat_id, c])), open),
    pimpinan: JSON.parse(r.pimpinan_json) as Pejabat,
    notulis: r.notulis_json ? (JSON.parse(r.notulis_json) as Pejabat) : null,
    pembukaan: r.pembukaan,
    undangan,
    notulenNomor: r.notulen_nomor,
    agenda,
    peserta,
    tindakLanjut,
    rekapDesa: rekapDesa(peserta, regions),
  };
}

export function assertEditable(r: RapatRow) {
  if (r.status === 'batal') throw conflict('Rapat ini dibatalkan. Ubah statusnya kembali ke "Direncanakan" sebelum mengubah datanya.');
}

export async function saveMeeting(db: Db, session: SessionInfo | null, data: z.output<typeof meetingSchema>, at: Date): Promise<number> {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    const fields = {
      judul: data.judul,
      jenis: data.jenis,
      tanggal: data.tanggal,
      jam_mulai: data.jamMulai,
      jam_selesai: data.jamSelesai,
      tempat: data.tempat,
      pimpinan_json: JSON.stringify(data.pimpinan),
      updated_at: now,
    };
    let id: number;
    let before: unknown;
    if (data.id !== undefined) {
      const old = await requireRapat(trx, data.id);
      assertEditable(old);
      before = { ...old, agenda: await trx.selectFrom('rapat_agenda').select(['id', 'judul']).where('rapat_id', '=', old.id).orderBy('urutan').execute() };
      await trx.updateTable('rapat').set(fields).where('id', '=', old.id).execute();
      id = old.id;
    } else {
      const created = await trx.insertInto('rapat').values({ ...fields, created_at: now }).returning('id').executeTakeFirstOrThrow();
      id = created.id;
    }

    const current = await trx.selectFrom('rapat_agenda').select(['id']).where('rapat_id', '=', id).execute();
    const keep = new Set(data.agenda.map((a) => a.id).filter((x): x is number => x !== undefined));
    for (const a of data.agenda) {
      if (a.id !== undefined && !current.some((c) => c.id === a.id)) throw new AppError('INVALID_INPUT', 'Agenda tidak termasuk rapat ini; muat ulang halaman.');
    }
    const removed = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
    if (removed.length > 0) {
      const used = await trx.selectFrom('tindak_lanjut').select('id').where('agenda_id', 'in', removed).executeTakeFirst();
      if (used) throw conflict('Agenda yang dihapus masih memiliki tindak lanjut. Pindahkan atau ubah tindak lanjut itu dulu.');
      const filled = await trx.selectFrom('rapat_agenda').select('judul').where('id', 'in', removed).where('pembahasan', '!=', '').executeTakeFirst();
      if (filled) throw conflict(`Agenda "${filled.judul}" sudah berisi pembahasan notulen dan tidak dapat dihapus.`);
      await trx.deleteFrom('rapat_agenda').where('id', 'in', removed).execute();
    }
    for (const [i, a] of data.agenda.entries()) {
      if (a.id !== undefined) await trx.updateTable('rapat_agenda').set({ judul: a.judul, urutan: i + 1 }).where('id', '=', a.id).execute();
      else await trx.insertInto('rapat_agenda').values({ rapat_id: id, urutan: i + 1, judul: a.judul }).execute();
    }
    await recordAudit(trx, session, { action: data.id === undefined ? 'create' : 'update', entity: 'rapat', entityId: id, before, after: data }, at);
    return id;
  });
}

/** A meeting still ahead on the office's clock cannot be recorded as held. */
function assertBegun(r: RapatRow, sekarang: JamKantor) {
  if (!rapatSudahDimulai({ tanggal: r.tanggal, jamMulai: r.jam_mulai }, sekarang)) {
    throw conflict(`Rapat belum berlangsung: dijadwalkan ${formatTanggal(r.tanggal)} pukul ${r.jam_mulai} ${sekarang.zona}. Tandai "Selesai" setelah rapat dimulai.`);
  }
}

export async function setMeetingStatus(db: Db, session: SessionInfo | null, id: number, status: StatusRapat, at: Date, sekarang: JamKantor) {
  await db.transaction().execute(async (trx) => {
    const old = await requireRapat(trx, id);
    if (old.status === status) return;
    if (status === 'selesai') assertBegun(old, sekarang);
    await trx.updateTable('rapat').set({ status, updated_at: at.toISOString() }).where('id', '=', id).execute();
    await recordAudit(trx, session, { action: 'status', entity: 'rapat', entityId: id, before: { status: old.status }, after: { status } }, at);
  });
}

/** Saves the invitation's wording; its number is taken from the office pattern the first time and then kept. */
export async function saveUndangan(
  db: Db,
  office: Office,
  session: SessionInfo | null,
  rapatId: number,
  settings: UndanganSettings,
  at: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Two PCs saving the invitation at once: the second waits and keeps the first one's number (no number lost).
    await lockRow(trx, 'rapat', rapatId);
    const old = await requireRapat(trx, rapatId);
    assertEditable(old);
    const nomor = old.undangan_nomor ?? (await takeNomor(trx, 'undangan', office.nomorPola.undangan, settings.tanggalSurat));
    await trx
      .updateTable('rapat')
      .set({ undangan_json: JSON.stringify(settings), undangan_nomor: nomor, undangan_tanggal: settings.tanggalSurat, updated_at: at.toISOString() })
      .where('id', '=', rapatId)
      .execute();
    await recordAudit(trx, session, {
      action: old.undangan_nomor ? 'update' : 'create',
      entity: 'rapat_undangan',
      entityId: rapatId,
      before: old.undangan_json ? { nomor: old.undangan_nomor, ...JSON.parse(old.undangan_json) } : undefined,
      after: { nomor, ...settings },
    }, at);
  });
}

export async function saveMinutes(db: Db, session: SessionInfo | null, data: z.output<typeof minutesSchema>, at: Date, sekarang: JamKantor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const old = await requireRapat(trx, data.rapatId);
    assertEditable(old);
    const agenda = await trx.selectFrom('rapat_agenda').selectAll().where('rapat_id', '=', old.id).execute();
    for (const a of data.agenda) {
      if (!agenda.some((x) => x.id === a.id)) throw new AppError('INVALID_INPUT', 'Agenda tidak termasuk rapat ini; muat ulang halaman.');
    }
    if (data.selesai && old.status === 'rencana') assertBegun(old, sekarang);
    const status = data.selesai && old.status === 'rencana' ? 'selesai' : old.status;
    await trx
      .updateTable('rapat')
      .set({ notulis_json: JSON.stringify(data.notulis), pembukaan: data.pembukaan, status, updated_at: at.toISOString() })
      .where('id', '=', old.id)
      .execute();
    for (const a of data.agenda) {
      await trx
        .updateTable('rapat_agenda')
        .set({ pembahasan: a.pembahasan, keputusan_json: JSON.stringify(a.keputusan) })
        .where('id', '=', a.id)
        .execute();
    }
    await recordAudit(trx, session, {
      action: 'update',
      entity: 'rapat_notulen',
      entityId: old.id,
      before: { notulis: old.notulis_json, pembukaan: old.pembukaan, status: old.status, agenda: agenda.map((a) => ({ id: a.id, pembahasan: a.pembahasan, keputusan: a.keputusan_json })) },
      after: { ...data, status },
    }, at);
  });
}
