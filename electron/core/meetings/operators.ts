import type { Kysely, Selectable } from 'kysely';
import type { Office } from '../../../shared/api/admin';
import type { SessionInfo } from '../../../shared/api/auth';
import type { KecamatanCoverage, OperatorRow, operatorSchema } from '../../../shared/api/meetings';
import { validateNik } from '../../../shared/domain/nik';
import { normalizeKey } from '../../../shared/domain/text';
import type { z } from 'zod';
import { recordAudit } from '../audit/record';
import { AppError, notFound } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { areaOf, officeDesa, officeKecamatan } from './officeArea';

export type OperatorData = z.output<typeof operatorSchema>;
type OperatorDbRow = Selectable<Database['operator_desa']>;

export function toOperatorRow(r: OperatorDbRow, regions: RegionIndex): OperatorRow {
  return {
    id: r.id,
    nama: r.nama,
    nik: r.nik,
    noHp: r.no_hp,
    email: r.email,
    ...areaOf(regions, r),
    jabatan: r.jabatan,
    skNomor: r.sk_nomor,
    skTanggal: r.sk_tanggal,
    aktif: r.aktif === 1,
    catatan: r.catatan,
    updatedAt: r.updated_at,
  };
}

export async function listOperators(
  db: Kysely<Database>,
  regions: RegionIndex,
  filter: { q: string; kecamatanKode?: string | null; aktif: 'aktif' | 'nonaktif' | 'semua' },
  within?: string,
): Promise<OperatorRow[]> {
  let query = db.selectFrom('operator_desa').selectAll();
  if (filter.kecamatanKode) query = query.where('kecamatan_kode', '=', filter.kecamatanKode);
  if (filter.aktif !== 'semua') query = query.where('aktif', '=', filter.aktif === 'aktif' ? 1 : 0);
  const q = filter.q.trim();
  if (q !== '') {
    const digits = q.replace(/[\s.-]/g, '');
    if (/^\d{3,}$/.test(digits)) {
      query = query.where((eb) => eb.or([eb('nik', 'like', `${digits}%`), eb('no_hp', 'like', `%${digits}%`)]));
    } else {
      const key = normalizeKey(q);
      // Village names live in the region index, not in this table: match them there.
      const desaKodes = regions
        .search({ q, levels: ['desa', 'kelurahan'], limit: 50, ...(within ? { within } : {}) })
        .map((r) => r.kode);
      query = query.where((eb) =>
        eb.or([eb('nama_key', 'like', `%${key}%`), ...(desaKodes.length > 0 ? [eb('desa_kode', 'in', desaKodes)] : [])]),
      );
    }
  }
  const rows = await query.orderBy('kecamatan_kode').orderBy('desa_kode').orderBy('aktif', 'desc').orderBy('nama_key').limit(5000).execute();
  return rows.map((r) => toOperatorRow(r, regions));
}

/** Problems of an operator record that the schema cannot see: the desa must be the office's, the NIK unique. */
export async function checkOperator(
  db: Kysely<Database>,
  office: Office,
  regions: RegionIndex,
  data: OperatorData,
): Promise<{ errors: { field: string; message: string }[]; warnings: string[]; kecamatanKode: string | null }> {
  const errors: { field: string; message: string }[] = [];
  const warnings: string[] = [];
  const place = officeDesa(office, regions, data.desaKode);
  if (!place) errors.push({ field: 'desaKode', message: `Desa/kelurahan bukan wilayah ${office.kabKotaNama}.` });
  if (data.nik) {
    const nik = validateNik(data.nik, { officeKabKota: office.kabKotaKode });
    warnings.push(...nik.warnings.map((w) => w.message));
    const other = await db
      .selectFrom('operator_desa')
      .select(['id', 'nama', 'desa_kode'])
      .where('nik', '=', data.nik)
      .$if(data.id !== undefined, (qb) => qb.where('id', '!=', data.id!))
      .executeTakeFirst();
    if (other) {
      errors.push({
        field: 'nik',
        message: `NIK sudah dipakai operator ${other.nama} (${regions.nameOf(other.desa_kode)}).`,
      });
    }
  }
  if (!data.noHp) warnings.push('Nomor HP/WhatsApp belum diisi: undangan dan tindak lanjut sulit disampaikan.');
  return { errors, warnings, kecamatanKode: place?.kecamatan.kode ?? null };
}

function values(data: OperatorData, kecamatanKode: string, now: string) {
  return {
    nama: data.nama,
    nama_key: normalizeKey(data.nama),
    nik: data.nik,
    no_hp: data.noHp,
    email: data.email,
    desa_kode: data.desaKode,
    kecamatan_kode: kecamatanKode,
    jabatan: data.jabatan,
    sk_nomor: data.skNomor,
    sk_tanggal: data.skTanggal,
    aktif: data.aktif ? 1 : 0,
    catatan: data.catatan,
    updated_at: now,
  };
}

/** Creates or updates one operator (inside the caller's transaction) and records it in the audit log. */
export async function writeOperator(
  trx: Kysely<Database>,
  session: SessionInfo | null,
  data: OperatorData,
  kecamatanKode: string,
  at: Date,
  note?: string,
): Promise<OperatorDbRow> {
  const now = at.toISOString();
  if (data.id !== undefined) {
    const before = await trx.selectFrom('operator_desa').selectAll().where('id', '=', data.id).executeTakeFirst();
    if (!before) throw notFound('Operator');
    const after = await trx
      .updateTable('operator_desa')
      .set(values(data, kecamatanKode, now))
      .where('id', '=', data.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, session, { action: before.aktif !== after.aktif ? 'status' : 'update', entity: 'operator_desa', entityId: after.id, before, after, note }, at);
    return after;
  }
  const created = await trx
    .insertInto('operator_desa')
    .values({ ...values(data, kecamatanKode, now), created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, session, { action: 'create', entity: 'operator_desa', entityId: created.id, after: created, note }, at);
  return created;
}

export async function saveOperator(
  db: Kysely<Database>,
  office: Office,
  regions: RegionIndex,
  session: SessionInfo | null,
  data: OperatorData,
  at: Date,
): Promise<{ operator: OperatorRow; warnings: string[] }> {
  const check = await checkOperator(db, office, regions, data);
  if (check.errors.length > 0 || !check.kecamatanKode) {
    const first = check.errors[0];
    throw new AppError('INVALID_INPUT', first?.message ?? 'Data operator tidak valid.', { field: first?.field ?? null });
  }
  const kecamatanKode = check.kecamatanKode;
  const row = await db.transaction().execute((trx) => writeOperator(trx, session, data, kecamatanKode, at));
  return { operator: toOperatorRow(row, regions), warnings: check.warnings };
}

/** Every kecamatan of the office with its villages and how many active operators each has. */
export async function coverage(db: Kysely<Database>, office: Office, regions: RegionIndex): Promise<KecamatanCoverage[]> {
  const counts = await db
    .selectFrom('operator_desa')
    .select(['desa_kode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('aktif', '=', 1)
    .groupBy('desa_kode')
    .execute();
  const byDesa = new Map(counts.map((c) => [c.desa_kode, Number(c.n)]));
  return officeKecamatan(office, regions).map(({ kecamatan, desa }) => {
    const list = desa.map((d) => ({ kode: d.kode, nama: d.nama, level: d.level, operatorAktif: byDesa.get(d.kode) ?? 0 }));
    return { kode: kecamatan.kode, nama: kecamatan.nama, desa: list, tanpaOperator: list.filter((d) => d.operatorAktif === 0).length };
  });
}
