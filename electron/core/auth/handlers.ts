import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import { recordAudit } from '../admin/audit';
import { verifyPassword } from './password';
import { sessionFromUser } from './session';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const authHandlers: FeatureHandlers<'auth'> = {
  async login({ username, password }, ctx) {
    const user = await ctx.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    const refused = new AppError('LOGIN_FAILED', 'Nama pengguna atau kata sandi salah.');
    if (!user || !user.active) throw refused;
    const now = ctx.now();
    if (user.locked_until && new Date(user.locked_until) > now) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah ${new Date(user.locked_until).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' })} atau minta admin mengatur ulang kata sandi.`,
      );
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const failed = user.failed_attempts + 1;
      const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      await ctx.db
        .updateTable('app_user')
        .set({ failed_attempts: lock ? 0 : failed, locked_until: lock })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(ctx.db, null, { action: 'login-failed', entity: 'app_user', entityId: user.id, note: lock ? 'dikunci' : null }, now);
      throw refused;
    }
    await ctx.db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
    const session = sessionFromUser(user);
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
    return ctx.client.session;
  },
};
