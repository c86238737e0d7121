/** Bench child: a fresh process that opens the core in-process and answers one call (the start-up yardstick). */
import { openCore } from '../../electron/core/app';

async function main() {
  const [dbPath, resourcesDir] = process.argv.slice(2) as [string, string];
  const core = await openCore({ dbPath, resourcesDir, platform: { kind: 'cli', htmlToPdf: () => Promise.reject(new Error('no PDF')) } });
  await core.createClient().call('auth.current', undefined);
  console.log('ok');
  await core.close();
}

void main();
