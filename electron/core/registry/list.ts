/**
 * The registry list: pages of members straight from SQLite in an indexed order with a keyset cursor, so
 * the first page is fast with 500,000 people and nothing is ever loaded whole. Digits walk the nik index, then
 * the families' no_kk index (a family found by its No KK); a name walks the nama_key index, then the index of
 * the names' later words.
 */
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AnggotaListItem, ListInput, RegistryCount } from '../../../shared/api/registry';
import type { z } from 'zod';
import type { listSchema } from '../../../shared/api/registry';
import { normalizeKey } from '../../../shared/domain/text';
import type { Database } from '../db/schema';
import { normalizeRegionCode, type RegionIndex } from '../regions';
import { isPostgres, nameWordStarts, position, withoutIndex } from '../db/dialect';
import { scopeCondition, type Scope } from './scope';

type ListParams = z.output<typeof listSchema>;

/** The list's queries: members (joined to their families, or not) with what they select so far. */
type Joined = 'anggota' | 'keluarga';
type MemberQuery<O, TB extends keyof Database = Joined> = SelectQueryBuilder<Database, TB, O>;
type FilterParams = Omit<ListParams, 'after' | 'limit'>;

/** Digits are the start of a NIK or of a No KK; anything else, the start of a name or of a later word of it. */
export function searchMode(q: string): { kind: 'nik'; prefix: string } | { kind: 'nama'; prefix: string } | { kind: 'none' } {
  const digits = q.replace(/[\s.'-]/g, '');
  if (digits !== '' && /^\d+$/.test(digits)) return { kind: 'nik', prefix: digits };
  const key = normalizeKey(q);
  return key === '' ? { kind: 'none' } : { kind: 'nama', prefix: key };
}

function applyFilters<O>(db: Kysely<Database>, qb: MemberQuery<O>, f: FilterParams, scope: Scope, walk: 'area' | 'range' = 'area') {
  let q = qb.where(scopeCondition(scope));
  const kec = f.kecamatan ? normalizeRegionCode(f.kecamatan) : null;
  const desa = f.desa ? normalizeRegionCode(f.desa) : null;
  // The member's own copy of the kecamatan (migration 0006): with a name, the page is one range scan of the
  // (kec_kode, nama_key) index instead of walking every name and looking up each family.
  // Walking the later-word or No KK index (laterWordStarts, kkStarts) finds a page far sooner than reading the
  // whole area and sorting it, so there the area is only a filter (unary +: not an index SQLite may drive from).
  if (kec) q = q.where(walk === 'area' ? sql<boolean>`anggota.kec_kode = ${kec}` : sql<boolean>`${withoutIndex(db, 'anggota.kec_kode')} = ${kec}`);
  if (desa) q = q.where(walk === 'area' ? sql<boolean>`keluarga.desa_kode = ${desa}` : sql<boolean>`${withoutIndex(db, 'keluarga.desa_kode')} = ${desa}`);
  // Unary + keeps SQLite from driving the query from this broad index: walking the name or NIK index in
  // order and filtering finds the first page far sooner.
  if (f.desil && f.desil.length > 0) q = q.where(sql<boolean>`${withoutIndex(db, 'keluarga.desil')} in (${sql.join(f.desil)})`);
  if (f.ekstrem !== undefined) q = q.where('keluarga.miskin_ekstrem', '=', f.ekstrem ? 1 : 0);
  // "No KK belum diketahui": families registered from P3KE by their ID Keluarga P3KE alone.
  if (f.tanpaKk) q = q.where('keluarga.no_kk', 'is', null).where('keluarga.digabung_ke', 'is', null);
  if (f.status) q = q.where('anggota.status', '=', f.status);
  if (f.program) {
    q = q.where(sql<boolean>`exists (select 1 from anggota_program ap where ap.anggota_id = anggota.id and ap.program = ${f.program})`);
  }
  return { q, mode: searchMode(f.q) };
}

// Digits find first the people whose NIK begins with them (a range of the nik index), then the other members of
// the families whose No KK begins with them (a range of keluarga's no_kk index): the two numbers share their
// first six digits (the kecamatan), so both are asked for, NIK matches first.

function nikStarts<O>(q: MemberQuery<O>, prefix: string): MemberQuery<O> {
  return q.where('anggota.nik', '>=', prefix).where('anggota.nik', '<', `${prefix}\u007f`);
}

/** Members of a family whose No KK begins with the digits; not those nikStarts already found. */
function kkStarts<O>(q: MemberQuery<O>, prefix: string): MemberQuery<O> {
  return q
    .where('keluarga.no_kk', '>=', prefix)
    .where('keluarga.no_kk', '<', `${prefix}\u007f`)
    .where(sql<boolean>`not (anggota.nik >= ${prefix} and anggota.nik < ${`${prefix}\u007f`})`);
}

// A name search finds first the names that begin with what was typed (a range of the nama_key index), then the
// names with a later word that begins with it ("santoso" → BUDI SANTOSO; a range of anggota_kata, migration
// 0007). Each part is one index range walked in order, so a page costs the same with 500,000 people.

function nameStarts<O>(q: MemberQuery<O>, prefix: string): MemberQuery<O> {
  return q.where('anggota.nama_key', '>=', prefix).where('anggota.nama_key', '<', `${prefix}\uffff`);
}

function firstWord(prefix: string): string {
  return prefix.split(' ')[0]!;
}

/**
 * A later word of the name begins the search (and the whole phrase is in the name); not names found by nameStarts.
 * `inArea`: the members are also limited to an area (a kecamatan or desa filter, an operator's scope). There
 * PostgreSQL is also given the same condition as nameWordStarts (implied by the rest, so the rows are the same):
 * its pg_trgm index and the area's index then find the few members of the area first. Walking every matching
 * word in order took a parallel scan whose start alone was ~30 ms (500,000 people, "kur" in one kecamatan:
 * 42 ms → 20 ms); without an area the ordered walk stays faster (1.3 ms), so it is left as it is.
 */
function laterWordStarts<O, TB extends keyof Database>(db: Kysely<Database>, q: SelectQueryBuilder<Database, TB | 'anggota', O>, prefix: string, inArea = false) {
  const word = firstWord(prefix);
  let out = q
    .innerJoin('anggota_kata as k', (join) => join.on(sql<boolean>`k.anggota_id = anggota.id`))
    .where(sql<boolean>`k.kata >= ${word}`)
    .where(sql<boolean>`k.kata < ${`${word}\uffff`}`)
    .where(sql<boolean>`not (anggota.nama_key >= ${prefix} and anggota.nama_key < ${`${prefix}\uffff`})`)
    // One row per person even when two of their words match ("bud" in AHMAD BUDI BUDIMAN): the smallest one.
    // PostgreSQL's planner ran the min() subquery for every member (172 ms at 50,000 people); asked as "no
    // smaller matching word" it walks the word index in order (0.6 ms). SQLite keeps its measured plan.
    .where(
      isPostgres(db)
        ? sql<boolean>`not exists (select 1 from anggota_kata k2 where k2.anggota_id = k.anggota_id and k2.kata >= ${word} and k2.kata < k.kata)`
        : sql<boolean>`k.kata = (select min(k2.kata) from anggota_kata k2 where k2.anggota_id = anggota.id and k2.kata >= ${word} and k2.kata < ${`${word}\uffff`})`,
    );
  if (prefix.includes(' ')) out = out.where(sql<boolean>`${position(db, "' ' || anggota.nama_key", ` ${prefix}`)} > 0`);
  if (inArea && isPostgres(db)) out = out.where(nameWordStarts('anggota.nama_key', prefix));
  return out;
}

/** The members asked for are limited to an area: a kecamatan or desa filter, or the caller's scope. */
function inArea(f: FilterParams, scope: Scope): boolean {
  return !!(f.kecamatan || f.desa) || !scope.all;
}

/** Where the next page starts: the last row's sort key and id, and whether it is in the search's second part (later words, No KK). */
type Cursor = [key: string, id: number, part?: 'lanjut'];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(after: string | undefined): Cursor | null {
  if (!after) return null;
  try {
    const v = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') return v[2] === 'lanjut' ? [v[0], v[1], 'lanjut'] : [v[0], v[1]];
  } catch {
    // a stale or foreign cursor just restarts from the top
  }
  return null;
}

const LIST_COLUMNS = [
  'anggota.id', 'anggota.keluarga_id', 'anggota.nik', 'anggota.nama', 'anggota.nama_key', 'anggota.jenis_kelamin', 'anggota.tanggal_lahir',
  'anggota.hubungan', 'anggota.status', 'keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.kecamatan_kode', 'keluarga.desil', 'keluarga.miskin_ekstrem',
] as const;

type ListRow = {
  id: number; keluarga_id: number; nik: string; nama: string; nama_key: string; jenis_kelamin: 'L' | 'P' | null; tanggal_lahir: string | null;
  hubungan: string | null; status: AnggotaListItem['status']; no_kk: string | null; desa_kode: string; kecamatan_kode: string; desil: number | null; miskin_ekstrem: number;
  /** The second part's sort key (the later word, or the No KK), absent for rows of the first part. */
  lanjut?: string | null;
};

export async function listAnggota(
  db: Kysely<Database>,
  regions: RegionIndex,
  input: ListParams,
  scope: Scope,
): Promise<{ rows: AnggotaListItem[]; nextCursor: string | null }> {
  const base = db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select([...LIST_COLUMNS]);
  const { q: filtered, mode } = applyFilters(db, base, input, scope);
  const cursor = decodeCursor(input.after);
  const want = input.limit + 1;
  const page = async <DB, TB extends keyof DB, O extends Omit<ListRow, 'lanjut'>>(
    q: SelectQueryBuilder<DB, TB, O>,
    orderCol: string,
    after: Cursor | null,
    limit: number,
    idCol = 'anggota.id',
  ): Promise<O[]> => {
    let out = q;
    if (after) out = out.where(sql<boolean>`(${sql.ref(orderCol)}, ${sql.ref(idCol)}) > (${after[0]}, ${after[1]})`);
    return out.orderBy(sql.ref(orderCol)).orderBy(sql.ref(idCol)).limit(limit).execute();
  };

  let rows: ListRow[];
  let next: (last: ListRow) => Cursor;
  if (mode.kind === 'none') {
    rows = await page(filtered, 'anggota.nama_key', cursor, want);
    next = (last) => [last.nama_key, last.id];
  } else {
    // Two index ranges walked in order, the second only once the first is exhausted (see nikStarts, nameStarts).
    const second = applyFilters(db, base, input, scope, 'range').q;
    const nik = mode.kind === 'nik';
    rows = cursor?.[2] === 'lanjut' ? [] : await page(nik ? nikStarts(filtered, mode.prefix) : nameStarts(filtered, mode.prefix), nik ? 'anggota.nik' : 'anggota.nama_key', cursor, want);
    if (rows.length < want) {
      const from = cursor?.[2] === 'lanjut' ? cursor : null;
      const left = want - rows.length;
      rows.push(
        ...(nik
          ? await page(kkStarts(second, mode.prefix).select('keluarga.no_kk as lanjut'), 'keluarga.no_kk', from, left)
          : // Ordered by the word table's own key (k.anggota_id, equal to anggota.id) so the range is walked in order.
            await page(laterWordStarts(db, second, mode.prefix, inArea(input, scope)).select('k.kata as lanjut'), 'k.kata', from, left, 'k.anggota_id')),
      );
    }
    next = (last) => (last.lanjut != null ? [last.lanjut, last.id, 'lanjut'] : [nik ? last.nik : last.nama_key, last.id]);
  }
  const more = rows.length > input.limit;
  const shown = more ? rows.slice(0, input.limit) : rows;
  const last = shown.at(-1);
  let nextCursor: Cursor | null = more && last ? next(last) : null;
  // The page ended exactly where the first part ends: the next page is the second part's.
  if (nextCursor && last?.lanjut == null && rows[input.limit]?.lanjut != null) nextCursor = ['', 0, 'lanjut'];
  return { rows: shown.map((r) => toListItem(r, regions)), nextCursor: nextCursor ? encodeCursor(nextCursor) : null };
}

export function toListItem(
  r: { id: number; keluarga_id: number; nik: string; nama: string; jenis_kelamin: 'L' | 'P' | null; tanggal_lahir: string | null; hubungan: string | null; status: AnggotaListItem['status']; no_kk: string | null; desa_kode: string; kecamatan_kode: string; desil: number | null; miskin_ekstrem: number },
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
    desaNama: regions.nameOf(r.desa_kode),
    kecamatanNama: regions.nameOf(r.kecamatan_kode),
    desil: r.desil,
    miskinEkstrem: r.miskin_ekstrem === 1,
  };
}

/**
 * The count's query (what countAnggota runs). A name's matches, the names beginning with it and those with a later
 * word beginning with it, are together the names with any word beginning with it: on PostgreSQL one LIKE that its
 * pg_trgm index answers (nameWordStarts; 500,000 people: 0.3 s instead of 1.6 s for "kur"); SQLite asks the
 * nama_key range and the word table, as before.
 */
export function countQuery(db: Kysely<Database>, input: FilterParams, scope: Scope) {
  const base = db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id');
  const { q: filtered, mode } = applyFilters(db, base, input, scope);
  const q =
    mode.kind === 'nama'
      ? filtered.where((eb: ExpressionBuilder<Database, 'anggota' | 'keluarga'>) =>
          isPostgres(db)
            ? nameWordStarts('anggota.nama_key', mode.prefix)
            : eb.or([
                eb.and([eb('anggota.nama_key', '>=', mode.prefix), eb('anggota.nama_key', '<', `${mode.prefix}\uffff`)]),
                eb('anggota.id', 'in', laterWordStarts(db, eb.selectFrom('anggota').select('anggota.id'), mode.prefix)),
              ]),
        )
      : mode.kind === 'nik'
        ? filtered.where((eb: ExpressionBuilder<Database, 'anggota' | 'keluarga'>) =>
            eb.or([
              eb.and([eb('anggota.nik', '>=', mode.prefix), eb('anggota.nik', '<', `${mode.prefix}\u007f`)]),
              eb.and([eb('keluarga.no_kk', '>=', mode.prefix), eb('keluarga.no_kk', '<', `${mode.prefix}\u007f`)]),
            ]),
          )
        : filtered;
  return q.select([sql<number>`count(*)`.as('anggota'), sql<number>`count(distinct anggota.keluarga_id)`.as('keluarga')]);
}

/** A search's matches are counted exactly up to this many; past it the list's line says "lebih dari 1.000". */
export const COUNT_CAP = 1000;

/**
 * The list's count line. With a search, the two parts the list walks (each one index range, disjoint) are counted
 * up to COUNT_CAP first, stopping there: "kur" matches 17,000 of 500,000 people, whose exact count (and its
 * families') cost 60 ms on every keystroke, while a clerk narrowing a name needs "more than 1,000", not the figure.
 * Without a search the count is exact: it is the size of the area or status the clerk filtered for.
 */
export async function countMatches(db: Kysely<Database>, input: FilterParams, scope: Scope, cap = COUNT_CAP): Promise<RegistryCount> {
  const { q: filtered, mode } = applyFilters(db, db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id'), input, scope);
  if (mode.kind !== 'none') {
    const upTo = async (q: MemberQuery<unknown>, n: number) => {
      const row = await db.selectFrom(q.select(sql<number>`1`.as('one')).limit(n).as('t')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const second = applyFilters(db, db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id'), input, scope, 'range').q;
    const first = await upTo(mode.kind === 'nik' ? nikStarts(filtered, mode.prefix) : nameStarts(filtered, mode.prefix), COUNT_CAP + 1);
    const rest = first > cap ? 0 : await upTo(mode.kind === 'nik' ? kkStarts(second, mode.prefix) : laterWordStarts(db, second, mode.prefix, inArea(input, scope)), cap + 1 - first);
    if (first + rest > cap) return { lebihDari: cap };
  }
  return countAnggota(db, input, scope);
}

export async function countAnggota(db: Kysely<Database>, input: FilterParams, scope: Scope): Promise<{ anggota: number; keluarga: number }> {
  const row = (await countQuery(db, input, scope).executeTakeFirst()) as { anggota: number; keluarga: number } | undefined;
  return { anggota: Number(row?.anggota ?? 0), keluarga: Number(row?.keluarga ?? 0) };
}

export type { ListInput };

/** The programme names people are recorded under (at most 200), for the list's programme filter. */
export async function recordedPrograms(db: Kysely<Database>): Promise<string[]> {
  return (await sql<{ program: string }>`select distinct program from anggota_program order by program limit 200`.execute(db)).rows.map((r) => r.program);
}
