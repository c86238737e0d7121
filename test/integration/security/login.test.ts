import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../electron/core/auth/handlers';
import type * as Password from '../../../electron/core/auth/password';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';

// Every scrypt check of a login, counted: the lockout must stop guesses before the slow check, not after.
const scryptChecks = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../electron/core/auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof Password>();
  return {
    ...actual,
    verifyPassword: async (password: string, stored: string) => {
      scryptChecks.n += 1;
      return actual.verifyPassword(password, stored);
    },
  };
});

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

type Answer = { code: string; message: string };
async function login(c: Core, username: string, password: string): Promise<Answer | 'ok'> {
  const r = await c.createClient().call('auth.login', { username, password });
  return r.ok ? 'ok' : { code: r.error.code, message: r.error.message };
}

async function withOperator(c: Core, username = 'budi') {
  const admin = await setUpOffice(c);
  await ok(admin, 'users.create', { nama: 'Budi Operator', username, role: 'operator', wilayah: ['62.02.01'], password: 'operator-budi-01' });
  return admin;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('login lockout and answers', () => {
  it(`60 parallel wrong passwords: at most ${MAX_FAILED_LOGINS} are checked, the rest are refused as locked, and the lock keeps its count`, async () => {
    core = await openTestCore();
    await withOperator(core);
    scryptChecks.n = 0;
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(core!, 'budi', `tebakan-salah-${i}`)));
    expect(scryptChecks.n).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    const codes = answers.map((a) => (a === 'ok' ? 'ok' : a.code));
    expect(codes.filter((c) => c === 'LOGIN_FAILED')).toHaveLength(scryptChecks.n);
    expect(codes.filter((c) => c !== 'LOGIN_FAILED').every((c) => c === 'ACCOUNT_LOCKED')).toBe(true);
    const row = await core.db.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('username', '=', 'budi').executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(MAX_FAILED_LOGINS);
    expect(row.locked_until).not.toBeNull();
    // Locked means locked: even the right password is not checked.
    scryptChecks.n = 0;
    expect(await login(core, 'budi', 'operator-budi-01')).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(scryptChecks.n).toBe(0);
    const failures = await core.db.selectFrom('audit_log').select('note').where('action', '=', 'login-failed').execute();
    expect(failures).toHaveLength(MAX_FAILED_LOGINS);
    expect(failures.filter((f) => f.note === 'dikunci')).toHaveLength(1);

    // A name no account has answers a parallel burst the same way: the burst does not tell which names exist.
    scryptChecks.n = 0;
    const unknown = await Promise.all(Array.from({ length: 60 }, (_, i) => login(core!, 'tidak-ada', `tebakan-salah-${i}`)));
    const unknownCodes = unknown.map((a) => (a === 'ok' ? 'ok' : a.code)).sort();
    expect(unknownCodes).toEqual([...codes].sort());
    expect(scryptChecks.n).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
  });

  it('a lock keeps the count it locked on; once it expires the count starts again and the right password opens', async () => {
    let now = new Date('2024-05-03T08:00:00Z').getTime();
    core = await openTestCore({ now: () => new Date(now) });
    await withOperator(core);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect(await login(core, 'budi', 'salah-salah-salah')).toMatchObject({ code: 'LOGIN_FAILED' });
    const locked = await core.db.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('username', '=', 'budi').executeTakeFirstOrThrow();
    expect(locked).toEqual({ failed_attempts: MAX_FAILED_LOGINS, locked_until: new Date(now + LOCK_MINUTES * 60_000).toISOString() });
    now += (LOCK_MINUTES - 1) * 60_000;
    expect(await login(core, 'budi', 'operator-budi-01')).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    now += 2 * 60_000;
    expect(await login(core, 'budi', 'salah-lagi-salah')).toMatchObject({ code: 'LOGIN_FAILED' });
    expect((await core.db.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('username', '=', 'budi').executeTakeFirstOrThrow())).toEqual({ failed_attempts: 1, locked_until: null });
    expect(await login(core, 'budi', 'operator-budi-01')).toBe('ok');
    expect((await core.db.selectFrom('app_user').select('failed_attempts').where('username', '=', 'budi').executeTakeFirstOrThrow()).failed_attempts).toBe(0);
  });

  it('unknown, deactivated and known usernames get the same answer after the same work, and unknown ones lock too', async () => {
    core = await openTestCore();
    const admin = await withOperator(core);
    const gone = await ok<{ id: number }>(admin, 'users.create', { nama: 'Dina Lama', username: 'dina', role: 'operator', wilayah: ['62.02.01'], password: 'operator-dina-01' });
    await ok(admin, 'users.update', { id: gone.id, nama: 'Dina Lama', role: 'operator', wilayah: ['62.02.01'], active: false });

    const timed = async (username: string) => {
      const before = scryptChecks.n;
      const t0 = performance.now();
      const answer = await login(core!, username, 'salah-salah-salah');
      return { answer, ms: performance.now() - t0, checks: scryptChecks.n - before };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      const k = await timed('budi');
      const u = await timed(`tidak-ada-${i}`);
      const d = await timed('dina');
      expect(u.answer).toEqual(k.answer);
      expect(d.answer).toEqual(k.answer);
      expect(k.answer).toEqual({ code: 'LOGIN_FAILED', message: 'Nama pengguna atau kata sandi salah.' });
      // The same slow check for all three: no shortcut for a name that does not exist.
      expect([k.checks, u.checks, d.checks]).toEqual([1, 1, 1]);
      known.push(k.ms);
      unknown.push(u.ms, d.ms);
    }
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms`).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);

    // After the limit an unknown name answers as locked, as a real one does: locking tells nothing either.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(core, 'siapa-saja', 'salah-salah-salah');
    await login(core, 'budi', 'salah-salah-salah');
    const lockedKnown = await login(core, 'budi', 'salah-salah-salah');
    const lockedUnknown = await login(core, 'siapa-saja', 'salah-salah-salah');
    expect(lockedKnown).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(lockedUnknown).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });
});
