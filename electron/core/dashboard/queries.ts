import { sql } from 'kysely';
import type { BantuanTahunIni, WilayahCounts } from '../../../shared/api/dashboard';
import { scopeCondition, type Scope } from '../api/scope';
import type { Db } from '../db/database';

/** Operators count only their own kecamatan/desa (the call's scope); everyone else the whole office area. */
const within = (scope: Scope) => sql`and ${scopeCondition(scope, 'k')}`;

/**
 * Families per kecamatan: those registered from P3KE without No KK count like any other (their desil and
 * miskin_ekstrem come from the P3KE sheet); a family merged into another (an empty record kept for history) does not.
 */
export async function countsPerKecamatan(db: Db, scope: Scope): Promise<Map<string, WilayahCounts>> {
  const families = await sql<{ kode: string; keluarga: number; desil14: number; ekstrem: number; tanpa: number }>`
    select k.kecamatan_kode as kode,
           count(*) as keluarga,
           sum(case when k.desil between 1 and 4 then 1 else 0 end) as desil14,
           sum(k.miskin_ekstrem) as ekstrem,
           sum(case when k.miskin_ekstrem = 1 and not exists (select 1 from intervensi i where i.keluarga_id = k.id) then 1 else 0 end) as tanpa
      from keluarga k
     where k.digabung_ke is null ${within(scope)}
     group by k.kecamatan_kode`.execute(db);
  const people = await sql<{ kode: string; jiwa: number }>`
    select k.kecamatan_kode as kode, count(*) as jiwa
      from anggota a join keluarga k on k.id = a.keluarga_id
     where a.status = 'aktif' ${within(scope)}
     group by k.kecamatan_kode`.execute(db);
  const jiwa = new Map(people.rows.map((r) => [r.kode, Number(r.jiwa)]));
  return new Map(
    families.rows.map((r) => [
      r.kode,
      {
        keluarga: Number(r.keluarga),
        jiwa: jiwa.get(r.kode) ?? 0,
        desil14: Number(r.desil14),
        ekstrem: Number(r.ekstrem),
        ekstremTanpaIntervensi: Number(r.tanpa),
      },
    ]),
  );
}

/** Aid actually received (receipt marked diterima) in the year, per programme. */
export async function bantuanPerProgram(db: Db, tahun: number, scope: Scope): Promise<BantuanTahunIni[]> {
  const rows = await sql<{ programId: number; program: string; sumberDana: string; penerima: number; nilai: number }>`
    select g.id as programId, g.nama as program, g.sumber_dana as sumberDana,
           count(distinct r.id) as penerima,
           coalesce(sum(i.jumlah * i.nilai_satuan), 0) as nilai
      from penerima r
      join penyerahan s on s.id = r.penyerahan_id
      join program g on g.id = s.program_id
      join anggota a on a.id = r.anggota_id
      join keluarga k on k.id = a.keluarga_id
      left join penerima_item i on i.penerima_id = r.id
     where r.status = 'diterima' and substr(coalesce(r.tanggal_terima, s.tanggal), 1, 4) = ${String(tahun)} ${within(scope)}
     group by g.id
     order by nilai desc, g.nama`.execute(db);
  return rows.rows.map((r) => ({ ...r, penerima: Number(r.penerima), nilai: Math.round(Number(r.nilai)) }));
}
