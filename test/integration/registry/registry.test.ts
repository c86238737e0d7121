import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { hashPassword } from '../../../electron/core/auth/password';
import type { AnggotaListItem, KeluargaDetail } from '../../../shared/api/registry';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { makeKeluarga, makeNik, seedRegistry } from '../../helpers/registryFixtures';
import { countMatches } from '../../../electron/core/registry/list';

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;
let clock = new Date('2024-06-01T03:00:00Z');

beforeEach(async () => {
  clock = new Date('2024-06-01T03:00:00Z');
  core = await openTestCore({ now: () => clock });
  admin = await setUpOffice(core);
});
afterEach(async () => {
  await core.close();
});

async function call<T>(client: { call(n: unknown, i: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; details?: unknown } }> }, name: string, input: unknown): Promise<T> {
  const r = await client.call(name, input);
  if (!r.ok) throw Object.assign(new Error(r.error!.message), { code: r.error!.code, details: r.error!.details });
  return r.value as T;
}

async function operator(wilayah: string[]) {
  const now = new Date().toISOString();
  await core.db
    .insertInto('app_user')
    .values({ username: 'op.baamang', nama: 'Operator Baamang', role: 'operator', password_hash: await hashPassword('operator-baamang-1'), wilayah_json: JSON.stringify(wilayah), created_at: now, updated_at: now })
    .execute();
  const client = core.createClient();
  await call(client, 'auth.login', { username: 'op.baamang', password: 'operator-baamang-1' });
  return client;
}

const kepala = (nik: string, nama = 'Budi Santoso') => ({ nik, nama, jenisKelamin: 'L', tanggalLahir: '1980-03-12', hubungan: 'Kepala Keluarga', ibuKandung: 'Siti', programs: ['PKH'] });

describe('registry through the API', () => {
  it('pages the list by a keyset cursor, searches by NIK prefix and by name, and filters', async () => {
    await seedRegistry(core.db, 600);
    const all: AnggotaListItem[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await call<{ rows: AnggotaListItem[]; nextCursor: string | null }>(admin, 'registry.list', { limit: 250, ...(after ? { after } : {}) });
      all.push(...page.rows);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    const total = await core.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(all).toHaveLength(Number(total.n));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const names = all.map((r) => r.nama.toLowerCase());
    expect([...names].sort()).toEqual(names.map((n) => n)); // in name order across pages

    const someone = all[123]!;
    const byNik = await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: someone.nik.slice(0, 12), limit: 50 });
    expect(byNik.rows.every((r) => r.nik.startsWith(someone.nik.slice(0, 12)))).toBe(true);
    expect(byNik.rows.map((r) => r.id)).toContain(someone.id);
    const byName = await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: someone.nama.toUpperCase(), limit: 50 });
    expect(byName.rows.map((r) => r.id)).toContain(someone.id);

    const desa = await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { desa: someone.desaKode, limit: 500 });
    expect(desa.rows.length).toBeGreaterThan(0);
    expect(desa.rows.every((r) => r.desaKode === someone.desaKode)).toBe(true);
    const count = await call<{ anggota: number; keluarga: number }>(admin, 'registry.count', { desa: someone.desaKode });
    expect(count.anggota).toBe(desa.rows.length);
    const desil = await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { desil: [1, 2], limit: 500 });
    expect(desil.rows.every((r) => r.desil === 1 || r.desil === 2)).toBe(true);
  });

  it('digits find a family by its No KK, full or prefix, as by NIK: NIK matches first, then the families, across pages', async () => {
    await seedRegistry(core.db, 900, { seed: 5 });
    const people = (await core.db.selectFrom('anggota as a').innerJoin('keluarga as k', 'k.id', 'a.keluarga_id').select(['a.id', 'a.nik', 'k.no_kk']).execute()).map((p) => ({ ...p, no_kk: p.no_kk ?? '' }));
    const sizes = new Map<string, number>();
    for (const p of people) sizes.set(p.no_kk, (sizes.get(p.no_kk) ?? 0) + 1);
    const family = [...sizes].find(([, n]) => n >= 3)![0];
    const members = people.filter((p) => p.no_kk === family).map((p) => p.id).sort((a, b) => a - b);

    const full = await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: family, limit: 50 });
    expect(full.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(members);
    expect(full.rows.every((r) => r.noKk === family)).toBe(true);
    // As clerks type it off a card: with spaces.
    const spaced = family.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect((await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: spaced, limit: 50 })).rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(members);
    expect(await call(admin, 'registry.count', { q: family })).toEqual({ anggota: members.length, keluarga: 1 });

    for (const prefix of [family.slice(0, 12), family.slice(0, 8)]) {
      const byNik = people.filter((p) => p.nik.startsWith(prefix));
      const byKk = people.filter((p) => !p.nik.startsWith(prefix) && p.no_kk.startsWith(prefix));
      expect(byKk.length).toBeGreaterThan(0);
      const seen: AnggotaListItem[] = [];
      let after: string | null = null;
      do {
        const page: { rows: AnggotaListItem[]; nextCursor: string | null } = await call(admin, 'registry.list', { q: prefix, limit: 7, ...(after ? { after } : {}) });
        seen.push(...page.rows);
        after = page.nextCursor;
      } while (after);
      expect(seen.map((r) => r.id)).toEqual([...byNik.sort((a, b) => a.nik.localeCompare(b.nik)), ...byKk.sort((a, b) => a.no_kk.localeCompare(b.no_kk) || a.id - b.id)].map((p) => p.id));
      const count = await call<{ anggota: number; keluarga: number }>(admin, 'registry.count', { q: prefix });
      expect(count.anggota).toBe(byNik.length + byKk.length);
    }
  });

  it('a name search finds names beginning with the text first, then names with a later word beginning with it, across pages', async () => {
    await seedRegistry(core.db, 300);
    const seeded = await core.db.selectFrom('anggota').select(['id', 'nama_key']).execute();
    // Every seeded name that has the word, computed here from the names themselves.
    const expected = (text: string) => {
      const starts = seeded.filter((a) => a.nama_key.startsWith(text)).sort((a, b) => (a.nama_key < b.nama_key ? -1 : a.nama_key > b.nama_key ? 1 : a.id - b.id));
      const later = seeded.filter((a) => !a.nama_key.startsWith(text) && a.nama_key.split(' ').slice(1).some((w) => w.startsWith(text.split(' ')[0]!)) && ` ${a.nama_key}`.includes(` ${text}`));
      return { starts: starts.map((a) => a.id), later: new Set(later.map((a) => a.id)) };
    };
    const everything = async (q: string, limit: number) => {
      const ids: number[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const page = await call<{ rows: AnggotaListItem[]; nextCursor: string | null }>(admin, 'registry.list', { q, limit, ...(after ? { after } : {}) });
        ids.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      return ids;
    };
    const surname = seeded[0]!.nama_key.split(' ').at(-1)!;
    expect(expected(surname).later.size).toBeGreaterThan(2);
    for (const text of [surname.slice(0, 3), surname, seeded[5]!.nama_key]) {
      const want = expected(text);
      expect(want.starts.length + want.later.size).toBeGreaterThan(0);
      for (const limit of [1, 7, 500]) {
        const ids = await everything(text.toUpperCase(), limit);
        expect(ids.slice(0, want.starts.length)).toEqual(want.starts);
        expect(new Set(ids.slice(want.starts.length))).toEqual(want.later);
        expect(ids).toHaveLength(want.starts.length + want.later.size);
      }
      const count = await call<{ anggota: number }>(admin, 'registry.count', { q: text });
      expect(count.anggota).toBe(want.starts.length + want.later.size);
    }

    // The words follow a renamed person (trigger of migration 0007), and leave with them.
    const [someone] = seeded;
    await core.db.updateTable('anggota').set({ nama: 'Zubaidah Qonita', nama_key: 'zubaidah qonita' }).where('id', '=', someone!.id).execute();
    expect((await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: 'qoni', limit: 10 })).rows.map((r) => r.id)).toEqual([someone!.id]);
    expect((await call<{ rows: AnggotaListItem[] }>(admin, 'registry.list', { q: 'qoni', limit: 10, status: 'pindah' })).rows).toEqual([]);
  });

  it('a search with more than 1,000 matches is counted as "lebih dari 1.000"; up to 1,000, and without a search, exactly', async () => {
    await seedRegistry(core.db, 1300, { seed: 9 });
    const people = await core.db.selectFrom('anggota as a').innerJoin('keluarga as k', 'k.id', 'a.keluarga_id').select(['a.nik', 'a.nama_key', 'k.no_kk', 'k.id as keluarga']).execute();
    const matching = (digits: string) => people.filter((p) => p.nik.startsWith(digits) || (p.no_kk ?? '').startsWith(digits));
    // The longest NIK prefix that more than 1,000 people share, and one digit more, which fewer do.
    let wide = '';
    for (let n = 1; n <= 16 && matching(people[0]!.nik.slice(0, n)).length > 1000; n++) wide = people[0]!.nik.slice(0, n);
    expect(wide).not.toBe('');
    expect(await call(admin, 'registry.count', { q: wide })).toEqual({ lebihDari: 1000 });
    const narrow = people.map((p) => p.nik.slice(0, wide.length + 1)).find((d) => matching(d).length > 0 && matching(d).length <= 1000)!;
    const some = matching(narrow);
    expect(await call(admin, 'registry.count', { q: narrow })).toEqual({ anggota: some.length, keluarga: new Set(some.map((p) => p.keluarga)).size });
    // Names, through both parts the list walks (names beginning with it, then a later word), against a cap of 100.
    const named = (text: string) => people.filter((p) => p.nama_key.split(' ').some((w) => w.startsWith(text)));
    let over = 0;
    for (const text of [...'abdeghikmnrsuw', people[0]!.nama_key.split(' ').at(-1)!.slice(0, 2)]) {
      const some = named(text);
      if (some.length > 100) over++;
      expect(await countMatches(core.db, { q: text }, { all: true, kecamatan: [], desa: [] }, 100), text).toEqual(
        some.length > 100 ? { lebihDari: 100 } : { anggota: some.length, keluarga: new Set(some.map((p) => p.keluarga)).size },
      );
    }
    expect(over).toBeGreaterThan(2);
    expect(over).toBeLessThan(15);
    // The count without a search is the size of what the clerk filtered for, not capped.
    expect(await call(admin, 'registry.count', {})).toEqual({ anggota: people.length, keluarga: new Set(people.map((p) => p.keluarga)).size });
    expect(people.length).toBeGreaterThan(1000);
  });

  it('an operator sees and changes only the families of their own kecamatan', async () => {
    await seedRegistry(core.db, 400);
    const op = await operator(['62.02.05']);
    const rows = (await call<{ rows: AnggotaListItem[] }>(op, 'registry.list', { limit: 500 })).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.desaKode.startsWith('62.02.05.'))).toBe(true);
    const outside = await core.db.selectFrom('keluarga').select('id').where('kecamatan_kode', '!=', '62.02.05').executeTakeFirstOrThrow();
    // Outside the area a family is answered exactly like one that does not exist.
    const missing = await call(op, 'registry.keluarga', { id: 999_999 }).catch((e: unknown) => e);
    await expect(call(op, 'registry.keluarga', { id: outside.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: (missing as Error).message });
    await expect(
      call(op, 'registry.createKeluarga', { keluarga: { noKk: '6202011203100099', alamat: 'Jl. X', desaKode: '62.02.01.2003' }, kepala: kepala(makeNik('62.02.01', '1980-03-12', 'L', 99)) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('adds a family with the import rules, edits, lets a member leave with a reason, and keeps the history', async () => {
    const nik = makeNik('62.02.05', '1980-03-12', 'L', 11);
    await expect(call(admin, 'registry.createKeluarga', { keluarga: { noKk: '6202051203100011', alamat: 'Jl. Pelita', desaKode: '62.02.05.1003' }, kepala: kepala('6202051203800') }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const created = await call<{ keluargaId: number; anggotaId: number }>(admin, 'registry.createKeluarga', {
      keluarga: { noKk: '6202 0512 0310 0011', alamat: 'Jl. Pelita', rt: '003', desaKode: '6202051003' },
      kepala: kepala(nik),
    });
    await expect(call(admin, 'registry.addAnggota', { keluargaId: created.keluargaId, anggota: { ...kepala(nik, 'Orang Lain'), hubungan: 'Anak' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    const istri = makeNik('62.02.05', '1984-01-31', 'P', 12);
    clock = new Date('2024-06-01T03:01:00Z');
    const added = await call<{ anggotaId: number }>(admin, 'registry.addAnggota', { keluargaId: created.keluargaId, anggota: { nik: istri, nama: 'Rina', jenisKelamin: 'P', hubungan: 'Istri/Suami' } });
    clock = new Date('2024-06-01T03:02:00Z');
    await call(admin, 'registry.updateAnggota', { id: added.anggotaId, anggota: { nik: istri, nama: 'Rina Wati', jenisKelamin: 'P', hubungan: 'Istri/Suami', programs: ['BPNT'] } });
    clock = new Date('2024-06-01T03:03:00Z');
    await call(admin, 'registry.setStatus', { id: created.anggotaId, status: 'meninggal', tanggal: '2024-06-01', alasan: 'Meninggal dunia, akta kematian 123' });

    const seen = await call<KeluargaDetail>(admin, 'registry.keluarga', { id: created.keluargaId });
    clock = new Date('2024-06-01T03:04:00Z');
    await call(admin, 'registry.updateKeluarga', {
      id: created.keluargaId,
      keluarga: { noKk: seen.noKk, alamat: 'Jl. Pelita 2', rt: seen.rt ?? '', rw: seen.rw ?? '', desaKode: seen.desaKode, desil: seen.desil, miskinEkstrem: seen.miskinEkstrem },
      versi: seen.updatedAt,
    });

    const k = await call<KeluargaDetail>(admin, 'registry.keluarga', { id: created.keluargaId });
    // The edit's history names what changed and nothing else (not fields empty before and after).
    expect(k.history[0]!.summary).toBe('Alamat: Jl. Pelita → Jl. Pelita 2');
    expect(k).toMatchObject({ noKk: '6202051203100011', rt: '3', desaNama: 'Baamang Hulu', kecamatanNama: 'Baamang' });
    const budi = k.anggota.find((a) => a.nik === nik)!;
    expect(budi).toMatchObject({ status: 'meninggal', statusTanggal: '2024-06-01', statusAlasan: 'Meninggal dunia, akta kematian 123', programs: ['PKH'] });
    expect(k.anggota.find((a) => a.nik === istri)).toMatchObject({ nama: 'Rina Wati', programs: ['BPNT'] });
    const summaries = k.history.map((h) => h.summary).join('\n');
    expect(summaries).toContain('Nama: Rina → Rina Wati');
    expect(summaries).toContain('Aktif → Meninggal');
    expect(k.history[1]!.action).toBe('status'); // newest first, after the family's edit
    const rows = await core.db.selectFrom('anggota').select('id').where('keluarga_id', '=', created.keluargaId).execute();
    expect(rows).toHaveLength(2); // nobody is deleted
  });

  it('finds approximate duplicates by blocks, merges "same person" and never shows "different people" again', async () => {
    const fam = makeKeluarga(5);
    await seedRegistry(core.db, 50);
    const k = await core.db.selectFrom('keluarga').select(['id', 'desa_kode']).orderBy('id').executeTakeFirstOrThrow();
    const someone = await core.db.selectFrom('anggota').selectAll().where('keluarga_id', '=', k.id).orderBy('id').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    // The same person again with a mistyped NIK and name, in the same desa.
    await core.db.insertInto('anggota').values({ ...someone, id: undefined as never, nik: `${someone.nik.slice(0, 12)}9999`, nama: `${someone.nama}h`, nama_key: `${someone.nama_key}h`, created_at: now, updated_at: now }).execute();
    // Same name and mother elsewhere.
    const other = await core.db.selectFrom('keluarga').select('id').where('id', '!=', k.id).where('desa_kode', '!=', k.desa_kode).orderBy('id').executeTakeFirstOrThrow();
    await core.db.insertInto('anggota').values({ ...someone, id: undefined as never, keluarga_id: other.id, nik: `${someone.nik.slice(0, 12)}8888`, tanggal_lahir: '1950-01-01', created_at: now, updated_at: now }).execute();
    expect(fam.anggota.length).toBeGreaterThan(0);

    const job = await call<{ id: string }>(admin, 'registry.scanDuplicates', { limit: 100 });
    const done = await core.services.jobs.wait(job.id);
    const scan = done.result as { pairs: { kind: string; a: { id: number; nik: string }; b: { id: number; nik: string } }[] };
    const withSomeone = scan.pairs.filter((p) => p.a.id === someone.id);
    expect(withSomeone.map((p) => p.kind).sort()).toEqual(['lahir-nama', 'nama-ibu']);

    const merged = withSomeone.find((p) => p.kind === 'lahir-nama')!;
    const different = withSomeone.find((p) => p.kind === 'nama-ibu')!;
    await call(admin, 'registry.decideDuplicate', { a: merged.a.id, b: merged.b.id, keputusan: 'sama' });
    await call(admin, 'registry.decideDuplicate', { a: different.a.id, b: different.b.id, keputusan: 'beda' });
    const gone = await core.db.selectFrom('anggota').selectAll().where('id', '=', merged.b.id).executeTakeFirstOrThrow();
    expect(gone.status).toBe('keluar');
    expect(gone.status_alasan).toContain(someone.nik);

    const again = await core.services.jobs.wait((await call<{ id: string }>(admin, 'registry.scanDuplicates', { limit: 100 })).id);
    const pairs = (again.result as { pairs: { a: { id: number } }[] }).pairs;
    expect(pairs.filter((p) => p.a.id === someone.id)).toHaveLength(0);
  });
});
