import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import { rememberCredential, sessionHolds } from '../api/sessionHolds';
import { recordAudit } from '../audit/record';
import type { Db } from '../db/database';
import { findUserByUsername } from '../users';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { clearFailedAttempts, LOCK_MINUTES, lockedUntilOf, MAX_FAILED_LOGINS, reserveAttempt } from './queries';
import { sessionFromUser } from './session';

export { LOCK_MINUTES, MAX_FAILED_LOGINS };

const refused = () => new AppError('LOGIN_FAILED', 'Nama pengguna atau kata sandi salah.');

function lockedError(lockedUntil: string | null) {
  const until = lockedUntil ? ` setelah ${new Date(lockedUntil).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' })}` : ' beberapa menit lagi';
  return new AppError('ACCOUNT_LOCKED', `Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi${until} atau minta admin mengatur ulang kata sandi.`);
}

/**
 * Unknown usernames are locked like real ones (in memory, per running app), so "locked after 5 tries" — even
 * for guesses sent in parallel — does not tell which usernames exist. Bounded: the oldest entries go first.
 */
const unknownFailuresByDb = new WeakMap<Db, Map<string, { count: number; lockedUntil: number | null }>>();
const UNKNOWN_KEEP = 1000;

function unknownFailuresOf(db: Db) {
  let map = unknownFailuresByDb.get(db);
  if (!map) unknownFailuresByDb.set(db, (map = new Map()));
  return map;
}

/**
 * The same reservation as `reserveAttempt`, for a name no account has (synchronous, so parallel guesses are
 * counted one by one): the lock's end when the name is locked, otherwise null after counting this attempt.
 */
function reserveUnknown(db: Db, username: string, now: Date): string | null {
  const unknownFailures = unknownFailuresOf(db);
  let entry = unknownFailures.get(username);
  if (entry?.lockedUntil && entry.lockedUntil > now.getTime()) return new Date(entry.lockedUntil).toISOString();
  if (!entry || entry.lockedUntil) entry = { count: 0, lockedUntil: null };
  entry.count += 1;
  if (entry.count >= MAX_FAILED_LOGINS) entry.lockedUntil = now.getTime() + LOCK_MINUTES * 60_000;
  unknownFailures.delete(username);
  unknownFailures.set(username, entry);
  if (unknownFailures.size > UNKNOWN_KEEP) unknownFailures.delete(unknownFailures.keys().next().value!);
  return null;
}

export const CONNECTION_REQUIRED_MESSAGE =
  'Komputer ini sedang meminta koneksi server kantor lagi, jadi belum ada yang dapat masuk: data yang terbuka di sini bukan data kantor yang sekarang. Masukkan koneksi server kantor (atau pilih "Satu komputer" bila memang itu pilihan kantor), lalu masuk.';

export const authHandlers: FeatureHandlers<'auth'> = {
  async login({ username, password }, ctx) {
    // The saved server is asked for again (connection/unreadable.ts): what is open here is nothing, or this PC's
    // old copy from before the office moved to the server. Work done there would never reach the office.
    if ((await ctx.officeState()) === 'connectionUnreadable') throw new AppError('CONNECTION_REQUIRED', CONNECTION_REQUIRED_MESSAGE);
    const user = await findUserByUsername(ctx.db, username);
    const now = ctx.now();
    if (!user || !user.active) {
      // The same answer, after the same work, as a wrong password for a real account.
      const lockedUntil = reserveUnknown(ctx.db, username, now);
      if (lockedUntil) throw lockedError(lockedUntil);
      await verifyPassword(password, DUMMY_PASSWORD_HASH);
      throw refused();
    }
    const attempt = await reserveAttempt(ctx.db, user.id, now);
    if (attempt === null) {
      throw lockedError(await lockedUntilOf(ctx.db, user.id));
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      // Already counted (and locked, keeping the count it locked on, when it reached the limit).
      const lock = attempt >= MAX_FAILED_LOGINS;
      await recordAudit(ctx.db, null, { action: 'login-failed', entity: 'app_user', entityId: user.id, note: lock ? 'dikunci' : null }, now);
      throw refused();
    }
    await clearFailedAttempts(ctx.db, user.id);
    const session = sessionFromUser(user);
    rememberCredential(session, user.password_hash);
    ctx.client.session = session;
    await recordAudit(ctx.db, session, { action: 'login', entity: 'app_user', entityId: user.id }, now);
    return session;
  },

  async logout(_input, ctx) {
    if (ctx.client.session) await recordAudit(ctx.db, ctx.client.session, { action: 'logout', entity: 'app_user', entityId: ctx.client.session.userId });
    ctx.client.session = null;
    return null;
  },

  async current(_input, ctx) {
    // A public call, so dispatch did not check the sign-in: the window must not show rights another PC took away.
    if (ctx.client.session && !(await sessionHolds(ctx.db, ctx.client.session))) ctx.client.session = null;
    return ctx.client.session;
  },
};
