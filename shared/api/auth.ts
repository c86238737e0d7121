import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';
import type { Permission, Role } from './access';

/** The user id of a session with no account behind it (the command line's): account ids start at 1. */
export const NO_ACCOUNT_USER_ID = 0;

export interface SessionInfo {
  userId: number;
  username: string;
  nama: string;
  role: Role;
  permissions: Permission[];
  /** Operators see only these regions (kecamatan or desa codes); empty = everything. */
  wilayah: string[];
}

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Nama pengguna wajib diisi.').max(64),
  password: z.string().min(1, 'Kata sandi wajib diisi.').max(200),
});

export const authContract = {
  login: call({ input: loginSchema, access: 'public', scope: 'none', audit: 'app_user', noTransaction: withoutTransaction.login, returns: returns<SessionInfo>() }),
  logout: call({ input: z.undefined(), access: 'public', scope: 'none', audit: 'app_user', returns: returns<null>() }),
  current: call({ input: z.undefined(), access: 'public', scope: 'none', audit: false, returns: returns<SessionInfo | null>() }),
};
