import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../shared/api/users';
import type { Core } from '../../../electron/core/app';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { bothEngines, openPc } from '../../helpers/engines';

// An account changed on one PC of the office ends that account's sign-in on every PC (issue 18): the PC that
// changes it signs its own windows out, and every PC asks the server on each call. Only the server has several
// PCs: a one-PC office's file has one core, which signs out what it changes itself (api/sessionHolds.ts).
const { engines: all, database } = bothEngines();
const engines = all.filter((e) => e === 'postgres');

describe.runIf(engines.length > 0).each(engines)('an account changed on another PC (%s)', (engine) => {
  let pcA: Core;
  let pcB: Core;
  let admin: ReturnType<Core['createClient']>;

  beforeAll(async () => {
    const target = await database(engine, 'sessions_across_pcs');
    pcA = await openPc(target);
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    pcB = await openPc(target);
    admin = pcA.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
  }, 120_000);
  afterAll(async () => {
    await pcA?.close();
    await pcB?.close();
  });

  const signInOnB = async (username: string, password: string) => {
    const clerk = pcB.createClient();
    await ok(clerk, 'auth.login', { username, password });
    await ok(clerk, 'registry.count', {});
    return clerk;
  };

  it('deactivated by the admin on PC A: the clerk on PC B is signed out at the next call and cannot sign in', async () => {
    const rudi = await ok<UserSummary>(admin, 'users.create', { nama: 'Rudi Hartono', username: 'rudi', role: 'petugas', wilayah: [], password: 'rudi-rahasia-2024' });
    const clerk = await signInOnB('rudi', 'rudi-rahasia-2024');
    await ok(admin, 'users.update', { id: rudi.id, nama: 'Rudi Hartono', role: 'petugas', wilayah: [], active: false });

    const refused = await fail(clerk, 'registry.count', {});
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.message).toContain('Silakan masuk kembali');
    expect(await ok(clerk, 'auth.current', undefined)).toBeNull();
    expect((await fail(pcB.createClient(), 'auth.login', { username: 'rudi', password: 'rudi-rahasia-2024' })).code).not.toBe('OK');
  });

  it("narrowed from petugas to an operator of one kecamatan on PC A: PC B's window keeps none of the old rights", async () => {
    const dewi = await ok<UserSummary>(admin, 'users.create', { nama: 'Dewi Lestari', username: 'dewi', role: 'petugas', wilayah: [], password: 'dewi-rahasia-2024' });
    const clerk = await signInOnB('dewi', 'dewi-rahasia-2024');
    await ok(admin, 'users.update', { id: dewi.id, nama: 'Dewi Lestari', role: 'operator', wilayah: ['62.02.01'], active: true });

    expect((await fail(clerk, 'programs.list', {})).code).toBe('UNAUTHENTICATED');
    // Signed in again, the operator has the new role and area only.
    const again = await signInOnB('dewi', 'dewi-rahasia-2024');
    const current = await ok<{ role: string; wilayah: string[] }>(again, 'auth.current', undefined);
    expect(current).toMatchObject({ role: 'operator', wilayah: ['62.02.01'] });
    expect((await fail(again, 'programs.list', {})).code).toBe('FORBIDDEN');
  });

  it("a password reset on PC A ends the sign-in made with the old password on PC B; the user's own change keeps their window", async () => {
    const ani = await ok<UserSummary>(admin, 'users.create', { nama: 'Ani Wulandari', username: 'ani', role: 'petugas', wilayah: [], password: 'ani-rahasia-2024' });
    const clerk = await signInOnB('ani', 'ani-rahasia-2024');
    const ownWindow = await signInOnB('ani', 'ani-rahasia-2024');
    await ok(admin, 'users.resetPassword', { id: ani.id, password: 'ani-baru-2025!' });

    expect((await fail(clerk, 'registry.count', {})).code).toBe('UNAUTHENTICATED');
    // The window's own look at its sign-in (a public call) says the same, instead of showing the old menus.
    expect(await ok(ownWindow, 'auth.current', undefined)).toBeNull();

    const again = await signInOnB('ani', 'ani-baru-2025!');
    await ok(again, 'users.changeOwnPassword', { currentPassword: 'ani-baru-2025!', newPassword: 'ani-ketiga-2026!', confirmPassword: 'ani-ketiga-2026!' });
    expect(await ok(again, 'registry.count', {})).toMatchObject({ anggota: 0 });
  });

  it('an unchanged account keeps working on both PCs while other accounts change', async () => {
    const clerk = await signInOnB('admin', kotimSetup().admin.password);
    await ok(admin, 'users.create', { nama: 'Budi Santoso', username: 'budi', role: 'pimpinan', wilayah: [], password: 'budi-rahasia-2024' });
    expect(await ok(clerk, 'registry.count', {})).toMatchObject({ anggota: 0 });
    expect(await ok(admin, 'registry.count', {})).toMatchObject({ anggota: 0 });
  });
});
