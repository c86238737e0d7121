/**
 * Approximate duplicates: people with different NIKs who may be the same person. Blocked, never all pairs:
 * (1) same desa and birth date, names similar; (2) same name and same mother's name anywhere. Pairs a clerk
 * marked 'beda' are never shown again; 'sama' merges b into a (b leaves the registry with the reason, its
 * programmes move to a, both histories stay).
 */
import { sql, type Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { DuplicatePair, DuplicateScan } from '../../../shared/api/registry';
import { similarity } from '../../../shared/domain/text';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import { groupConcat, jsonArrayAgg } from '../db/dialect';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';
import { toListItem } from './list';
import { assertInScope, scopeCondition, type Scope } from './scope';

const NAME_SIMILARITY = 0.8;

/**
 * One number per pair of ids (a < b) while ids stay below 2^26 (67 million people), a string beyond: hundreds of
 * thousands of pairs are kept in a Map during a scan, and a number key costs no string per pair.
 */
const PAIR_BASE = 67_108_864;
const pairKey = (a: number, b: number): number | string => (b < PAIR_BASE ? a * PAIR_BASE + b : `${a}-${b}`);

/**
 * The `limit` first pairs by (a, b) of a stream too long to keep whole, and how many pairs came: pairs are
 * buffered, and every 4 × limit the buffer is sorted and cut back to `limit`; a pair after the last one kept
 * is dropped on arrival.
 */
class FirstPairs {
  private kept: [number, number][] = [];
  private last: [number, number] | null = null;
  count = 0;
  constructor(private readonly limit: number) {}

  add(a: number, b: number): void {
    this.count++;
    const last = this.last;
    if (last && (a > last[0] || (a === last[0] && b > last[1]))) return;
    this.kept.push([a, b]);
    if (this.kept.length >= 4 * this.limit) this.cut();
  }

  first(): [number, number][] {
    this.cut();
    return this.kept;
  }

  private cut(): void {
    this.kept.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    if (this.kept.length > this.limit) this.kept.length = this.limit;
    if (this.kept.length === this.limit) this.last = this.kept[this.limit - 1]!;
  }
}

/**
 * Each block is one grouping pass in SQLite that hands back only the groups of two or more people (never a
 * self-join, nor a query per person); the pairs inside a group are compared here. The GROUP BY columns are
 * ordered so that no index matches them: SQLite then reads anggota in table order and sorts once, instead of
 * walking an index and jumping to a random table page for every person (5× slower on 500,000 people).
 */
export async function scanDuplicates(
  db: Kysely<Database>,
  regions: RegionIndex,
  scope: Scope,
  opts: { kecamatan?: string | undefined; limit: number; onProgress?: (done: number, label: string) => void; throwIfCancelled?: () => void },
): Promise<DuplicateScan> {
  const started = Date.now();
  const kec = opts.kecamatan ?? null;
  const decided = new Set((await db.selectFrom('duplikat_keputusan').select(['anggota_a', 'anggota_b']).execute()).map((d) => pairKey(Math.min(d.anggota_a, d.anggota_b), Math.max(d.anggota_a, d.anggota_b))));
  const found = new Map<number | string, { a: number; b: number; kind: DuplicatePair['kind']; score: number }>();
  const scopeSql = scopeCondition(scope);
  const kecSql = kec ? sql`and keluarga.kecamatan_kode = ${kec}` : sql``;

  opts.onProgress?.(0, 'Mencari kemiripan tanggal lahir dan nama per desa');
  // (1) Same desa and birth date: the group's people as [id, nama_key] pairs (JSON: a name may hold any character).
  const byBirth = await sql<{ g: string }>`
    select ${jsonArrayAgg(db, ['anggota.id', 'anggota.nama_key'])} as g
    from anggota join keluarga on keluarga.id = anggota.keluarga_id
    where anggota.status = 'aktif' and anggota.tanggal_lahir is not null and ${scopeSql} ${kecSql}
    group by keluarga.desa_kode, anggota.tanggal_lahir
    having count(*) > 1`.execute(db);
  opts.throwIfCancelled?.();
  let compared = 0;
  for (const { g } of byBirth.rows) {
    const people = (JSON.parse(g) as [number, string][]).sort((x, y) => x[0] - y[0]);
    const keys = people.map((p) => p[1].replace(/ /g, ''));
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i]![0];
        const b = people[j]![0];
        const key = pairKey(a, b);
        if (decided.has(key)) continue;
        const s = similarity(keys[i]!, keys[j]!);
        if (s >= NAME_SIMILARITY) found.set(key, { a, b, kind: 'lahir-nama', score: s });
      }
    }
    compared += people.length;
  }

  opts.onProgress?.(compared, 'Mencari nama dan ibu kandung yang sama');
  // (2) Same name and mother's name anywhere (grouped mother first: see above).
  const byMother = await sql<{ ids: string }>`
    select ${groupConcat(db, 'anggota.id')} as ids
    from anggota join keluarga on keluarga.id = anggota.keluarga_id
    where anggota.status = 'aktif' and anggota.ibu_kandung is not null and anggota.ibu_kandung != '' and ${scopeSql} ${kecSql}
    group by lower(trim(anggota.ibu_kandung)), anggota.nama_key
    having count(*) > 1`.execute(db);
  opts.throwIfCancelled?.();
  // Every pair of this block scores 1 and they rank by id, so only the `limit` first by id can be shown: a
  // registry of 500,000 people has some 440,000 such pairs, which are counted but not kept.
  const sameMother = new FirstPairs(opts.limit);
  for (const g of byMother.rows) {
    const ids = g.ids.split(',').map(Number).sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = pairKey(ids[i]!, ids[j]!);
        if (decided.has(key) || found.has(key)) continue;
        sameMother.add(ids[i]!, ids[j]!);
      }
    }
  }

  const candidates = [...found.values(), ...sameMother.first().map(([a, b]) => ({ a, b, kind: 'nama-ibu' as const, score: 1 }))];
  const chosen = candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b).slice(0, opts.limit);
  const total = found.size + sameMother.count;
  const ids = [...new Set(chosen.flatMap((p) => [p.a, p.b]))];
  const people = new Map<number, DuplicatePair['a']>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = await db
      .selectFrom('anggota')
      .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
      .select(['anggota.id', 'anggota.keluarga_id', 'anggota.nik', 'anggota.nama', 'anggota.jenis_kelamin', 'anggota.tanggal_lahir', 'anggota.hubungan', 'anggota.status', 'anggota.ibu_kandung', 'keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.kecamatan_kode', 'keluarga.desil', 'keluarga.miskin_ekstrem'])
      .where('anggota.id', 'in', ids.slice(i, i + 900))
      .execute();
    for (const r of rows) people.set(r.id, { ...toListItem(r, regions), ibuKandung: r.ibu_kandung });
  }
  const pairs: DuplicatePair[] = [];
  for (const p of chosen) {
    const a = people.get(p.a);
    const b = people.get(p.b);
    if (a && b) pairs.push({ kind: p.kind, score: Math.round(p.score * 100) / 100, a, b });
  }
  const scanned = await sql<{ n: number }>`select count(*) as n from anggota join keluarga on keluarga.id = anggota.keluarga_id where anggota.status = 'aktif' and ${scopeSql} ${kecSql}`.execute(db);
  return { pairs, scanned: Number(scanned.rows[0]?.n ?? 0), seconds: (Date.now() - started) / 1000, truncated: total > chosen.length };
}

export async function decideDuplicate(db: Kysely<Database>, session: SessionInfo, scope: Scope, a: number, b: number, keputusan: 'sama' | 'beda', now: Date) {
  if (a === b) throw new AppError('INVALID_INPUT', 'Pilih dua orang yang berbeda.');
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const people = await trx
      .selectFrom('anggota')
      .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
      .selectAll('anggota')
      .select(['keluarga.desa_kode', 'keluarga.kecamatan_kode'])
      .where('anggota.id', 'in', [a, b])
      .execute();
    const pa = people.find((p) => p.id === a);
    const pb = people.find((p) => p.id === b);
    if (!pa || !pb) throw new AppError('NOT_FOUND', 'Salah satu anggota tidak ditemukan.');
    assertInScope(scope, pa.desa_kode, pa.kecamatan_kode, 'Salah satu anggota');
    assertInScope(scope, pb.desa_kode, pb.kecamatan_kode, 'Salah satu anggota');
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    await trx
      .insertInto('duplikat_keputusan')
      .values({ anggota_a: lo, anggota_b: hi, keputusan, user_id: session.userId, at })
      .onConflict((oc) => oc.columns(['anggota_a', 'anggota_b']).doUpdateSet({ keputusan, user_id: session.userId, at }))
      .execute();
    if (keputusan === 'beda') {
      await recordAudit(trx, session, { action: 'duplicate', entity: 'anggota', entityId: a, note: `Bukan orang yang sama dengan NIK ${pb.nik} (${pb.nama})` }, now);
      return;
    }
    if (pb.status !== 'aktif') throw new AppError('CONFLICT', `${pb.nama} sudah tidak aktif; tidak perlu digabung.`);
    const programs = await trx.selectFrom('anggota_program').selectAll().where('anggota_id', '=', b).execute();
    if (programs.length) {
      await trx
        .insertInto('anggota_program')
        .values(programs.map((p) => ({ anggota_id: a, program: p.program, keterangan: p.keterangan, import_batch_id: null })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const alasan = `Data ganda: orang yang sama dengan NIK ${pa.nik} (${pa.nama}); digabung`;
    await trx.updateTable('anggota').set({ status: 'keluar', status_tanggal: at.slice(0, 10), status_alasan: alasan, updated_at: at }).where('id', '=', b).execute();
    await trx.updateTable('anggota').set({ updated_at: at }).where('id', '=', a).execute();
    await recordAudit(trx, session, { action: 'merge', entity: 'anggota', entityId: b, before: { status: pb.status }, after: { status: 'keluar', status_alasan: alasan }, note: alasan }, now);
    await recordAudit(trx, session, { action: 'merge', entity: 'anggota', entityId: a, note: `Digabung dengan data ganda NIK ${pb.nik} (${pb.nama}); program dipindahkan: ${programs.map((p) => p.program).join(', ') || '–'}` }, now);
  });
}

