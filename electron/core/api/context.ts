import type { OfficeState } from '../../../shared/api/access';
import type { SessionInfo } from '../../../shared/api/auth';
import type { Db } from '../db/database';
import type { Outbox } from '../files/outbox';
import type { JobRunner } from '../jobs/runner';
import type { Reopen } from '../backup/restore';
import type { AppPaths } from '../paths';
import type { Platform } from '../platform';
import type { RegionIndex } from '../regions/regionIndex';
import type { Scope } from './scope';

/** Shared by every call of one running app. */
export interface Services {
  db: Db;
  paths: AppPaths;
  platform: Platform;
  jobs: JobRunner;
  outbox: Outbox;
  regions: () => Promise<RegionIndex>;
  now: () => Date;
  /** Closes the database, lets `swap` replace its files (restore), reopens it and signs every client out. */
  reopen: Reopen;
  /** Ends every session of this user (deactivated, role or area changed, password reset). */
  signOutUser: (userId: number) => void;
  /** Where the office stands, for the access levels open to anyone in some states (access.ts `openWhile`). */
  officeState: () => Promise<OfficeState>;
}

/** One caller (a window, a browser-mode token): who is signed in there. */
export interface Client {
  session: SessionInfo | null;
  lastActivity: number;
}

/** What a handler receives besides its validated input. */
export interface Ctx extends Services {
  client: Client;
  /** The signed-in user; handlers behind a non-public permission can rely on it. */
  session: SessionInfo | null;
  /**
   * The caller's work area for this call, computed once by dispatch from the session and the call's declared
   * `scope`: every query of person or family data is limited to it.
   */
  scope: Scope;
}

/** What a call's `prepare` step receives (see PreparedHandler): everything but the database. */
export type PrepareCtx = Omit<Ctx, 'db'>;

export function requireSession(ctx: Ctx): SessionInfo {
  if (!ctx.session) throw new Error('requireSession called from a public handler');
  return ctx.session;
}
