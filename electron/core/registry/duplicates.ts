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
import { recordAudit } from '../admin/audit';
import { AppError } from '../api/errors';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions/regionIndex';
import { toListItem } from './list';
import { assertInScope, scopeCondition, type Scope } from './scope';

const NAME_SIMILARITY = 0.8;

export async function scanDuplicates(
  db: Kysely<Database>,
  regions: RegionIndex,
  scope: Scope,
  opts: { kecamatan?: string | undefined; limit: number; onProgress?: (done: number, label: string) => void; throwIfCancelled?: () => void },
): Promise<DuplicateScan> {
  const started = Date.now();
  const kec = opts.kecamatan ?? null;
  const decided = new Set(
    (await db.selectFrom('duplikat_keputusan').select(['anggota_a', 'anggota_b']).execute()).map((d) => `${Math.min(d.anggota_a, d.anggota_b)}-${Math.max(d.anggota_a, d.anggota_b)}`),
  );
  const found = new Map<string, { a: number; b: number; kind: DuplicatePair['kind']; score: number }>();
  const scopeSql = scopeCondition(scope);
  const kecSql = kec ? sql`and keluarga.kecamatan_kode = ${kec}` : sql``;

  opts.onProgress?.(0, 'Mencari kemiripan tanggal lahir dan nama per desa');
  const byBirth = await sql<{ a: number; b: number; na: string; nb: string }>`
    with p as materialized (
      select anggota.id, anggota.nama_key, anggota.tanggal_lahir, keluarga.desa_kode
      from anggota join keluarga on keluarga.id = anggota.keluarga_id
      where anggota.status = 'aktif' and anggota.tanggal_lahir is not null and ${scopeSql} ${kecSql}
    )
    select x.id as a, y.id as b, x.nama_key as na, y.nama_key as nb
    from p x join p y on y.tanggal_lahir = x.tanggal_lahir and y.desa_kode = x.desa_kode and y.id > x.id`.execute(db);
  opts.throwIfCancelled?.();
  for (const r of byBirth.rows) {
    const key = `${r.a}-${r.b}`;
    if (decided.has(key)) continue;
    const s = similarity(r.na.replace(/ /g, ''), r.nb.replace(/ /g, ''));
    if (s >= NAME_SIMILARITY) found.set(key, { a: r.a, b: r.b, kind: 'lahir-nama', score: s });
  }

  opts.onProgress?.(byBirth.rows.length, 'Mencari nama dan ibu kandung yang sama');
  const byMother = await sql<{ ids: string }>`
    select group_concat(anggota.id) as ids
    from anggota join keluarga on keluarga.id = anggota.keluarga_id
    where anggota.status = 'aktif' and anggota.ibu_kandung is not null and anggota.ibu_kandung != '' and ${scopeSql} ${kecSql}
    group by anggota.nama_key, lower(trim(anggota.ibu_kandung))
    having count(*) > 1`.execute(db);
  opts.throwIfCancelled?.();
  for (const g of byMother.rows) {
    const ids = g.ids.split(',').map(Number).sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}-${ids[j]}`;
        if (decided.has(key) || found.has(key)) continue;
        found.set(key, { a: ids[i]!, b: ids[j]!, kind: 'nama-ibu', score: 1 });
      }
    }
  }

  const all = [...found.values()].sort((x, y) => y.score - x.score || x.a - y.a);
  const chosen = all.slice(0, opts.limit);
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
  return { pairs, scanned: Number(scanned.rows[0]?.n ?? 0), seconds: (Date.now() - started) / 1000, truncated: all.length > chosen.length };
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

