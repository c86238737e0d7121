import { sql } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { ImportIntervensiResult, JenisTidakDikenal } from '../../../shared/api/interventions';
import { validateNik } from '../../../shared/domain/nik';
import { parseTanggal } from '../../../shared/domain/tanggal';
import { closest, normalizeKey } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError, conflict, notFound } from '../api/errors';
import type { Db } from '../db/database';
import { cellText } from '../imports';
import type { ListRow } from './readList';
import { addJenisAlias, ensureJenis, kindAliasesOf, kindsOf, requireOpd } from './reference';

interface NewIntervensi {
  nik: string;
  opd: string;
  jenis: string;
  tanggal: string;
  nilai: number;
}

async function findMember(db: Db, nik: string) {
  return db.selectFrom('anggota').select(['id', 'keluarga_id', 'nama']).where('nik', '=', nik).executeTakeFirst();
}

/**
 * Records one intervention by NIK. The OPD must be on the reference list (by name, short name or alias); a
 * kind the OPD does not have yet is added to its list (audited), under the name as first written.
 */
export async function createIntervensi(db: Db, session: SessionInfo | null, input: NewIntervensi, sumber: 'manual' | 'impor', now: Date): Promise<number> {
  const member = await findMember(db, input.nik);
  if (!member) throw new AppError('NOT_FOUND', `NIK ${input.nik} tidak terdaftar di registri. Tambahkan keluarganya di Registri terlebih dahulu.`);
  const opd = await requireOpd(db, input.opd);
  const jenis = await ensureJenis(db, session, opd.id, input.jenis, now);
  const row = await db
    .insertInto('intervensi')
    .values({ anggota_id: member.id, keluarga_id: member.keluarga_id, opd: opd.nama, opd_id: opd.id, jenis: jenis.nama, jenis_id: jenis.id, tanggal: input.tanggal, nilai: input.nilai, sumber, program_id: null, penyerahan_id: null, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, session, { action: 'create', entity: 'intervensi', entityId: row.id, after: { ...input, opd: opd.nama, jenis: jenis.nama, sumber } }, now);
  return row.id;
}

interface EditableState {
  opd: string;
  jenis: string;
  tanggal: string;
  nilai: number;
}

async function manualRow(db: Db, id: number) {
  const row = await db.selectFrom('intervensi').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Intervensi');
  if (row.sumber !== 'manual') {
    throw conflict(
      row.sumber === 'penyerahan'
        ? 'Intervensi ini berasal dari serah terima bantuan: ubah status penerimanya di Penyerahan.'
        : 'Intervensi ini berasal dari impor daftar OPD: batalkan atau perbaiki lewat impor.',
    );
  }
  return row;
}

function stateOf(row: { opd: string; jenis: string; tanggal: string; nilai: number }): EditableState {
  return { opd: row.opd, jenis: row.jenis, tanggal: row.tanggal, nilai: row.nilai };
}

async function lastAuditId(db: Db, id: number): Promise<number> {
  const a = await db.selectFrom('audit_log').select('id').where('entity', '=', 'intervensi').where('entity_id', '=', String(id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return a.id;
}

async function writeState(db: Db, session: SessionInfo | null, id: number, state: EditableState, now: Date) {
  const opd = await requireOpd(db, state.opd);
  const jenis = await ensureJenis(db, session, opd.id, state.jenis, now);
  await db.updateTable('intervensi').set({ opd: opd.nama, opd_id: opd.id, jenis: jenis.nama, jenis_id: jenis.id, tanggal: state.tanggal, nilai: state.nilai }).where('id', '=', id).execute();
  return { ...state, opd: opd.nama, jenis: jenis.nama };
}

/** Corrects a manual intervention; returns the audit entry an undo takes. */
export async function updateIntervensi(db: Db, session: SessionInfo | null, id: number, input: EditableState, now: Date): Promise<number> {
  const before = stateOf(await manualRow(db, id));
  const after = await writeState(db, session, id, input, now);
  await recordAudit(db, session, { action: 'update', entity: 'intervensi', entityId: id, before, after }, now);
  return lastAuditId(db, id);
}

/** Deletes a manual intervention, keeping the whole row in the audit entry so that undo can put it back. */
export async function removeIntervensi(db: Db, session: SessionInfo | null, id: number, now: Date): Promise<number> {
  const row = await manualRow(db, id);
  await db.deleteFrom('intervensi').where('id', '=', id).execute();
  await recordAudit(db, session, { action: 'delete', entity: 'intervensi', entityId: id, before: row }, now);
  return lastAuditId(db, id);
}

/** Undoes an update or delete of a manual intervention, if it is that row's latest change and not undone yet. */
export async function undoIntervensi(db: Db, session: SessionInfo | null, auditId: number, now: Date): Promise<number> {
  const entry = await db.selectFrom('audit_log').selectAll().where('id', '=', auditId).where('entity', '=', 'intervensi').executeTakeFirst();
  if (!entry || !entry.entity_id || !entry.before_json || (entry.action !== 'update' && entry.action !== 'delete')) throw notFound('Perubahan intervensi yang dapat dibatalkan');
  const id = Number(entry.entity_id);
  if ((await lastAuditId(db, id)) !== auditId) throw conflict('Perubahan ini sudah dibatalkan atau intervensinya diubah lagi sesudahnya; tidak dapat dibatalkan.');
  const before = JSON.parse(entry.before_json) as EditableState & Record<string, unknown>;
  if (entry.action === 'update') {
    await manualRow(db, id);
    const current = stateOf(await manualRow(db, id));
    await writeState(db, session, id, stateOf(before), now);
    await recordAudit(db, session, { action: 'undo', entity: 'intervensi', entityId: id, before: current, after: stateOf(before), note: `Membatalkan perubahan #${auditId}` }, now);
    return id;
  }
  const exists = await db.selectFrom('intervensi').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) throw conflict('Intervensi ini sudah ada lagi; penghapusan tidak dapat dibatalkan dua kali.');
  const member = typeof before.anggota_id === 'number' ? await db.selectFrom('anggota').select('id').where('id', '=', before.anggota_id).executeTakeFirst() : null;
  if (before.anggota_id != null && !member) throw conflict('Anggota keluarga penerimanya sudah tidak ada di registri; penghapusan tidak dapat dibatalkan.');
  const restored = await writeStateRow(db, session, before, now);
  await recordAudit(db, session, { action: 'undo', entity: 'intervensi', entityId: id, after: restored, note: `Membatalkan penghapusan #${auditId}` }, now);
  return id;
}

async function writeStateRow(db: Db, session: SessionInfo | null, row: Record<string, unknown>, now: Date) {
  const state = stateOf(row as unknown as EditableState);
  const opd = await requireOpd(db, state.opd);
  const jenis = await ensureJenis(db, session, opd.id, state.jenis, now);
  await db
    .insertInto('intervensi')
    .values({
      id: Number(row.id),
      anggota_id: (row.anggota_id as number | null) ?? null,
      keluarga_id: (row.keluarga_id as number | null) ?? null,
      opd: opd.nama,
      opd_id: opd.id,
      jenis: jenis.nama,
      jenis_id: jenis.id,
      tanggal: state.tanggal,
      nilai: state.nilai,
      sumber: 'manual',
      program_id: null,
      penyerahan_id: null,
      created_at: String(row.created_at),
    })
    .execute();
  return { ...state, opd: opd.nama, jenis: jenis.nama };
}

/**
 * Checks every row of an agency's list and, unless it is a dry run, records the good rows in one
 * transaction. A row is refused (with its reasons) when its NIK is invalid or not in the registry, when it
 * lacks a kind or date, or when the same help on the same date is already recorded.
 */
/** The rows' verdict; the handler adds what the reader found (sheet, columns) and the rejected-rows file. */
export type ListVerdict = Omit<ImportIntervensiResult, 'sheet' | 'headerRow' | 'columns' | 'kolomKurang'>;

export async function importIntervensiList(
  db: Db,
  session: SessionInfo | null,
  opdName: string,
  rows: ListRow[],
  dryRun: boolean,
  now: Date,
  petaJenis: Record<string, number | 'baru'> = {},
): Promise<ListVerdict> {
  const resolved = await requireOpd(db, opdName);
  const opd = resolved.nama;
  const kinds = await kindsOf(db, resolved.id);
  // The kinds' other names (0015): a list's "RTLH" is the OPD's "Bedah rumah (RTLH)" without asking.
  const aliases = await kindAliasesOf(db, resolved.id);
  // The user's mapping, keyed like the kinds: a value written two ways is mapped once.
  const mapped = new Map<string, number | 'baru'>();
  for (const [value, target] of Object.entries(petaJenis)) {
    if (typeof target === 'number' && !kinds.some((k) => k.id === target)) throw new AppError('INVALID_INPUT', `Pemetaan "${value}" menunjuk jenis yang bukan milik ${opd}.`);
    mapped.set(normalizeKey(value), target);
  }
  const unknown = new Map<string, JenisTidakDikenal>();
  const rejected: ImportIntervensiResult['rejected'] = [];
  const good: NewIntervensi[] = [];
  const seen = new Set<string>();
  for (const { row, values } of rows) {
    const reasons: string[] = [];
    const nik = validateNik(values.nik);
    if (nik.errors.length) reasons.push(...nik.errors.map((e) => e.message));
    let jenis = String(values.jenis ?? '').trim().replace(/\s+/g, ' ');
    if (!jenis) reasons.push('Jenis bantuan kosong.');
    else {
      const key = normalizeKey(jenis);
      const known = kinds.find((k) => k.key === key) ?? kinds.find((k) => k.id === aliases.get(key));
      const target = mapped.get(key);
      if (known) jenis = known.nama;
      else if (typeof target === 'number') jenis = kinds.find((k) => k.id === target)!.nama;
      else if (target !== 'baru') {
        if (!unknown.has(key)) unknown.set(key, { nilai: jenis, baris: row, saran: closest(jenis, kinds, (k) => k.nama, { limit: 1, min: 0.5 })[0]?.item ?? null });
        reasons.push(`Jenis "${jenis}" belum ada di daftar ${opd}: petakan ke jenis yang ada atau tambahkan sebagai jenis baru.`);
      }
    }
    const tanggal = parseTanggal(values.tanggal);
    if (!tanggal) reasons.push('Tanggal kosong atau tidak dikenali (gunakan dd/mm/yyyy).');
    const rawNilai = values.nilai;
    const nilai = rawNilai === null || rawNilai === undefined || String(rawNilai).trim() === '' ? 0 : Number(String(rawNilai).replace(/[^\d-]/g, ''));
    if (!Number.isFinite(nilai) || nilai < 0) reasons.push('Nilai harus angka rupiah tanpa tanda minus.');
    if (nik.value && !(await findMember(db, nik.value))) reasons.push(`NIK ${nik.value} tidak terdaftar di registri.`);
    if (reasons.length === 0 && nik.value && tanggal) {
      const key = `${nik.value}|${jenis.toLowerCase()}|${tanggal}`;
      const already = await db
        .selectFrom('intervensi as i')
        .innerJoin('anggota as a', 'a.id', 'i.anggota_id')
        .select('i.id')
        .where('a.nik', '=', nik.value)
        .where('i.opd_id', '=', resolved.id)
        .where(sql`lower(i.jenis)`, '=', jenis.toLowerCase())
        .where('i.tanggal', '=', tanggal)
        .executeTakeFirst();
      if (already || seen.has(key)) reasons.push('Bantuan yang sama pada tanggal yang sama sudah tercatat (baris ganda).');
      seen.add(key);
    }
    if (reasons.length) rejected.push({ row, nik: cellText(values.nik) || null, nama: cellText(values.nama) || null, reasons });
    else good.push({ nik: nik.value!, opd, jenis, tanggal: tanggal!, nilai: Math.round(nilai) });
  }
  if (!dryRun && good.length) {
    await db.transaction().execute(async (trx) => {
      // A value mapped to an existing kind becomes that kind's other name: the next list is mapped already.
      for (const [value, target] of Object.entries(petaJenis)) {
        if (typeof target === 'number' && !aliases.has(normalizeKey(value))) await addJenisAlias(trx, resolved.id, target, value);
      }
      for (const item of good) await createIntervensi(trx, session, item, 'impor', now);
      await recordAudit(trx, session, { action: 'import', entity: 'intervensi', after: { opd, imported: good.length, rejected: rejected.length } }, now);
    });
  }
  return {
    dataRows: rows.length,
    imported: dryRun ? 0 : good.length,
    rejected,
    dryRun,
    opd,
    tidakDikenal: [...unknown.values()].map((u) => ({ ...u, saran: u.saran ? { id: u.saran.id, nama: u.saran.nama } : null })),
    rejectedFile: null,
  };
}
