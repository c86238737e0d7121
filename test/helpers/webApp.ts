import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { webPlatform } from '../../electron/web/pdf';

export const ROOT = resolve(__dirname, '../..');
export const RESOURCES = join(ROOT, 'resources');

/** Set by test/helpers/globalSetup.ts: a migrated database with the region reference loaded. */
export const TEMPLATE_ENV = 'DINSOS_TEST_TEMPLATE_DB';

/** A throw-away data folder with its own database file (a copy of the prepared template when there is one). */
export function tempDbPath(): string {
  const path = emptyDbPath();
  const template = process.env[TEMPLATE_ENV];
  if (template && existsSync(template)) copyFileSync(template, path);
  return path;
}

/** A throw-away path where no database exists yet. */
export function emptyDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'dinsos-test-')), 'dinsos.sqlite');
}

/** The real main side behind the browser-mode server, on a fresh database; the renderer must be built. */
export async function startTestApp(opts: { dbPath?: string; now?: () => Date } = {}): Promise<{ core: Core; web: WebServer; stop(): Promise<void> }> {
  const platform = webPlatform();
  const core = await openCore({ dbPath: opts.dbPath ?? tempDbPath(), resourcesDir: RESOURCES, platform, ...(opts.now ? { now: opts.now } : {}) });
  const web = await startWebServer(core, { rendererDir: join(ROOT, 'out/renderer') });
  return {
    core,
    web,
    async stop() {
      await web.close();
      await platform.dispose();
      await core.close();
    },
  };
}
