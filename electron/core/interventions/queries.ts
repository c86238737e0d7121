import { sql, type SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { Gap, IntervensiRow, Overlap, filterSchema } from '../../../shared/api/interventions';
import type { Db } from '../db/database';
import { groupConcat } from '../db/dialect';
import type { Database } from '../db/schema';

type Filter = z.output<typeof filterSchema>;

// An intervention names a member, a family, or both; the family gives it a place.
function base(db: Db) {
  return db
    .selectFrom('intervensi as i')
    .leftJoin('anggota as a', 'a.id', 'i.anggota_id')
    .leftJoin('keluarga as k', (j) => j.on(sql`k.id`, '=', sql`coalesce(i.keluarga_id, a.keluarga_id)`));
}

function applyFilter<O>(q: SelectQueryBuilder<Database & { i: Database['intervensi']; a: Database['anggota']; k: Database['keluarga'] }, 'i' | 'a' | 'k', O>, f: Filter) {
  if (f.kecamatan) q = f.kecamatan.length > 8 ? q.where('k.desa_kode', '=', f.kecamatan) : q.where('k.kecamatan_kode', '=', f.kecamatan);
  if (f.opd) q = q.where('i.opd', '=', f.opd);
  if (f.jenis) q = q.where('i.jenis', '=', f.jenis);
  if (f.dari) q = q.where('i.tanggal', '>=', f.dari);
  if (f.sampai) q = q.where('i.tanggal', '<=', f.sampai);
  if (f.q) {
    const q2 = f.q;
    q = /^\d+$/.test(q2) ? q.where('a.nik', 'like', `${q2}%`) : q.where('a.nama_key', 'like', `%${q2.toLowerCase()}%`);
  }
  return q;
}

export type RawRow = Omit<IntervensiRow, 'desa' | 'kecamatan'> & { desaKode: string | null; kecamatanKode: string | null };

function rowColumns() {
  return [
    'i.id',
    'i.tanggal',
    'i.opd',
    'i.jenis',
    'i.nilai',
    'i.sumber',
    'i.anggota_id as anggotaId',
    sql<number | null>`coalesce(i.keluarga_id, a.keluarga_id)`.as('keluargaId'),
    'a.nama',
    'a.nik',
    'k.desa_kode as desaKode',
    'k.kecamatan_kode as kecamatanKode',
  ] as const;
}

export async function rowById(db: Db, id: number): Promise<RawRow | undefined> {
  return base(db).select(rowColumns()).where('i.id', '=', id).executeTakeFirst();
}

export async function listIntervensi(db: Db, f: Filter & { limit: number; offset: number }): Promise<{ rows: RawRow[]; total: number }> {
  const rows = await applyFilter(base(db), f)
    .select(rowColumns())
    .orderBy('i.tanggal', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await applyFilter(base(db), f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function distinctOptions(db: Db): Promise<{ opd: string[]; jenis: string[] }> {
  // The reference lists (0010): every current OPD and every kind any of them gives.
  const opd = await db.selectFrom('opd').select('nama as opd').where('digabung_ke', 'is', null).orderBy('nama').execute();
  const jenis = await db.selectFrom('jenis_intervensi').select('nama as jenis').distinct().orderBy('nama').execute();
  return { opd: opd.map((r) => r.opd), jenis: jenis.map((r) => r.jenis) };
}

export type RawOverlap = Omit<Overlap, 'desa' | 'kecamatan' | 'opd' | 'tanggal'> & { desaKode: string; kecamatanKode: string; opdList: string; tanggalList: string };

/** Same member, same kind of help (case-insensitive), more than once within the filter's period. */
export async function findOverlaps(db: Db, f: Filter): Promise<RawOverlap[]> {
  return applyFilter(base(db), f)
    .where('i.anggota_id', 'is not', null)
    .select([
      sql<number>`i.anggota_id`.as('anggotaId'),
      sql<number>`a.keluarga_id`.as('keluargaId'),
      sql<string>`a.nama`.as('nama'),
      sql<string>`a.nik`.as('nik'),
      sql<string>`k.desa_kode`.as('desaKode'),
      sql<string>`k.kecamatan_kode`.as('kecamatanKode'),
      sql<string>`min(i.jenis)`.as('jenis'),
      sql<number>`count(*)`.as('kali'),
      groupConcat(db, 'i.opd', '|').as('opdList'),
      groupConcat(db, 'i.tanggal', '|').as('tanggalList'),
    ])
    // The member's and family's columns are one per member; PostgreSQL wants them named in the grouping.
    .groupBy([sql`i.anggota_id`, sql`lower(i.jenis)`, sql`a.keluarga_id`, sql`a.nama`, sql`a.nik`, sql`k.desa_kode`, sql`k.kecamatan_kode`])
    .having(sql`count(*)`, '>', 1)
    .orderBy(sql`count(*)`, 'desc')
    .limit(1000)
    .execute();
}

export type RawGap = Omit<Gap, 'desa' | 'kecamatan'> & { desaKode: string; kecamatanKode: string };

export async function findGaps(db: Db, opts: { kecamatan?: string; limit: number }): Promise<{ rows: RawGap[]; total: number }> {
  let q = db
    .selectFrom('keluarga as k')
    .where('k.miskin_ekstrem', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('intervensi as i').select('i.id').where(sql`i.keluarga_id`, '=', sql`k.id`))),
    );
  if (opts.kecamatan) q = opts.kecamatan.length > 8 ? q.where('k.desa_kode', '=', opts.kecamatan) : q.where('k.kecamatan_kode', '=', opts.kecamatan);
  const rows = await q
    .select([
      'k.id as keluargaId',
      'k.no_kk as noKk',
      'k.desa_kode as desaKode',
      'k.kecamatan_kode as kecamatanKode',
      'k.desil',
      sql<string | null>`(select a.nama from anggota a where a.keluarga_id = k.id order by case when lower(a.hubungan) like 'kepala%' then 0 else 1 end, a.id limit 1)`.as('kepala'),
      sql<number>`(select count(*) from anggota a where a.keluarga_id = k.id and a.status = 'aktif')`.as('jiwa'),
    ])
    .orderBy('k.kecamatan_kode')
    .orderBy('k.desa_kode')
    .orderBy('k.desil')
    .limit(opts.limit)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}
