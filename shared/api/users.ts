import { z } from 'zod';
import { call, returns } from './define';
import { kecamatanOrDesaField } from './fields';
import { roles, type Role } from './access';
import { passwordSchema, usernameSchema } from './admin';

export interface UserSummary {
  id: number;
  username: string;
  nama: string;
  role: Role;
  /** Operators only: the kecamatan/desa codes they may see and change. */
  wilayah: { kode: string; nama: string; level: string }[];
  active: boolean;
  /** ISO time until which the account is locked after repeated failed logins; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}


const namaSchema = z.string().trim().min(3, 'Nama lengkap wajib diisi (minimal 3 huruf).').max(100, 'Nama terlalu panjang.');
const userIdSchema = z.number().int().positive().max(2_147_483_647);

export const createUserSchema = z
  .object({
    nama: namaSchema,
    username: usernameSchema,
    role: z.enum(roles, { message: 'Pilih peran.' }),
    wilayah: z.array(kecamatanOrDesaField).max(200, 'Terlalu banyak wilayah.').default([]),
    password: passwordSchema,
  })
  .refine((u) => u.role !== 'operator' || u.wilayah.length > 0, {
    path: ['wilayah'],
    message: 'Operator harus diberi minimal satu kecamatan atau desa.',
  });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    id: userIdSchema,
    nama: namaSchema,
    role: z.enum(roles, { message: 'Pilih peran.' }),
    wilayah: z.array(kecamatanOrDesaField).max(200, 'Terlalu banyak wilayah.').default([]),
    active: z.boolean(),
  })
  .refine((u) => u.role !== 'operator' || u.wilayah.length > 0, {
    path: ['wilayah'],
    message: 'Operator harus diberi minimal satu kecamatan atau desa.',
  });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ id: userIdSchema, password: passwordSchema });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Kata sandi lama wajib diisi.').max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'Ulangi kata sandi baru dengan sama persis.' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Kata sandi baru harus berbeda dari yang lama.' });

export const usersContract = {
  list: call({ input: z.undefined(), access: 'users.manage', scope: 'none', audit: false, returns: returns<UserSummary[]>() }),
  create: call({ input: createUserSchema, access: 'users.manage', scope: 'none', audit: 'app_user', returns: returns<UserSummary>() }),
  update: call({ input: updateUserSchema, access: 'users.manage', scope: 'none', audit: 'app_user', returns: returns<UserSummary>() }),
  resetPassword: call({ input: resetPasswordSchema, access: 'users.manage', scope: 'none', audit: 'app_user', returns: returns<UserSummary>() }),
  /** Any signed-in user, for their own account. */
  changeOwnPassword: call({ input: changeOwnPasswordSchema, access: 'session', scope: 'none', audit: 'app_user', returns: returns<null>() }),
};
