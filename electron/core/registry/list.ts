/**
 * The registry list: pages of members straight from SQLite in an indexed order with a keyset cursor, so
 * the first page is fast with 500,000 people and nothing is ever loaded whole. A NIK prefix walks the nik
 * index; a name walks the nama_key index from the typed prefix.
 */
import { sql, type Kysely } from 'kysely';
import type { AnggotaListItem, ListInput } from '../../../shared/api/registry';
import type { z } from 'zod';
import type { listSchema } from '../../../shared/api/registry';
import { normalizeKey } from '../../../shared/domain/text';
import type { Database } from '../db/schema';
import { normalizeRegionCode, type RegionIndex } from '../regions/regionIndex';
import { scopeCondition, type Scope } from './scope';

type ListParams = z.output<typeof listSchema>;
type FilterParams = Omit<ListParams, 'after' | 'limit'>;

export function searchMode(q: string): { kind: 'nik'; prefix: string } | { kind: 'nama'; prefix: string } | { kind: 'none' } {
  const digits = q.replace(/[\s.'-]/g, '');
  if (digits !== '' && /^\d+$/.test(digits)) return { kind: 'nik', prefix: digits };
  const key = normalizeKey(q);
  return key === '' ? { kind: 'none' } : { kind: 'nama', prefix: key };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilters(qb: any, f: FilterParams, scope: Scope) {
  let q = qb.where(scopeCondition(scope));
  const kec = f.kecamatan ? normalizeRegionCode(f.kecamatan) : null;
  const desa = f.desa ? normalizeRegionCode(f.desa) : null;
  // The member's own copy of the kecamatan (migration 0007): with a name, the page is one range scan of the
  // (kec_kode, nama_key) index instead of walking every name and looking up each family.
  if (kec) q = q.where('anggota.kec_kode', '=', kec);
  if (desa) q = q.where('keluarga.desa_kode', '=', desa);
  // Unary + keeps SQLite from driving the query from this broad index: walking the name or NIK index in
  // order and filtering finds the first page far sooner.
  if (f.desil && f.desil.length > 0) q = q.where(sql<boolean>`+keluarga.desil in (${sql.join(f.desil)})`);
  if (f.ekstrem !== undefined) q = q.where('keluarga.miskin_ekstrem', '=', f.ekstrem ? 1 : 0);
  if (f.status) q = q.where('anggota.status', '=', f.status);
  if (f.program) {
    q = q.where(sql<boolean>`exists (select 1 from anggota_program ap where ap.anggota_id = anggota.id and ap.program = ${f.program})`);
  }
  const mode = searchMode(f.q);
  if (mode.kind === 'nik') q = q.where('anggota.nik', '>=', mode.prefix).where('anggota.nik', '<', `${mode.prefix}\u007f`);
  if (mode.kind === 'nama') q = q.where('anggota.nama_key', '>=', mode.prefix).where('anggota.nama_key', '<', `${mode.prefix}\uffff`);
  return { q, mode };
}

function encodeCursor(key: string, id: number): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(after: string | undefined): [string, number] | null {
  if (!after) return null;
  try {
    const v = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') return [v[0], v[1]];
  } catch {
    // a stale or foreign cursor just restarts from the top
  }
  return null;
}

export async function listAnggota(
  db: Kysely<Database>,
  regions: RegionIndex,
  input: ListParams,
  scope: Scope,
): Promise<{ rows: AnggotaListItem[]; nextCursor: string | null }> {
  const base = db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id');
  const { q: filtered, mode } = applyFilters(base, input, scope);
  const orderCol = mode.kind === 'nik' ? 'anggota.nik' : 'anggota.nama_key';
  let q = filtered;
  const cursor = decodeCursor(input.after);
  if (cursor) {
    q = q.where(sql<boolean>`(${sql.ref(orderCol)}, anggota.id) > (${cursor[0]}, ${cursor[1]})`);
  }
  const rows = (await q
    .select([
      'anggota.id', 'anggota.keluarga_id', 'anggota.nik', 'anggota.nama', 'anggota.nama_key', 'anggota.jenis_kelamin', 'anggota.tanggal_lahir',
      'anggota.hubungan', 'anggota.status', 'keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.kecamatan_kode', 'keluarga.desil', 'keluarga.miskin_ekstrem',
    ])
    .orderBy(orderCol)
    .orderBy('anggota.id')
    .limit(input.limit + 1)
    .execute()) as Array<{
    id: number; keluarga_id: number; nik: string; nama: string; nama_key: string; jenis_kelamin: 'L' | 'P' | null; tanggal_lahir: string | null;
    hubungan: string | null; status: AnggotaListItem['status']; no_kk: string; desa_kode: string; kecamatan_kode: string; desil: number | null; miskin_ekstrem: number;
  }>;
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map((r) => toListItem(r, regions)),
    nextCursor: more && last ? encodeCursor(mode.kind === 'nik' ? last.nik : last.nama_key, last.id) : null,
  };
}

export function toListItem(
  r: { id: number; keluarga_id: number; nik: string; nama: string; jenis_kelamin: 'L' | 'P' | null; tanggal_lahir: string | null; hubungan: string | null; status: AnggotaListItem['status']; no_kk: string; desa_kode: string; kecamatan_kode: string; desil: number | null; miskin_ekstrem: number },
  regions: RegionIndex,
): AnggotaListItem {
  return {
    id: r.id,
    keluargaId: r.keluarga_id,
    nik: r.nik,
    nama: r.nama,
    jenisKelamin: r.jenis_kelamin,
    tanggalLahir: r.tanggal_lahir,
    hubungan: r.hubungan,
    status: r.status,
    noKk: r.no_kk,
    desaKode: r.desa_kode,
    desaNama: regions.get(r.desa_kode)?.nama ?? r.desa_kode,
    kecamatanNama: regions.get(r.kecamatan_kode)?.nama ?? r.kecamatan_kode,
    desil: r.desil,
    miskinEkstrem: r.miskin_ekstrem === 1,
  };
}

export async function countAnggota(db: Kysely<Database>, input: FilterParams, scope: Scope): Promise<{ anggota: number; keluarga: number }> {
  const base = db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id');
  const { q } = applyFilters(base, input, scope);
  const row = (await q
    .select([sql<number>`count(*)`.as('anggota'), sql<number>`count(distinct anggota.keluarga_id)`.as('keluarga')])
    .executeTakeFirst()) as { anggota: number; keluarga: number } | undefined;
  return { anggota: Number(row?.anggota ?? 0), keluarga: Number(row?.keluarga ?? 0) };
}

export type { ListInput };
