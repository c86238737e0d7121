/**
 * The duplicate scan against a reference that looks at every pair of people (no blocks, no SQL grouping): the
 * scan must list exactly the pairs the reference finds, best first, however small the page (`limit`) is, and
 * say when it cut the list. The scan keeps only the first pairs of its name-and-mother block (issue 20: the
 * 440,000 such pairs of a 500,000-person registry are counted, not kept), so a cut list is checked against the
 * whole one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { scanDuplicates } from '../../../electron/core/registry/duplicates';
import type { RegionIndex } from '../../../electron/core/regions/regionIndex';
import { similarity } from '../../../shared/domain/text';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { seedRegistry } from '../../helpers/registryFixtures';

const ALL = { all: true, kecamatan: [], desa: [] };
let core: Core;
let regions: RegionIndex;

interface Person {
  id: number;
  nama_key: string;
  tanggal_lahir: string | null;
  ibu_kandung: string | null;
  desa_kode: string;
  kecamatan_kode: string;
}

/** Every pair of active people compared one by one: the blocks' rules written plainly. */
function reference(people: Person[], decided: Set<string>): { a: number; b: number; kind: string; score: number }[] {
  const out: { a: number; b: number; kind: string; score: number }[] = [];
  const sorted = [...people].sort((x, y) => x.id - y.id);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const x = sorted[i]!;
      const y = sorted[j]!;
      if (decided.has(`${x.id}-${y.id}`)) continue;
      if (x.tanggal_lahir !== null && x.tanggal_lahir === y.tanggal_lahir && x.desa_kode === y.desa_kode) {
        const s = similarity(x.nama_key.replace(/ /g, ''), y.nama_key.replace(/ /g, ''));
        if (s >= 0.8) {
          out.push({ a: x.id, b: y.id, kind: 'lahir-nama', score: s });
          continue;
        }
      }
      const ibu = (p: Person) => (p.ibu_kandung ?? '').trim().toLowerCase();
      if (ibu(x) !== '' && x.nama_key === y.nama_key && ibu(x) === ibu(y)) out.push({ a: x.id, b: y.id, kind: 'nama-ibu', score: 1 });
    }
  }
  return out.sort((p, q) => q.score - p.score || p.a - q.a || p.b - q.b);
}

async function activePeople(kecamatan?: string): Promise<Person[]> {
  let q = core.db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select(['anggota.id', 'anggota.nama_key', 'anggota.tanggal_lahir', 'anggota.ibu_kandung', 'keluarga.desa_kode', 'keluarga.kecamatan_kode'])
    .where('anggota.status', '=', 'aktif');
  if (kecamatan) q = q.where('keluarga.kecamatan_kode', '=', kecamatan);
  // In id order on every engine (the kecamatan test takes the first person's).
  return q.orderBy('anggota.id').execute();
}

beforeAll(async () => {
  core = await openTestCore();
  await setUpOffice(core);
  // The generated registry draws names and mothers from short lists: thousands of people share both.
  await seedRegistry(core.db, 4000, { seed: 3 });
  regions = await core.services.regions();
  // Two people written twice with a typo in the name (the same desa and birth date), one of them with a
  // mother's name typed with spaces and capitals.
  const two = await core.db.selectFrom('anggota').selectAll().orderBy('id').limit(2).execute();
  const now = new Date().toISOString();
  for (const [n, p] of two.entries()) {
    await core.db
      .insertInto('anggota')
      .values({ ...p, id: undefined as never, nik: `${p.nik.slice(0, 12)}99${n}9`, nama: `${p.nama}a`, nama_key: `${p.nama_key}a`, ibu_kandung: n === 0 ? ` ${p.ibu_kandung?.toUpperCase()} ` : p.ibu_kandung, created_at: now, updated_at: now })
      .execute();
  }
}, 120_000);
afterAll(async () => {
  await core?.close();
});

describe('duplicate scan', () => {
  it('lists exactly the pairs a pair-by-pair comparison finds, best first, and cuts a long list at the limit', async () => {
    const want = reference(await activePeople(), new Set());
    expect(want.filter((p) => p.kind === 'nama-ibu').length).toBeGreaterThan(50);
    expect(want.filter((p) => p.kind === 'lahir-nama').length).toBeGreaterThan(1);

    const whole = await scanDuplicates(core.db, regions, ALL, { limit: 5000 });
    expect(whole.pairs.map((p) => ({ a: p.a.id, b: p.b.id, kind: p.kind, score: p.score }))).toEqual(want.map((p) => ({ ...p, score: Math.round(p.score * 100) / 100 })));
    expect(whole.truncated).toBe(false);

    for (const limit of [1, 7, 40]) {
      const cut = await scanDuplicates(core.db, regions, ALL, { limit });
      expect(cut.pairs.map((p) => `${p.a.id}-${p.b.id}`)).toEqual(want.slice(0, limit).map((p) => `${p.a}-${p.b}`));
      expect(cut.truncated).toBe(true);
    }
    const exact = await scanDuplicates(core.db, regions, ALL, { limit: want.length });
    expect(exact.pairs).toHaveLength(want.length);
    expect(exact.truncated).toBe(false);
  });

  it('leaves out pairs a clerk decided, and keeps to the chosen kecamatan', async () => {
    const all = reference(await activePeople(), new Set());
    const namaIbu = all.filter((p) => p.kind === 'nama-ibu');
    const skip = [...new Set([all[0]!, namaIbu[10]!, namaIbu[50]!])];
    const at = new Date().toISOString();
    const user = await core.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    for (const p of skip) await core.db.insertInto('duplikat_keputusan').values({ anggota_a: p.b, anggota_b: p.a, keputusan: 'beda', user_id: user.id, at }).execute();
    const decided = new Set(skip.map((p) => `${p.a}-${p.b}`));

    const scan = await scanDuplicates(core.db, regions, ALL, { limit: 5000 });
    expect(scan.pairs.map((p) => `${p.a.id}-${p.b.id}`)).toEqual(reference(await activePeople(), decided).map((p) => `${p.a}-${p.b}`));

    const kec = (await activePeople())[0]!.kecamatan_kode;
    const inKec = await scanDuplicates(core.db, regions, ALL, { kecamatan: kec, limit: 5000 });
    const wantKec = reference(await activePeople(kec), decided);
    expect(wantKec.length).toBeGreaterThan(0);
    expect(inKec.pairs.map((p) => `${p.a.id}-${p.b.id}`)).toEqual(wantKec.map((p) => `${p.a}-${p.b}`));
    expect(inKec.scanned).toBe((await activePeople(kec)).length);
  });
});
