import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Role } from '../../../shared/api/access';
import type { UserSummary } from '../../../shared/api/users';
import type { Database } from '../db/schema';
import type { RegionIndex } from '../regions';

type UserRow = Selectable<Database['app_user']>;

/** The accounts' reads and writes (app_user): handlers of users, auth and admin call these, never SQL. */
export function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('app_user').selectAll().orderBy('active', 'desc').orderBy('nama').execute();
}

export function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** `username` as stored (lower case). */
export function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsernames(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('app_user').select('username').execute()).map((u) => u.username);
}

export function insertUser(db: Kysely<Database>, values: Insertable<Database['app_user']>): Promise<UserRow> {
  return db.insertInto('app_user').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(db: Kysely<Database>, id: number, set: Updateable<Database['app_user']>): Promise<UserRow> {
  return db.updateTable('app_user').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function toUserSummary(row: UserRow, regions: RegionIndex, now: Date): UserSummary {
  const codes = JSON.parse(row.wilayah_json) as string[];
  return {
    id: row.id,
    username: row.username,
    nama: row.nama,
    role: row.role as Role,
    wilayah: codes.map((kode) => {
      const region = regions.get(kode);
      return { kode, nama: region?.nama ?? kode, level: region?.level ?? 'tidak dikenal' };
    }),
    active: row.active === 1,
    lockedUntil: row.locked_until && new Date(row.locked_until) > now ? row.locked_until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function countActiveAdmins(db: Kysely<Database>, exceptId?: number): Promise<number> {
  let query = db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the audit log keeps of an account: never the password hash. */
export function auditView(row: UserRow) {
  return {
    username: row.username,
    nama: row.nama,
    role: row.role,
    wilayah: JSON.parse(row.wilayah_json) as string[],
    active: row.active === 1,
  };
}
