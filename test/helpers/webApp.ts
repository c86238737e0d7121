import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { webPlatform } from '../../electron/web/pdf';

export const ROOT = resolve(__dirname, '../..');
export const RESOURCES = join(ROOT, 'resources');

/** A throw-away data folder with its own database file. */
export function tempDbPath(): string {
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
