/** `npm run web`: the app in a browser on 127.0.0.1, for development and end-to-end tests. */
import { join, resolve } from 'node:path';
import { openCore } from '../core/app';
import { startWebServer } from './server';
import { webPlatform } from './pdf';

async function main() {
  const root = resolve(__dirname, '../..');
  const port = process.env.PORT ? Number(process.env.PORT) : 5199;
  const platform = webPlatform();
  const core = await openCore({ resourcesDir: join(root, 'resources'), platform, autoBackup: true });
  const web = await startWebServer(core, { rendererDir: join(root, 'out/renderer'), port });
  console.log(`Dinsos Desk (mode peramban) berjalan. Basis data: ${core.paths.dbPath}`);
  console.log(`Buka: ${web.openUrl}`);
  const stop = async () => {
    await web.close();
    // The same backup-on-exit as the desktop app, when the admin turned it on.
    await core.backupOnExit().catch((error: unknown) => console.error('Cadangan saat keluar gagal:', error));
    await platform.dispose();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
