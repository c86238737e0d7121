/** `npm run web`: the app in a browser on 127.0.0.1, for development and end-to-end tests. */
import { join, resolve } from 'node:path';
import { describeTarget } from '../core/db/dialect';
import { CoreHost } from '../core/host/host';
import { forkNodeCore } from '../core/host/nodeChild';
import { startWebServer } from './server';
import { webPlatform } from './pdf';

async function main() {
  const root = resolve(__dirname, '../..');
  const port = process.env.PORT ? Number(process.env.PORT) : 5199;
  const platform = webPlatform();
  // The core runs in its own process, as in the desktop app (built by `electron-vite build` beside the shell).
  const core = new CoreHost({
    spawn: forkNodeCore(join(root, 'out/main/coreChild.js')),
    init: { resourcesDir: join(root, 'resources'), autoBackup: true },
    platform,
    onCrash: (restarting) => console.error(restarting ? 'Proses inti berhenti tak terduga; dimulai ulang.' : 'Proses inti berhenti berulang kali; tidak dimulai ulang.'),
  });
  await core.start();
  const web = await startWebServer(core, { rendererDir: join(root, 'out/renderer'), port });
  console.log(`Dinsos Desk (mode peramban) berjalan. Basis data: ${describeTarget(core.dbPath)}`);
  console.log(`Buka: ${web.openUrl}`);
  const stop = async () => {
    await web.close();
    // The same backup-on-exit as the desktop app, when the admin turned it on.
    await core.backupOnExit();
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
