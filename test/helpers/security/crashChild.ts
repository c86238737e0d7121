/**
 * A child process for the SIGKILL tests: runs one operation against a database and prints progress markers
 * on stdout, so the parent can kill it at a known point.
 *   tsx crashChild.ts backup DB FOLDER   — back up again and again, with audit writes in between
 *   tsx crashChild.ts import DB FILE     — one real import (the CLI's), all in one transaction
 *   tsx crashChild.ts export DB OUT      — one real export to OUT (the CLI's)
 */
import { join, resolve } from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { recordAudit } from '../../../electron/core/admin/audit';
import { openCore } from '../../../electron/core/app';
import { backupFileName } from '../../../electron/core/backup/names';
import { writeBackup } from '../../../electron/core/backup/write';

const RESOURCES = resolve(__dirname, '../../../resources');
const mark = (text: string) => process.stdout.write(`${text}\n`);

async function main() {
  const [op, db, target] = process.argv.slice(2);
  if (!op || !db || !target) throw new Error('usage: crashChild.ts backup|import|export DB TARGET');
  if (op === 'backup') {
    const core = await openCore({ dbPath: db, resourcesDir: RESOURCES, platform: { kind: 'cli', htmlToPdf: () => Promise.reject(new Error('no pdf')) } });
    mark('READY');
    for (let i = 0; ; i++) {
      const at = new Date(Date.UTC(2030, 0, 1) + i * 1000);
      await core.db.transaction().execute(async (trx) => {
        for (let j = 0; j < 50; j++) await recordAudit(trx, null, { action: 'update', entity: 'uji', entityId: `${i}-${j}`, after: { i, j } });
      });
      mark(`WROTE ${i}`);
      await writeBackup({
        db: core.db,
        attachmentsDir: core.paths.attachmentsDir,
        target: join(target, backupFileName(at, 'manual')),
        kind: 'manual',
        now: at,
        officeName: null,
        onStep: (step, done) => mark(step === 'attachments' ? `STEP ${step} ${i} ${done}` : `STEP ${step} ${i}`),
      });
    }
  }
  mark('READY');
  const args = op === 'import' ? ['import', target, '--db', db, '--json'] : ['export', 'dtks', '--out', target, '--db', db, '--json'];
  const code = await runCli(args, { out: (t) => mark(`OUT ${t.slice(0, 200)}`), err: () => undefined }, RESOURCES);
  mark(`DONE ${code}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
