import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Office } from '../../../shared/api/admin';
import type { newPersonSchema, PersonSummary } from '../../../shared/api/handovers';
import { anggotaInputSchema, hubunganValues, keluargaBaruSchema } from '../../../shared/api/registry';
import type { SessionInfo } from '../../../shared/api/auth';
import { validateNik } from '../../../shared/domain/nik';
import { normalizeKey } from '../../../shared/domain/text';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { addAnggota, createKeluarga, listAnggota } from '../registry';
import { type Scope, scopeOf } from '../api/scope';

const DESA_LEVELS = new Set(['desa', 'kelurahan', 'desa_adat']);

function peopleQuery(db: Kysely<Database>) {
  return db
    .selectFrom('anggota as a')
    .innerJoin('keluarga as k', 'k.id', 'a.keluarga_id')
    .select([
      'a.id as anggotaId',
      'a.keluarga_id as keluargaId',
      'a.nik',
      'k.no_kk as noKk',
      'a.nama',
      'a.jenis_kelamin as jenisKelamin',
      'a.tanggal_lahir as tanggalLahir',
      'k.alamat',
      'k.rt',
      'k.rw',
      'k.desa_kode as desaKode',
      'k.kecamatan_kode as kecamatanKode',
      'a.disabilitas',
      'a.status',
    ]);
}

type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

export function nikProblems(nik: string): string[] {
  return validateNik(nik).errors.map((p) => p.message);
}

function toPerson(r: PersonRow, regions: RegionIndex): PersonSummary {
  return {
    anggotaId: r.anggotaId,
    keluargaId: r.keluargaId,
    nik: r.nik,
    noKk: r.noKk,
    nama: r.nama,
    jenisKelamin: r.jenisKelamin,
    tanggalLahir: r.tanggalLahir,
    alamat: r.alamat,
    rt: r.rt,
    rw: r.rw,
    desa: regions.nameOf(r.desaKode),
    kecamatan: regions.nameOf(r.kecamatanKode),
    disabilitas: r.disabilitas,
    status: r.status,
    nikMasalah: nikProblems(r.nik),
  };
}

/** People by id, in the order asked. */
export async function loadPeople(db: Kysely<Database>, regions: RegionIndex, ids: readonly number[]): Promise<Map<number, PersonSummary>> {
  const out = new Map<number, PersonSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await peopleQuery(db).where('a.id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.anggotaId, toPerson(r, regions));
  }
  return out;
}

export async function loadPerson(db: Kysely<Database>, regions: RegionIndex, id: number): Promise<PersonSummary> {
  const person = (await loadPeople(db, regions, [id])).get(id);
  if (!person) throw new AppError('NOT_FOUND', 'Orang tersebut tidak ada di registri.');
  return person;
}

/** Everyone in the registry: a handover may go to any resident of the office's area. */
const WHOLE_REGISTRY: Scope = { all: true, kecamatan: [], desa: [] };

/**
 * By NIK prefix or exact No KK (digits), or by name as the registry list finds it (the start of the name, then
 * a later word: registry/list.ts), in the same order.
 */
export async function searchPeople(db: Kysely<Database>, regions: RegionIndex, q: string, limit: number): Promise<PersonSummary[]> {
  const digits = q.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) {
    const rows = await peopleQuery(db)
      .where((eb) => eb.or([eb('a.nik', 'like', `${digits}%`), eb('k.no_kk', '=', digits)]))
      .orderBy('a.nik')
      .limit(limit)
      .execute();
    return rows.map((r) => toPerson(r, regions));
  }
  if (!normalizeKey(q)) return [];
  const found = await listAnggota(db, regions, { q, limit }, WHOLE_REGISTRY);
  const people = await loadPeople(db, regions, found.rows.map((r) => r.id));
  return found.rows.flatMap((r) => people.get(r.id) ?? []);
}

type NewPerson = z.output<typeof newPersonSchema>;

function issuesOf(error: z.ZodError, rename: Record<string, string> = {}) {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { path: rename[path] ?? path, message: i.message };
  });
}

/**
 * An applicant who is not yet in the registry, added at the counter through the registry's own mutations
 * (same NIK / No KK rules, history and scope), plus the rule that the desa lies in the office's kabupaten/kota.
 * An existing KK gets a new member; otherwise a new family is created with the applicant as its first member.
 */
export async function addPersonToRegistry(
  db: Kysely<Database>,
  regions: RegionIndex,
  office: Office,
  session: SessionInfo,
  p: NewPerson,
  now: Date,
): Promise<number> {
  const issues: { path: string; message: string }[] = [];
  const desa = regions.get(p.desaKode);
  const kecamatan = desa?.parentKode ? regions.get(desa.parentKode) : null;
  if (!desa || !DESA_LEVELS.has(desa.level) || !kecamatan || kecamatan.parentKode !== office.kabKotaKode) {
    issues.push({ path: 'desaKode', message: `Desa/kelurahan harus berada di ${office.kabKotaNama}.` });
  }
  const kkDigits = p.noKk.replace(/\s+/g, '');
  const existingKk = await db.selectFrom('keluarga').select('id').where('no_kk', '=', kkDigits).executeTakeFirst();
  const hubungan = (hubunganValues as readonly string[]).includes(p.hubungan ?? '') ? p.hubungan : existingKk ? 'Lainnya' : 'Kepala Keluarga';
  const anggota = anggotaInputSchema.safeParse({
    nik: p.nik,
    nama: p.nama,
    jenisKelamin: p.jenisKelamin,
    tempatLahir: p.tempatLahir ?? '',
    tanggalLahir: p.tanggalLahir,
    hubungan,
    disabilitas: p.disabilitas ?? '',
  });
  if (!anggota.success) issues.push(...issuesOf(anggota.error));
  const keluarga = keluargaBaruSchema.safeParse({ noKk: p.noKk, alamat: p.alamat, rt: p.rt, rw: p.rw, desaKode: p.desaKode });
  if (!keluarga.success) issues.push(...issuesOf(keluarga.error));
  if (issues.length > 0 || !anggota.success || !keluarga.success) {
    // The messages go to the form fields through `details.issues` (same shape as a schema failure).
    throw new AppError('INVALID_INPUT', issues.map((i) => i.message).join(' '), { issues });
  }
  const scope = scopeOf(session);
  if (existingKk) return (await addAnggota(db, session, scope, existingKk.id, anggota.data, now)).anggotaId;
  return (await createKeluarga(db, regions, session, scope, keluarga.data, anggota.data, now)).anggotaId;
}
