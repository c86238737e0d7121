import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Office } from '../../../shared/api/admin';
import type { newPersonSchema, PersonSummary } from '../../../shared/api/handovers';
import { validateNik, validateNoKk } from '../../../shared/domain/nik';
import { normalizeKey } from '../../../shared/domain/text';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions/regionIndex';

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
    desa: regions.get(r.desaKode)?.nama ?? r.desaKode,
    kecamatan: regions.get(r.kecamatanKode)?.nama ?? r.kecamatanKode,
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

/** By NIK prefix (digits) or by name (any word order prefix of the normalised name). */
export async function searchPeople(db: Kysely<Database>, regions: RegionIndex, q: string, limit: number): Promise<PersonSummary[]> {
  const digits = q.replace(/\s+/g, '');
  let query = peopleQuery(db);
  if (/^\d+$/.test(digits)) {
    query = query.where((eb) => eb.or([eb('a.nik', 'like', `${digits}%`), eb('k.no_kk', '=', digits)]));
  } else {
    const key = normalizeKey(q);
    if (!key) return [];
    query = query.where((eb) => eb.or([eb('a.nama_key', 'like', `${key}%`), eb('a.nama_key', 'like', `% ${key}%`)]));
  }
  const rows = await query.orderBy('a.nama_key').limit(limit).execute();
  return rows.map((r) => toPerson(r, regions));
}

type NewPerson = z.output<typeof newPersonSchema>;

/**
 * An applicant who is not yet in the registry, added at the counter. Validated like the registry's own
 * entry: NIK and No KK by structure, the desa inside the office's kabupaten/kota; an existing KK is reused.
 */
export async function insertPerson(
  trx: Kysely<Database>,
  regions: RegionIndex,
  office: Office,
  p: NewPerson,
  at: string,
): Promise<{ anggotaId: number; keluargaId: number; keluargaBaru: boolean }> {
  const issues: { path: string; message: string }[] = [];
  const nik = validateNik(p.nik, { officeKabKota: office.kabKotaKode, sex: p.jenisKelamin, birthDate: p.tanggalLahir });
  if (!nik.value) issues.push({ path: 'nik', message: nik.errors[0]?.message ?? 'NIK tidak valid.' });
  const kk = validateNoKk(p.noKk);
  if (!kk.value) issues.push({ path: 'noKk', message: kk.errors[0]?.message ?? 'No KK tidak valid.' });
  const desa = regions.get(p.desaKode);
  const kecamatan = desa?.parentKode ? regions.get(desa.parentKode) : null;
  if (!desa || !DESA_LEVELS.has(desa.level) || !kecamatan || kecamatan.parentKode !== office.kabKotaKode) {
    issues.push({ path: 'desaKode', message: `Desa/kelurahan harus berada di ${office.kabKotaNama}.` });
  }
  if (issues.length > 0) {
    // The messages go to the form fields through `details.issues` (same shape as a schema failure).
    throw new AppError('INVALID_INPUT', issues.map((i) => i.message).join(' '), { issues });
  }
  const existing = await trx.selectFrom('anggota').select(['id', 'nama']).where('nik', '=', nik.value!).executeTakeFirst();
  if (existing) {
    throw new AppError('CONFLICT', `NIK ${nik.value} sudah terdaftar atas nama ${existing.nama}. Cari orang tersebut di registri.`, {
      anggotaId: existing.id,
    });
  }
  let keluarga = await trx.selectFrom('keluarga').select(['id', 'desa_kode']).where('no_kk', '=', kk.value!).executeTakeFirst();
  let keluargaBaru = false;
  if (!keluarga) {
    keluarga = await trx
      .insertInto('keluarga')
      .values({
        no_kk: kk.value!,
        alamat: p.alamat,
        rt: p.rt ? p.rt.padStart(3, '0') : null,
        rw: p.rw ? p.rw.padStart(3, '0') : null,
        desa_kode: desa!.kode,
        kecamatan_kode: kecamatan!.kode,
        sumber: 'permohonan',
        created_at: at,
        updated_at: at,
      })
      .returning(['id', 'desa_kode'])
      .executeTakeFirstOrThrow();
    keluargaBaru = true;
  }
  const anggota = await trx
    .insertInto('anggota')
    .values({
      keluarga_id: keluarga.id,
      nik: nik.value!,
      nama: p.nama,
      nama_key: normalizeKey(p.nama),
      jenis_kelamin: p.jenisKelamin,
      tempat_lahir: p.tempatLahir,
      tanggal_lahir: p.tanggalLahir,
      hubungan: p.hubungan,
      disabilitas: p.disabilitas,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { anggotaId: anggota.id, keluargaId: keluarga.id, keluargaBaru };
}
