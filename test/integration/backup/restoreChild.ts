/**
 * Forked by swap.test.ts: restores BACKUP into the database DB (offline, as the CLI does) and SIGKILLs itself
 * right after swap step STEP (0 = journal written, 1..6 = the moves, 7 = journal removed), like a power cut.
 */
import { restoreOffline } from '../../../electron/core/backup/offline';
import { RESOURCES } from '../../helpers/webApp';

const [dbPath, backup, step] = process.argv.slice(2);
const killAt = Number(step);
async function main() {
  await restoreOffline(backup!, { dbPath: dbPath!, resourcesDir: RESOURCES }, { userId: 0, username: 'uji', nama: 'Uji', role: 'admin', permissions: [], wilayah: [] }, new Date(), {
  acceptWarnings: ['OTHER_OFFICE', 'EXTRA_ACCOUNTS', 'NO_FINGERPRINT'],
  hook: (n) => {
    process.stdout.write(`STEP ${n}\n`);
    if (n === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
  process.stdout.write('DONE\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
