import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { AnggotaListItem } from '../../../shared/api/registry';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { kotimDesa, seedRegistry } from '../../helpers/registryFixtures';

// The kecamatan filter reads the member's own copy of the family's kecamatan (anggota.kec_kode, migration
// 0007). These tests check that copy against the families whatever wrote the rows: a plain insert (the
// seeder, as any other writer), the registry API moving a family, and members of a family added later.

let core: Core;
let admin: Awaited<ReturnType<typeof setUpOffice>>;

beforeEach(async () => {
  core = await openTestCore();
  admin = await setUpOffice(core);
});
afterEach(async () => {
  await core.close();
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = (await admin.call(name as never, input as never)) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!r.ok) throw new Error(r.error!.message);
  return r.value as T;
}

async function listed(kecamatan: string, q = ''): Promise<Set<number>> {
  const page = await call<{ rows: AnggotaListItem[]; nextCursor: string | null }>('registry.list', { kecamatan, q, limit: 500 });
  expect(page.nextCursor).toBeNull();
  return new Set(page.rows.map((r) => r.id));
}

async function truth(kecamatan: string): Promise<Set<number>> {
  const rows = await core.db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select('anggota.id')
    .where('keluarga.kecamatan_kode', '=', kecamatan)
    .execute();
  return new Set(rows.map((r) => r.id));
}

describe('registry kecamatan filter (anggota.kec_kode)', () => {
  it('lists exactly the members whose family lives in the kecamatan, also after a family moves', async () => {
    await seedRegistry(core.db, 400, { seed: 5 });
    const unset = await core.db.selectFrom('anggota').select((eb) => eb.fn.countAll<number>().as('n')).where('kec_kode', 'is', null).executeTakeFirstOrThrow();
    expect(Number(unset.n)).toBe(0);

    const fam = await core.db.selectFrom('keluarga').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const from = fam.kecamatan_kode;
    const target = kotimDesa().find((d) => d.kecamatanKode !== from)!;
    const before = await truth(from);
    expect(before.size).toBeGreaterThan(0);
    expect(await listed(from)).toEqual(before);

    const members = await core.db.selectFrom('anggota').select(['id', 'nama']).where('keluarga_id', '=', fam.id).execute();
    expect(members.length).toBeGreaterThan(0);
    await call('registry.updateKeluarga', { id: fam.id, keluarga: { noKk: fam.no_kk, alamat: fam.alamat, desaKode: target.kode } });

    const stillFrom = await listed(from);
    const nowTarget = await listed(target.kecamatanKode);
    for (const m of members) {
      expect(stillFrom.has(m.id)).toBe(false);
      expect(nowTarget.has(m.id)).toBe(true);
    }
    expect(stillFrom).toEqual(await truth(from));
    expect(nowTarget).toEqual(await truth(target.kecamatanKode));

    // A name search inside the new kecamatan finds the moved person.
    const someone = members[0]!;
    const byName = await listed(target.kecamatanKode, someone.nama.slice(0, 6));
    expect(byName.has(someone.id)).toBe(true);
  });

  it('a member added to a family through the API is found under the family kecamatan', async () => {
    await seedRegistry(core.db, 50, { seed: 9 });
    const fam = await core.db.selectFrom('keluarga').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const nikPrefix = fam.desa_kode.replace(/\./g, '').slice(0, 6);
    const added = await call<{ anggotaId: number }>('registry.addAnggota', {
      keluargaId: fam.id,
      anggota: { nik: `${nikPrefix}4103059901`, nama: 'Zulaikha Ramadhani', jenisKelamin: 'P', tanggalLahir: '1999-03-01', hubungan: 'Anak' },
    });
    expect(await listed(fam.kecamatan_kode, 'zulaikha')).toEqual(new Set([added.anggotaId]));
    const elsewhere = kotimDesa().find((d) => d.kecamatanKode !== fam.kecamatan_kode)!;
    expect((await listed(elsewhere.kecamatanKode, 'zulaikha')).size).toBe(0);
  });
});
