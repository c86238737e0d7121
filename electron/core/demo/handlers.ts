/**
 * The demo database: latihan/dinsos.sqlite in the data folder, never the office's own file. `start` makes it
 * (on its own connection, through the contract: demo/fill.ts) while the real database stays open and
 * untouched, then switches the core to it (the same reopen a restore uses: the job worker is stopped first and
 * every other window signed out); `stop` switches back. The caller stays signed in under the same account,
 * which the demo database holds with the same password. A restart of the app always opens the real database.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoStatus } from '../../../shared/api/demo';
import { officeIsSetUp } from '../admin';
import { AppError } from '../api/errors';
import type { Client, Ctx, Services } from '../api/context';
import { dispatch } from '../api/dispatch';
import type { FeatureHandlers } from '../api/handlerTypes';
import { recordAudit } from '../audit/record';
import { sessionFromUser } from '../auth';
import { openDatabase, type Db } from '../db/database';
import { officeToday } from '../officeToday';
import type { AppPaths } from '../paths';
import { ensureRegionsLoaded } from '../regions';
import { findUserByUsername, updateUser } from '../users';
import { fillDemo } from './fill';
import { demoCounts } from './queries';

/** The demo's own folder inside the data folder. */
export const DEMO_FOLDER = 'latihan';

const demoPaths = (paths: AppPaths) => ({ dbPath: join(paths.dataDir, DEMO_FOLDER, 'dinsos.sqlite'), attachmentsDir: join(paths.dataDir, DEMO_FOLDER, 'lampiran') });

/** The real database's paths while the demo is open (keyed by the core's paths object). */
const realPaths = new WeakMap<AppPaths, { dbPath: string; attachmentsDir: string }>();

function status(paths: AppPaths): DemoStatus {
  const demo = demoPaths(paths);
  return { active: paths.dbPath === demo.dbPath, exists: existsSync(demo.dbPath) };
}

/** Switches the open database (files named in `to`) and keeps the caller signed in as the same account. */
async function switchTo(ctx: Ctx, to: { dbPath: string; attachmentsDir: string }): Promise<Db> {
  const username = ctx.session!.username;
  const db = await ctx.reopen(async () => {
    const before = { dbPath: ctx.paths.dbPath, attachmentsDir: ctx.paths.attachmentsDir };
    Object.assign(ctx.paths, to);
    return { undo: async () => void Object.assign(ctx.paths, before) };
  });
  const user = await findUserByUsername(db, username);
  ctx.client.session = user && user.active ? sessionFromUser(user) : null;
  return db;
}

async function makeDemo(ctx: Ctx, dbPath: string) {
  const session = ctx.session!;
  const account = await findUserByUsername(ctx.db, session.username);
  if (!account) throw new AppError('NOT_FOUND', 'Akun Anda tidak ditemukan.');
  const officeResult = await dispatch((await import('../handlers')).handlers, ctx, ctx.client, 'admin.getOffice', undefined);
  if (!officeResult.ok) throw new AppError(officeResult.error.code, officeResult.error.message);
  const folder = join(dbPath, '..');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const db = await openDatabase(dbPath);
  try {
    await ensureRegionsLoaded(db, ctx.paths.resourcesDir);
    const { handlers } = await import('../handlers');
    // The demo folder is its own data folder here (the set-up marker of the real one would refuse the setup).
    const paths = { ...ctx.paths, ...demoPaths(ctx.paths), dataDir: folder };
    // The wizard's 'setup' level asks the office's state: the demo database's, not the real office's (set up).
    const services: Services = { ...ctx, db, paths, officeState: async () => ((await officeIsSetUp(db, paths)) ? 'setUp' : 'new') };
    const client: Client = { session: null, lastActivity: ctx.now().getTime() };
    const office = officeResult.value as Parameters<typeof fillDemo>[0]['office'];
    await fillDemo({
      call: (name, input) => dispatch(handlers, services, client, name, input),
      regions: await ctx.regions(),
      office,
      admin: { nama: account.nama, username: account.username },
      today: await officeToday(ctx.db, ctx.now()),
    });
    // The same password as the real account: one sign-in for both databases.
    const demoAdmin = await findUserByUsername(db, account.username);
    await updateUser(db, demoAdmin!.id, { password_hash: account.password_hash });
  } catch (error) {
    await db.destroy();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  await db.destroy();
}

export const demoHandlers: FeatureHandlers<'demo'> = {
  async status(_input, ctx) {
    return status(ctx.paths);
  },

  async start({ baru }, ctx) {
    const now = ctx.now();
    const current = status(ctx.paths);
    let db = ctx.db;
    if (!current.active) {
      const demo = demoPaths(ctx.paths);
      if (baru || !current.exists) await makeDemo(ctx, demo.dbPath);
      realPaths.set(ctx.paths, { dbPath: ctx.paths.dbPath, attachmentsDir: ctx.paths.attachmentsDir });
      db = await switchTo(ctx, demo);
      // Recorded in the demo database: the real one is not written at all.
      await recordAudit(db, ctx.client.session, { action: 'demo.start', entity: 'demo', entityId: null, after: { baru } }, now);
    }
    return { ...status(ctx.paths), ...(await demoCounts(db)) };
  },

  async stop(_input, ctx) {
    const real = realPaths.get(ctx.paths);
    if (!status(ctx.paths).active || !real) return status(ctx.paths);
    await recordAudit(ctx.db, ctx.session, { action: 'demo.stop', entity: 'demo', entityId: null }, ctx.now());
    await switchTo(ctx, real);
    realPaths.delete(ctx.paths);
    return status(ctx.paths);
  },
};
