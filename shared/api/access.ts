/**
 * Roles and what each may do: the single written table of permissions. Every contract call names one
 * permission; the main side checks it before the handler runs (the UI only hides what is refused anyway).
 * A few levels are open to anyone, signed in or not, while the office is in a given state (`openWhile`):
 * dispatch asks the core for that state and otherwise treats the level like any other (an admin's).
 */
export const roles = ['admin', 'petugas', 'operator', 'pimpinan'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  petugas: 'Petugas',
  operator: 'Operator',
  pimpinan: 'Pimpinan',
};

export const permissions = [
  'public', // before login: setup status, login, recovery from a backup
  'setup', // the first-run wizard: anyone's until the office is set up, an admin's afterwards
  'connect', // where this PC's data lives: as 'setup', and anyone's while this PC cannot open its saved server
  'session', // any signed-in user: own session, regions, office profile
  'registry.read',
  'registry.write',
  'imports.run',
  'exports.run',
  'templates.manage',
  'aid.read',
  'aid.write',
  'aid.approve',
  'documents.print',
  'meetings.read',
  'meetings.write',
  'interventions.read',
  'interventions.write',
  'dashboard.read',
  'office.manage',
  'users.manage',
  'audit.read',
  'backup.manage',
] as const;
export type Permission = (typeof permissions)[number];

const readAll: Permission[] = [
  'session',
  'registry.read',
  'aid.read',
  'meetings.read',
  'interventions.read',
  'dashboard.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions.filter((p) => p !== 'public'),
  petugas: [
    ...readAll,
    'registry.write',
    'imports.run',
    'exports.run',
    'aid.write',
    'documents.print',
    'meetings.write',
    'interventions.write',
  ],
  operator: ['session', 'registry.read', 'registry.write', 'imports.run', 'dashboard.read'],
  pimpinan: [...readAll, 'aid.approve', 'documents.print', 'exports.run', 'audit.read'],
};

/**
 * Where this PC's office stands, as dispatch reads it for the levels in `openWhile`: not set up yet, set up, or
 * its saved server connection cannot be opened on this PC (no database open, so nobody can sign in: see
 * electron/core/connection/unreadable.ts for why re-entering the server is then open to anyone).
 */
export type OfficeState = 'new' | 'setUp' | 'connectionUnreadable';

/** Levels open to every caller, signed in or not, while the office is in one of the listed states. */
export const openWhile: Partial<Record<Permission, readonly OfficeState[]>> = {
  setup: ['new'],
  connect: ['new', 'connectionUnreadable'],
};

export function roleMay(role: Role, permission: Permission): boolean {
  return permission === 'public' || rolePermissions[role].includes(permission);
}
