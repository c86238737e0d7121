import type { SessionInfo } from '../../../shared/api/auth';
import { rolePermissions, type Role } from '../../../shared/api/access';
import type { Database } from '../db/schema';
import type { Selectable } from 'kysely';

export function sessionFromUser(user: Selectable<Database['app_user']>): SessionInfo {
  const role = user.role as Role;
  return {
    userId: user.id,
    username: user.username,
    nama: user.nama,
    role,
    permissions: [...rolePermissions[role]],
    wilayah: JSON.parse(user.wilayah_json) as string[],
  };
}
