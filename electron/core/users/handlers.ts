import type { FeatureHandlers } from '../api/handlerTypes';
import { requireSession } from '../api/context';
import { rememberCredential } from '../api/sessionHolds';
import { AppError, notFound } from '../api/errors';
import { readOfficeProfile } from '../admin';
import { recordAudit } from '../audit/record';
import { hashPassword, sessionFromUser, verifyPassword } from '../auth';
import { auditView, countActiveAdmins, findUserById, findUserByUsername, insertUser, listUsers, toUserSummary, updateUser } from './queries';
import { checkWilayah } from './wilayah';

// Each changing call runs in the one transaction dispatch opens (shared/api/define.ts): no transaction here.

const lastAdmin = () =>
  new AppError('LAST_ADMIN', 'Harus selalu ada minimal satu admin aktif. Jadikan pengguna lain admin terlebih dahulu.');

export const usersHandlers: FeatureHandlers<'users'> = {
  async list(_input, ctx) {
    const rows = await listUsers(ctx.db);
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
    if (await findUserByUsername(ctx.db, input.username)) {
      throw new AppError('CONFLICT', `Nama pengguna "${input.username}" sudah dipakai. Pilih nama lain.`);
    }
    const created = await insertUser(ctx.db, {
      username: input.username,
      nama: input.nama,
      role: input.role,
      password_hash: passwordHash,
      wilayah_json: JSON.stringify(wilayah),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await recordAudit(ctx.db, ctx.session, { action: 'create', entity: 'app_user', entityId: created.id, after: auditView(created) }, now);
    return toUserSummary(created, regions, now);
  },

  async update(input, ctx) {
    const regions = await ctx.regions();
    const office = await readOfficeProfile(ctx.db);
    const wilayah = input.role === 'operator' ? checkWilayah(input.wilayah, office?.profile.kabKotaKode ?? null, regions) : [];
    const session = requireSession(ctx);
    const now = ctx.now();
    const before = await findUserById(ctx.db, input.id);
    if (!before) throw notFound('Pengguna');
    const losesAdmin = before.role === 'admin' && before.active === 1 && (input.role !== 'admin' || !input.active);
    if (losesAdmin && (await countActiveAdmins(ctx.db, before.id)) === 0) throw lastAdmin();
    if (before.id === session.userId && !input.active) {
      throw new AppError('CONFLICT', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
    }
    const updated = await updateUser(ctx.db, input.id, {
      nama: input.nama,
      role: input.role,
      wilayah_json: JSON.stringify(wilayah),
      active: input.active ? 1 : 0,
      updated_at: now.toISOString(),
    });
    const action = before.active !== updated.active ? 'status' : 'update';
    await recordAudit(ctx.db, session, { action, entity: 'app_user', entityId: updated.id, before: auditView(before), after: auditView(updated) }, now);
    // An admin editing their own account sees the new name/role at once rather than at the next sign-in;
    // anyone else signed in on that account must sign in again, so lost rights take effect now.
    if (updated.id === session.userId) ctx.client.session = sessionFromUser(updated);
    else ctx.signOutUser(updated.id);
    return toUserSummary(updated, regions, now);
  },

  async resetPassword({ id, password }, ctx) {
    const passwordHash = await hashPassword(password);
    const now = ctx.now();
    const before = await findUserById(ctx.db, id);
    if (!before) throw notFound('Pengguna');
    const row = await updateUser(ctx.db, id, { password_hash: passwordHash, failed_attempts: 0, locked_until: null, updated_at: now.toISOString() });
    await recordAudit(ctx.db, ctx.session, { action: 'password-reset', entity: 'app_user', entityId: id, note: before.locked_until ? 'kunci akun dibuka' : null }, now);
    // Elsewhere, every sign-in made with the old password ends (api/sessionHolds); the admin's own window goes on.
    if (id !== ctx.session?.userId) ctx.signOutUser(id);
    else rememberCredential(ctx.session, passwordHash);
    return toUserSummary(row, await ctx.regions(), now);
  },

  async changeOwnPassword({ currentPassword, newPassword }, ctx) {
    const session = requireSession(ctx);
    const user = await findUserById(ctx.db, session.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Akun Anda tidak ditemukan lagi. Silakan masuk kembali.');
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      throw new AppError('INVALID_INPUT', 'Kata sandi lama salah.', { issues: [{ path: 'currentPassword', message: 'Kata sandi lama salah.' }] });
    }
    const passwordHash = await hashPassword(newPassword);
    const now = ctx.now();
    await updateUser(ctx.db, user.id, { password_hash: passwordHash, updated_at: now.toISOString() });
    await recordAudit(ctx.db, session, { action: 'password-change', entity: 'app_user', entityId: user.id }, now);
    rememberCredential(session, passwordHash);
    return null;
  },
};
