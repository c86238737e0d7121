import type { SessionInfo } from '../../../shared/api/auth';
import type { ImportIntervensiResult } from '../../../shared/api/interventions';
import { validateNik } from '../../../shared/domain/nik';
import { parseTanggal } from '../../../shared/domain/tanggal';
import { recordAudit } from '../admin/audit';
import { AppError } from '../api/errors';
import type { Db } from '../db/database';
import type { ListRow } from './readList';

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

export async function createIntervensi(db: Db, session: SessionInfo | null, input: NewIntervensi, sumber: 'manual' | 'impor', now: Date): Promise<number> {
  const member = await findMember(db, input.nik);
  if (!member) throw new AppError('NOT_FOUND', `NIK ${input.nik} tidak terdaftar di registri. Tambahkan keluarganya di Registri terlebih dahulu.`);
  const row = await db
    .insertInto('intervensi')
    .values({ anggota_id: member.id, keluarga_id: member.keluarga_id, opd: input.opd, jenis: input.jenis, tanggal: input.tanggal, nilai: input.nilai, sumber, program_id: null, penyerahan_id: null, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, session, { action: 'create', entity: 'intervensi', entityId: row.id, after: { ...input, sumber } }, now);
  return row.id;
}

/**
 * Checks every row of an agency's list and, unless it is a dry run, records the good rows in one
 * transaction. A row is refused (with its reasons) when its NIK is invalid or not in the registry, when it
 * lacks a kind or date, or when the same help on the same date is already recorded.
 */
export async function importIntervensiList(db: Db, session: SessionInfo | null, opd: string, rows: ListRow[], dryRun: boolean, now: Date): Promise<ImportIntervensiResult> {
  const rejected: ImportIntervensiResult['rejected'] = [];
  const good: NewIntervensi[] = [];
  const seen = new Set<string>();
  for (const { row, values } of rows) {
    const reasons: string[] = [];
    const nik = validateNik(values.nik);
    if (nik.errors.length) reasons.push(...nik.errors.map((e) => e.message));
    const jenis = String(values.jenis ?? '').trim();
    if (!jenis) reasons.push('Jenis bantuan kosong.');
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
        .where('i.opd', '=', opd)
        .where('i.jenis', '=', jenis)
        .where('i.tanggal', '=', tanggal)
        .executeTakeFirst();
      if (already || seen.has(key)) reasons.push('Bantuan yang sama pada tanggal yang sama sudah tercatat (baris ganda).');
      seen.add(key);
    }
    if (reasons.length) rejected.push({ row, reasons });
    else good.push({ nik: nik.value!, opd, jenis, tanggal: tanggal!, nilai: Math.round(nilai) });
  }
  if (!dryRun && good.length) {
    await db.transaction().execute(async (trx) => {
      for (const item of good) await createIntervensi(trx, session, item, 'impor', now);
      await recordAudit(trx, session, { action: 'import', entity: 'intervensi', after: { opd, imported: good.length, rejected: rejected.length } }, now);
    });
  }
  return { dataRows: rows.length, imported: dryRun ? 0 : good.length, rejected, dryRun };
}
