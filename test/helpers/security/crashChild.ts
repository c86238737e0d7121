/**
 * A child process for the SIGKILL tests: runs one operation against a database and prints progress markers
 * on stdout, so the parent can kill it at a known point.
 *   tsx crashChild.ts backup DB FOLDER   — back up again and again, with audit writes in between
 *   tsx crashChild.ts import DB FILE     — one real import (the CLI's), all in one transaction
 *   tsx crashChild.ts export DB OUT      — one real export to OUT (the CLI's)
 *   tsx crashChild.ts handover DB N      — handover saves through the API: create, then add N recipients at once
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
  if (op === 'handover') {
    const core = await openCore({ dbPath: db, resourcesDir: RESOURCES, platform: { kind: 'cli', htmlToPdf: () => Promise.reject(new Error('no pdf')) } });
    const client = core.createClient();
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await client.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as T;
    };
    await call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const programs = await call<{ id: number; aktif: boolean }[]>('programs.list', {});
    const programId = programs.find((p) => p.aktif)!.id;
    // People who have not received yet (an earlier, killed run may have handed over to some).
    const ids = (await core.db.selectFrom('anggota').select('id').where('id', 'not in', (eb) => eb.selectFrom('penerima').select('anggota_id')).orderBy('id').execute()).map((r) => r.id);
    const per = Number(target);
    mark('READY');
    for (let i = 0; (i + 1) * per <= ids.length; i++) {
      const h = await call<{ id: number }>('handovers.create', {
        programId, tanggal: '2026-05-08', tempat: 'Aula Dinas Sosial', mode: 'kolektif', dasarNomor: `460/${i}/SK/2026`, dasarTanggal: '2026-04-29',
        dasarTentang: 'Penetapan penerima', pertamaNama: 'Hj. Rina Kartika, S.Sos', pertamaNip: '197503122000032004', pertamaJabatan: 'Kepala Bidang', saksi: [],
      });
      mark(`CREATED ${i}`);
      await call('handovers.addRecipients', { penyerahanId: h.id, anggotaIds: ids.slice(i * per, (i + 1) * per) });
      mark(`ADDED ${i}`);
    }
    mark('DONE 0');
    return;
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
