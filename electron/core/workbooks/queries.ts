/** What a workbook holds and what reading one back compares with: one desa's families and active members. */
import type { Kysely } from 'kysely';
import { knownPrograms } from '../../../shared/api/registry';
import type { Database } from '../db/schema';
import { scopeCondition, type Scope } from '../api/scope';

export interface WorkbookMember {
  anggotaId: number;
  keluargaId: number;
  noKk: string;
  nik: string;
  nama: string;
  hubungan: string | null;
  jenisKelamin: 'L' | 'P' | null;
  tempatLahir: string | null;
  tanggalLahir: string | null;
  ibuKandung: string | null;
  statusKawin: string | null;
  pekerjaan: string | null;
  pendidikan: string | null;
  disabilitas: string | null;
  programs: string[];
  alamat: string;
  dusun: string | null;
  rt: string | null;
  rw: string | null;
  desil: number | null;
}

/**
 * The desa's families with a No KK and their active members, within the caller's scope, family by family
 * (head of family first). Families known only by a P3KE ID are left out (the workbook is keyed by No KK).
 */
export async function desaMembers(db: Kysely<Database>, scope: Scope, desaKode: string): Promise<WorkbookMember[]> {
  const rows = await db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select([
      'anggota.id as anggotaId', 'anggota.keluarga_id as keluargaId', 'keluarga.no_kk as noKk', 'anggota.nik', 'anggota.nama', 'anggota.hubungan',
      'anggota.jenis_kelamin as jenisKelamin', 'anggota.tempat_lahir as tempatLahir', 'anggota.tanggal_lahir as tanggalLahir', 'anggota.ibu_kandung as ibuKandung',
      'anggota.status_kawin as statusKawin', 'anggota.pekerjaan', 'anggota.pendidikan', 'anggota.disabilitas', 'keluarga.alamat', 'keluarga.dusun',
      'keluarga.rt', 'keluarga.rw', 'keluarga.desil',
    ])
    .where('keluarga.desa_kode', '=', desaKode)
    .where('keluarga.no_kk', 'is not', null)
    .where('keluarga.digabung_ke', 'is', null)
    .where('anggota.status', '=', 'aktif')
    .where(scopeCondition(scope))
    .orderBy('keluarga.no_kk')
    .orderBy((eb) => eb.case().when('anggota.hubungan', '=', 'Kepala Keluarga').then(0).else(1).end())
    .orderBy('anggota.id')
    .execute();
  const programs = new Map<number, string[]>();
  const ids = rows.map((r) => r.anggotaId);
  for (let i = 0; i < ids.length; i += 500) {
    const part = await db.selectFrom('anggota_program').select(['anggota_id', 'program']).where('anggota_id', 'in', ids.slice(i, i + 500)).orderBy('program').execute();
    for (const p of part) programs.set(p.anggota_id, [...(programs.get(p.anggota_id) ?? []), p.program]);
  }
  return rows.map((r) => ({ ...r, noKk: r.noKk ?? '', programs: programs.get(r.anggotaId) ?? [] }));
}

/** The programme drop-down: the app's known programmes and those already recorded. */
export async function programList(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('anggota_program').select('program').distinct().orderBy('program').limit(200).execute();
  return [...new Set([...knownPrograms, ...rows.map((r) => r.program)])];
}

/** Registered members by NIK (any status, any desa), for reading a workbook back: who left, where they live. */
export async function membersByNik(db: Kysely<Database>, niks: readonly string[]) {
  const out = new Map<string, { anggotaId: number; nama: string; status: string; desaKode: string }>();
  for (let i = 0; i < niks.length; i += 500) {
    const part = await db
      .selectFrom('anggota')
      .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
      .select(['anggota.id as anggotaId', 'anggota.nik', 'anggota.nama', 'anggota.status', 'keluarga.desa_kode as desaKode'])
      .where('anggota.nik', 'in', niks.slice(i, i + 500))
      .execute();
    for (const p of part) out.set(p.nik, p);
  }
  return out;
}

/** The latest time each desa's workbook was made ('export') and taken back ('terima'), keyed "action kode". */
export async function workbookEvents(db: Kysely<Database>, desaKodes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (desaKodes.length === 0) return out;
  const rows = await db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', (eb) => eb.fn.max('at').as('at')])
    .where('entity', '=', 'lembar_kerja')
    .where('action', 'in', ['export', 'terima'])
    .where('entity_id', 'in', [...desaKodes])
    .groupBy(['action', 'entity_id'])
    .execute();
  for (const r of rows) if (r.entity_id) out.set(`${r.action} ${r.entity_id}`, String(r.at));
  return out;
}
