import type { FeatureHandlers } from '../api/handlerTypes';
import { requireSession } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { recordAudit } from '../admin/audit';
import { readOfficeProfile } from '../admin/office';
import { hashPassword, verifyPassword } from '../auth/password';
import { sessionFromUser } from '../auth/session';
import { auditView, countActiveAdmins, toUserSummary } from './queries';
import { checkWilayah } from './wilayah';

const lastAdmin = () =>
  new AppError('LAST_ADMIN', 'Harus selalu ada minimal satu admin aktif. Jadikan pengguna lain admin terlebih dahulu.');

export const usersHandlers: FeatureHandlers<'users'> = {
  async list(_input, ctx) {
    const rows = await ctx.db.selectFrom('app_user').selectAll().orderBy('active', 'desc').orderBy('nama').execute();
    const regions = await ctx.regions();
    const now = ctx.now();
    return rows.map((r) => toUserSummary(r, regions, now));
  },

  async create(input, ctx) {
    const regions = await ctx.regions();
    const office = await readOfficeProfile(ctx.db);
    const wilayah = input.role === 'operator' ? checkWilayah(input.wilayah, office?.profile.kabKotaKode ?? null, regions) : [];
    const passwordHash = await hashPassword(input.password);
    const now = ctx.now();
    const created = await ctx.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken) throw new AppError('CONFLICT', `Nama pengguna "${input.username}" sudah dipakai. Pilih nama lain.`);
      const row = await trx
        .insertInto('app_user')
        .values({
          username: input.username,
          nama: input.nama,
          role: input.role,
          password_hash: passwordHash,
          wilayah_json: JSON.stringify(wilayah),
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.session, { action: 'create', entity: 'app_user', entityId: row.id, after: auditView(row) }, now);
      return row;
    });
    return toUserSummary(created, regions, now);
  },

  async update(input, ctx) {
    const regions = await ctx.regions();
    const office = await readOfficeProfile(ctx.db);
    const wilayah = input.role === 'operator' ? checkWilayah(input.wilayah, office?.profile.kabKotaKode ?? null, regions) : [];
    const session = requireSession(ctx);
    const now = ctx.now();
    const updated = await ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('app_user').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (!before) throw notFound('Pengguna');
      const losesAdmin = before.role === 'admin' && before.active === 1 && (input.role !== 'admin' || !input.active);
      if (losesAdmin && (await countActiveAdmins(trx, before.id)) === 0) throw lastAdmin();
      if (before.id === session.userId && !input.active) {
        throw new AppError('CONFLICT', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
      }
      const row = await trx
        .updateTable('app_user')
        .set({
          nama: input.nama,
          role: input.role,
          wilayah_json: JSON.stringify(wilayah),
          active: input.active ? 1 : 0,
          updated_at: now.toISOString(),
        })
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const action = before.active !== row.active ? 'status' : 'update';
      await recordAudit(trx, session, { action, entity: 'app_user', entityId: row.id, before: auditView(before), after: auditView(row) }, now);
      return row;
    });
    // An admin editing their own account sees the new name/role at once rather than at the next sign-in;
    // anyone else signed in on that account must sign in again, so lost rights take effect now.
    if (updated.id === session.userId) ctx.client.session = sessionFromUser(updated);
    else ctx.signOutUser(updated.id);
    return toUserSummary(updated, regions, now);
  },

  async resetPassword({ id, password }, ctx) {
    const passwordHash = await hashPassword(password);
    const now = ctx.now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound('Pengguna');
      const row = await trx
        .updateTable('app_user')
        .set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.session, { action: 'password-reset', entity: 'app_user', entityId: id, note: before.locked_until ? 'kunci akun dibuka' : null }, now);
      return row;
    });
    if (id !== ctx.session?.userId) ctx.signOutUser(id);
    return toUserSummary(row, await ctx.regions(), now);
  },

  async changeOwnPassword({ currentPassword, newPassword }, ctx) {
    const session = requireSession(ctx);
    const user = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', session.userId).executeTakeFirst();
    if (!user) throw new AppError('UNAUTHENTICATED', 'Akun Anda tidak ditemukan lagi. Silakan masuk kembali.');
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw new AppError('INVALID_INPUT', 'Kata sandi lama salah.', { issues: [{ path: 'currentPassword', message: 'Kata sandi lama salah.' }] });
    }
    const passwordHash = await hashPassword(newPassword);
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', user.id).execute();
      await recordAudit(trx, session, { action: 'password-change', entity: 'app_user', entityId: user.id }, now);
    });
    return null;
  },
};
