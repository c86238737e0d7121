import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWhile, permissions, roleMay, roles, type OfficeState, type Permission, type Role } from '../../../shared/api/access';
import { callNames, lookupCall } from '../../../shared/api/contract';
import type { Core } from '../../../electron/core/app';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { unreadableServerPc } from '../../helpers/connection';

/**
 * Who may do what, written out from the words (not derived from access.ts): if the table in
 * shared/api/access.ts drifts from this, the test says which permission and role.
 */
const expected: Record<Permission, Role[]> = {
  public: ['admin', 'petugas', 'operator', 'pimpinan'],
  // Once the office is set up; before that, anyone signed out too (below).
  setup: ['admin'],
  connect: ['admin'],
  session: ['admin', 'petugas', 'operator', 'pimpinan'],
  'registry.read': ['admin', 'petugas', 'operator', 'pimpinan'],
  'registry.write': ['admin', 'petugas', 'operator'],
  'imports.run': ['admin', 'petugas', 'operator'],
  'exports.run': ['admin', 'petugas', 'pimpinan'],
  'templates.manage': ['admin'],
  'aid.read': ['admin', 'petugas', 'pimpinan'],
  'aid.write': ['admin', 'petugas'],
  'aid.approve': ['admin', 'pimpinan'],
  'documents.print': ['admin', 'petugas', 'pimpinan'],
  'meetings.read': ['admin', 'petugas', 'pimpinan'],
  'meetings.write': ['admin', 'petugas'],
  'interventions.read': ['admin', 'petugas', 'pimpinan'],
  'interventions.write': ['admin', 'petugas'],
  'dashboard.read': ['admin', 'petugas', 'operator', 'pimpinan'],
  'office.manage': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin', 'pimpinan'],
  'backup.manage': ['admin'],
};

// A payload no typed schema accepts: an allowed call is refused by validation, so no handler runs and the
// matrix changes nothing; a denied one must be refused by the role check before validation.
const PROBE = Symbol('probe');

let core: Core;
const clients = new Map<Role, Awaited<ReturnType<typeof setUpOffice>>>();

beforeAll(async () => {
  core = await openTestCore();
  const admin = await setUpOffice(core);
  clients.set('admin', admin);
  for (const role of ['petugas', 'operator', 'pimpinan'] as const) {
    const created = await admin.call('users.create', {
      nama: `Pengguna ${role}`,
      username: role,
      role,
      wilayah: role === 'operator' ? ['62.02.01'] : [],
      password: `sandi-${role}-12345`,
    });
    if (!created.ok) throw new Error(created.error.message);
    const client = core.createClient();
    const login = await client.call('auth.login', { username: role, password: `sandi-${role}-12345` });
    if (!login.ok) throw new Error(login.error.message);
    clients.set(role, client);
  }
});
afterAll(() => core.close());

describe('permissions', () => {
  it('the written table in access.ts matches the roles the issue describes', () => {
    const drift: string[] = [];
    for (const p of permissions) for (const role of roles) if (roleMay(role, p) !== expected[p].includes(role)) drift.push(`${role} ${roleMay(role, p) ? 'may' : 'may not'} ${p}`);
    expect(drift).toEqual([]);
  });

  it('every contract call, as every role and signed out, is allowed or refused on the main side exactly as the table says', async () => {
    expect(callNames.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    const anonymous = core.createClient();
    for (const name of callNames) {
      const access = lookupCall(name)!.access;
      for (const role of roles) {
        const result = await clients.get(role)!.call(name, PROBE);
        const refused = !result.ok && result.error.code === 'FORBIDDEN';
        if (!result.ok && result.error.code === 'UNAUTHENTICATED') wrong.push(`${name} as ${role}: signed out unexpectedly`);
        else if (refused === expected[access].includes(role)) wrong.push(`${name} (${access}) as ${role}: ${refused ? 'refused' : 'allowed'}`);
      }
      const anon = await anonymous.call(name, PROBE);
      const anonRefused = !anon.ok && anon.error.code === 'UNAUTHENTICATED';
      if (anonRefused === (access === 'public')) wrong.push(`${name} (${access}) signed out: ${anonRefused ? 'refused' : 'allowed'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the wizard\'s and the connection\'s calls are made signed out only in the states access.ts opens them in, else need an admin', async () => {
    const of = (access: Permission) => callNames.filter((n) => lookupCall(n)!.access === access).sort();
    expect(of('setup')).toEqual(['admin.completeSetup', 'backup.chooseSetupFolder']);
    expect(of('connect')).toEqual(['connection.save', 'connection.status', 'connection.test']);
    const fresh = await openTestCore();
    const recovering = await openTestCore();
    const unreadable = (await unreadableServerPc()).core;
    try {
      await setUpOffice(recovering);
      await recovering.db.deleteFrom('app_user').execute();
      const states: [OfficeState, Core][] = [['new', fresh], ['setUp', core], ['setUp', recovering], ['connectionUnreadable', unreadable]];
      const wrong: string[] = [];
      for (const [state, at] of states) {
        expect(await at.services.officeState()).toBe(state);
        const anonymous = at.createClient();
        for (const name of callNames) {
          const access = lookupCall(name)!.access;
          const open = access === 'public' || !!openWhile[access]?.includes(state);
          const result = await anonymous.call(name, PROBE);
          const refused = !result.ok && result.error.code === 'UNAUTHENTICATED';
          if (refused === open) wrong.push(`${name} (${access}) signed out, office ${state}: ${refused ? 'refused' : 'allowed'}`);
        }
      }
      expect(wrong).toEqual([]);
    } finally {
      await fresh.close();
      await recovering.close();
      await unreadable.close();
    }
  });

  it('an operator is refused exports, user admin, audit and restore even when calling the API directly', async () => {
    const operator = clients.get('operator')!;
    for (const name of ['users.list', 'audit.list', 'backup.overview'] as const) {
      const r = await operator.call(name, name === 'audit.list' ? { filter: {} } : undefined);
      expect(r.ok ? 'ok' : r.error.code, name).toBe('FORBIDDEN');
    }
    const exportCalls = callNames.filter((n) => lookupCall(n)!.access === 'exports.run');
    for (const name of exportCalls) {
      const r = await operator.call(name, {});
      expect(r.ok ? 'ok' : r.error.code, name).toBe('FORBIDDEN');
    }
  });
});
