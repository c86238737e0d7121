import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/api/auth';
import type { addRecipientsSchema, DuplicateRecipient, ItemInput, setItemsSchema, setReceiptSchema } from '../../../shared/api/handovers';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { recordAudit } from '../audit/record';
import { AppError, conflict, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import { itemNilai } from './guards';

type Db = Kysely<Database>;

async function penyerahanWithProgram(trx: Db, id: number) {
  const row = await trx
    .selectFrom('penyerahan as s')
    .innerJoin('program as g', 'g.id', 's.program_id')
    .select(['s.id', 's.tanggal', 's.program_id', 'g.nama', 'g.satuan', 'g.nilai_satuan', 'g.opd', 'g.aktif'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Serah terima');
  return row;
}

/**
 * Everyone in `anggotaIds` who already received (or is listed to receive, not cancelled) the same programme in
 * another handover of the same year.
 */
export async function findDuplicates(trx: Db, penyerahanId: number, programId: number, tanggal: string, anggotaIds: readonly number[]): Promise<DuplicateRecipient[]> {
  if (anggotaIds.length === 0) return [];
  const out: DuplicateRecipient[] = [];
  for (let i = 0; i < anggotaIds.length; i += 500) {
    const rows = await trx
      .selectFrom('penerima as r')
      .innerJoin('penyerahan as s', 's.id', 'r.penyerahan_id')
      .innerJoin('anggota as a', 'a.id', 'r.anggota_id')
      .select(['a.id as anggotaId', 'a.nama', 'a.nik', 's.id as penyerahanId', 's.tanggal'])
      .where('s.program_id', '=', programId)
      .where('s.id', '!=', penyerahanId)
      .where('s.tanggal', 'like', `${tanggal.slice(0, 4)}-%`)
      .where('r.status', '!=', 'batal')
      .where('r.anggota_id', 'in', anggotaIds.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function addRecipients(trx: Db, session: SessionInfo | null, input: z.output<typeof addRecipientsSchema>, now: Date): Promise<void> {
  const s = await penyerahanWithProgram(trx, input.penyerahanId);
  if (s.aktif !== 1) throw conflict(`Program ${s.nama} sudah ditutup; penerima baru tidak dapat ditambahkan.`);

  // Approved requests first (they are why this handover exists), then people picked from the registry.
  const wanted = new Map<number, number | null>();
  if (input.permohonanIds.length > 0) {
    const requests = await trx.selectFrom('permohonan').select(['id', 'anggota_id', 'status', 'program_id']).where('id', 'in', input.permohonanIds).execute();
    for (const id of input.permohonanIds) {
      const r = requests.find((x) => x.id === id);
      if (!r) throw notFound(`Permohonan #${id}`);
      if (r.status !== 'disetujui') throw conflict(`Permohonan #${id} belum disetujui (atau sudah diserahkan); hanya permohonan yang disetujui dapat diserahkan.`);
      if (r.program_id !== s.program_id) throw conflict(`Permohonan #${id} untuk program lain, bukan ${s.nama}.`);
      wanted.set(r.anggota_id, r.id);
    }
  }
  for (const id of input.anggotaIds) if (!wanted.has(id)) wanted.set(id, null);
  const ids = [...wanted.keys()];
  const people = await trx.selectFrom('anggota').select(['id', 'nama', 'status']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const p = people.find((x) => x.id === id);
    if (!p) throw notFound('Orang yang dipilih di registri');
    if (p.status === 'meninggal') throw conflict(`${p.nama} tercatat meninggal di registri dan tidak dapat menerima bantuan.`);
  }
  const already = await trx.selectFrom('penerima as r').innerJoin('anggota as a', 'a.id', 'r.anggota_id').select('a.nama').where('r.penyerahan_id', '=', s.id).where('r.anggota_id', 'in', ids).execute();
  if (already.length > 0) throw conflict(`Sudah terdaftar pada serah terima ini: ${already.map((a) => a.nama).join(', ')}.`);

  const duplicates = await findDuplicates(trx, s.id, s.program_id, s.tanggal, ids);
  if (duplicates.length > 0 && !input.alasanGanda) {
    const list = duplicates.map((d) => `${d.nama} (serah terima ${formatTanggal(d.tanggal)})`).join(', ');
    throw new AppError(
      'DUPLICATE_RECIPIENT',
      `Sudah menerima ${s.nama} tahun ${s.tanggal.slice(0, 4)}: ${list}. Tuliskan alasan bila memang boleh menerima lagi.`,
      { duplicates },
    );
  }
  const dupIds = new Set(duplicates.map((d) => d.anggotaId));

  // New recipients get the same items as the last one added (a clerk sets them once), else the programme's unit.
  const last = await trx.selectFrom('penerima').select(['id', 'urutan']).where('penyerahan_id', '=', s.id).orderBy('urutan', 'desc').executeTakeFirst();
  const template: ItemInput[] = last
    ? (await trx.selectFrom('penerima_item').selectAll().where('penerima_id', '=', last.id).orderBy('id').execute()).map((i) => ({
        nama: i.nama,
        jumlah: i.jumlah,
        satuan: i.satuan,
        nilaiSatuan: i.nilai_satuan,
      }))
    : [];
  const items = template.length > 0 ? template : [{ nama: s.nama, jumlah: 1, satuan: s.satuan, nilaiSatuan: s.nilai_satuan }];

  let urutan = last?.urutan ?? 0;
  const at = now.toISOString();
  for (const [anggotaId, permohonanId] of wanted) {
    urutan += 1;
    const row = await trx
      .insertInto('penerima')
      .values({
        penyerahan_id: s.id,
        anggota_id: anggotaId,
        permohonan_id: permohonanId,
        urutan,
        status: 'belum',
        alasan_ganda: dupIds.has(anggotaId) ? input.alasanGanda : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('penerima_item')
      .values(items.map((it) => ({ penerima_id: row.id, nama: it.nama, jumlah: it.jumlah, satuan: it.satuan, nilai_satuan: it.nilaiSatuan })))
      .execute();
    await recordAudit(
      trx,
      session,
      {
        action: 'create',
        entity: 'penerima',
        entityId: row.id,
        after: { penyerahanId: s.id, anggotaId, permohonanId, items, alasanGanda: dupIds.has(anggotaId) ? input.alasanGanda : null },
        note: dupIds.has(anggotaId) ? `Penerima ganda dikonfirmasi: ${input.alasanGanda}` : null,
      },
      now,
    );
  }
}

async function penerimaRow(trx: Db, penerimaId: number) {
  const row = await trx.selectFrom('penerima').selectAll().where('id', '=', penerimaId).executeTakeFirst();
  if (!row) throw notFound('Penerima');
  return row;
}

export async function removeRecipient(trx: Db, session: SessionInfo | null, penerimaId: number, now: Date): Promise<number> {
  const row = await penerimaRow(trx, penerimaId);
  if (row.status !== 'belum') throw conflict('Penerima yang sudah diterima atau dibatalkan tidak dihapus; ubah statusnya menjadi Batal dengan alasan.');
  if (row.nomor_bast) throw conflict(`BAST ${row.nomor_bast} sudah dicetak untuk penerima ini; batalkan dengan alasan, jangan dihapus.`);
  await trx.updateTable('penyerahan_foto').set({ penerima_id: null }).where('penerima_id', '=', penerimaId).execute();
  await trx.deleteFrom('penerima_item').where('penerima_id', '=', penerimaId).execute();
  await trx.deleteFrom('penerima').where('id', '=', penerimaId).execute();
  await recordAudit(trx, session, { action: 'delete', entity: 'penerima', entityId: penerimaId, before: row }, now);
  return row.penyerahan_id;
}

/** Keeps the intervention log in step with a recipient's receipt: one row while diterima, none otherwise. */
export async function syncIntervensi(trx: Db, penerimaId: number, now: Date): Promise<void> {
  const r = await trx
    .selectFrom('penerima as r')
    .innerJoin('penyerahan as s', 's.id', 'r.penyerahan_id')
    .innerJoin('program as g', 'g.id', 's.program_id')
    .innerJoin('anggota as a', 'a.id', 'r.anggota_id')
    .select(['r.id', 'r.status', 'r.tanggal_terima', 'r.anggota_id', 'a.keluarga_id', 's.id as penyerahan_id', 'g.id as program_id', 'g.nama', 'g.opd'])
    .where('r.id', '=', penerimaId)
    .executeTakeFirstOrThrow();
  await trx
    .deleteFrom('intervensi')
    .where('sumber', '=', 'penyerahan')
    .where('penyerahan_id', '=', r.penyerahan_id)
    .where('anggota_id', '=', r.anggota_id)
    .execute();
  if (r.status !== 'diterima' || !r.tanggal_terima) return;
  const items = await trx.selectFrom('penerima_item').select(['jumlah', 'nilai_satuan']).where('penerima_id', '=', penerimaId).execute();
  await trx
    .insertInto('intervensi')
    .values({
      anggota_id: r.anggota_id,
      keluarga_id: r.keluarga_id,
      opd: r.opd,
      jenis: r.nama,
      program_id: r.program_id,
      penyerahan_id: r.penyerahan_id,
      tanggal: r.tanggal_terima,
      nilai: items.reduce((s, i) => s + itemNilai(i.jumlah, i.nilai_satuan), 0),
      sumber: 'penyerahan',
      created_at: now.toISOString(),
    })
    .execute();
}

export async function setItems(trx: Db, session: SessionInfo | null, input: z.output<typeof setItemsSchema>, now: Date): Promise<void> {
  let q = trx.selectFrom('penerima').select(['id', 'status']).where('penyerahan_id', '=', input.penyerahanId);
  q = input.penerimaId ? q.where('id', '=', input.penerimaId) : q.where('status', '!=', 'batal');
  const targets = await q.execute();
  if (targets.length === 0) throw notFound(input.penerimaId ? 'Penerima' : 'Penerima pada serah terima ini');
  for (const t of targets) {
    const before = await trx.selectFrom('penerima_item').select(['nama', 'jumlah', 'satuan', 'nilai_satuan']).where('penerima_id', '=', t.id).execute();
    await trx.deleteFrom('penerima_item').where('penerima_id', '=', t.id).execute();
    await trx
      .insertInto('penerima_item')
      .values(input.items.map((it) => ({ penerima_id: t.id, nama: it.nama, jumlah: it.jumlah, satuan: it.satuan, nilai_satuan: it.nilaiSatuan })))
      .execute();
    await trx.updateTable('penerima').set({ updated_at: now.toISOString() }).where('id', '=', t.id).execute();
    await recordAudit(trx, session, { action: 'update', entity: 'penerima_item', entityId: t.id, before, after: input.items }, now);
    if (t.status === 'diterima') await syncIntervensi(trx, t.id, now);
  }
}

/** The recipients of a handover still waiting ("belum"), in their printed order. */
export async function waitingRecipients(db: Db, penyerahanId: number): Promise<number[]> {
  return (await db.selectFrom('penerima').select('id').where('penyerahan_id', '=', penyerahanId).where('status', '=', 'belum').orderBy('urutan').execute()).map((p) => p.id);
}

export async function setReceipt(trx: Db, session: SessionInfo | null, input: z.output<typeof setReceiptSchema>, now: Date): Promise<number> {
  const before = await penerimaRow(trx, input.penerimaId);
  const s = await trx.selectFrom('penyerahan').select('tanggal').where('id', '=', before.penyerahan_id).executeTakeFirstOrThrow();
  if (input.status === 'diterima' && input.tanggal < s.tanggal) {
    throw new AppError('INVALID_INPUT', `Tanggal terima tidak boleh sebelum tanggal serah terima (${formatTanggal(s.tanggal)}).`, {
      issues: [{ path: 'tanggal', message: 'Tanggal terima sebelum tanggal serah terima.' }],
    });
  }
  const set = {
    status: input.status,
    tanggal_terima: input.status === 'diterima' ? input.tanggal : null,
    alasan_batal: input.status === 'batal' ? input.alasan : null,
    updated_at: now.toISOString(),
  };
  await trx.updateTable('penerima').set(set).where('id', '=', input.penerimaId).execute();
  await recordAudit(
    trx,
    session,
    {
      action: 'status',
      entity: 'penerima',
      entityId: input.penerimaId,
      before: { status: before.status, tanggal_terima: before.tanggal_terima, alasan_batal: before.alasan_batal },
      after: set,
      note: input.status === 'batal' ? `Batal: ${input.alasan}` : null,
    },
    now,
  );
  await syncIntervensi(trx, input.penerimaId, now);

  // A request handed over is closed; a correction (receipt withdrawn) reopens it to "disetujui".
  if (before.permohonan_id) {
    const p = await trx.selectFrom('permohonan').select('status').where('id', '=', before.permohonan_id).executeTakeFirstOrThrow();
    const to = input.status === 'diterima' ? 'diserahkan' : 'disetujui';
    if ((p.status === 'disetujui' && to === 'diserahkan') || (p.status === 'diserahkan' && to === 'disetujui')) {
      await trx.updateTable('permohonan').set({ status: to, updated_at: now.toISOString() }).where('id', '=', before.permohonan_id).execute();
      await recordAudit(
        trx,
        session,
        {
          action: 'status',
          entity: 'permohonan',
          entityId: before.permohonan_id,
          before: { status: p.status },
          after: { status: to },
          note: to === 'diserahkan' ? `Diserahkan (serah terima #${before.penyerahan_id})` : 'Penerimaan dibatalkan/dikoreksi pada serah terima',
        },
        now,
      );
    }
  }
  return before.penyerahan_id;
}
