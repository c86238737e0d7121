import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeluargaDetail } from '../../../shared/api/registry';
import type { Core } from '../../../electron/core/app';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { makeFamilies, newKeluargaInput } from '../../helpers/registryFixtures';
import { bothEngines, openPc } from '../../helpers/engines';

// Two PCs of one office on one database (issue 18): on PostgreSQL two cores on the server; on SQLite two cores on
// one file. CI installs PostgreSQL (.ci/run).
const { engines, database } = bothEngines();

describe.each(engines)('a family edited on two PCs at once (%s)', (engine) => {
  let pcA: Core;
  let pcB: Core;
  const k = makeFamilies(1, 11)[0]!;

  beforeAll(async () => {
    const target = await database(engine, 'row_version');
    pcA = await openPc(target);
    const setup = await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    expect(setup).toBeTruthy();
    pcB = await openPc(target);
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  it('refuses the second save of the same loaded copy, naming who changed it and when, and keeps the first', async () => {
    const clerkA = pcA.createClient();
    await ok(clerkA, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    await ok(clerkA, 'users.create', { nama: 'Rudi Hartono', username: 'rudi', role: 'petugas', wilayah: [], password: 'rudi-rahasia-2024' });
    const clerkB = pcB.createClient();
    await ok(clerkB, 'auth.login', { username: 'rudi', password: 'rudi-rahasia-2024' });

    const created = await ok<{ keluargaId: number }>(clerkA, 'registry.createKeluarga', newKeluargaInput(k));
    const id = created.keluargaId;
    // Both PCs open the family form.
    const seenByA = await ok<KeluargaDetail>(clerkA, 'registry.keluarga', { id });
    const seenByB = await ok<KeluargaDetail>(clerkB, 'registry.keluarga', { id });
    expect(seenByB.updatedAt).toBe(seenByA.updatedAt);
    const form = (d: KeluargaDetail, alamat: string) => ({ noKk: d.noKk, alamat, rt: d.rt, rw: d.rw, desaKode: d.desaKode, desil: d.desil, miskinEkstrem: d.miskinEkstrem });

    await new Promise((r) => setTimeout(r, 5)); // a later updated_at than the creation's
    const savedByA = await ok<KeluargaDetail>(clerkA, 'registry.updateKeluarga', { id, keluarga: form(seenByA, 'Jl. Tidar 12A'), versi: seenByA.updatedAt });
    expect(savedByA.alamat).toBe('Jl. Tidar 12A');

    const refused = await fail(clerkB, 'registry.updateKeluarga', { id, keluarga: form(seenByB, 'Jl. Tidar 99'), versi: seenByB.updatedAt });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/^Data ini sudah diubah oleh Siti Rahmawati pada \d{2}\/\d{2}\/\d{4} pukul \d{2}:\d{2} WIB; muat ulang\.$/);

    // Nothing of B's save was written; after reloading, B's save goes through.
    const now = await ok<KeluargaDetail>(clerkB, 'registry.keluarga', { id });
    expect(now.alamat).toBe('Jl. Tidar 12A');
    const savedByB = await ok<KeluargaDetail>(clerkB, 'registry.updateKeluarga', { id, keluarga: form(now, 'Jl. Tidar 99'), versi: now.updatedAt });
    expect(savedByB.alamat).toBe('Jl. Tidar 99');
    expect((await ok<KeluargaDetail>(clerkA, 'registry.keluarga', { id })).alamat).toBe('Jl. Tidar 99');
  });
});
