import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import type { SetupStatus } from '../../../shared/api/admin';
import { openTestCore, ok, setUpOffice } from '../../helpers/core';
import { ROOT, tempDbPath } from '../../helpers/webApp';
import { sqliteOnly } from '../../helpers/engines';

const CHILD = join(ROOT, 'test/integration/backup/restoreChild.ts');
const MOVES = 6;

/** Runs the restore in a child that SIGKILLs itself after swap step `step`; resolves with the steps it reported. */
function restoreKilledAt(dbPath: string, backup: string, step: number): Promise<{ steps: number[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, backup, String(step)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      resolve({ steps: [...out.matchAll(/^STEP (\d+)$/gm)].map((m) => Number(m[1])), killed: signal === 'SIGKILL' });
    });
  });
}

/** The data folder as the app sees it after a restart: who can sign in, the attachments, what the audit says. */
async function afterRestart(dbPath: string) {
  const core = await openTestCore({ dbPath }); // finishes or rolls back the interrupted swap
  try {
    const integrity = await sql<Record<string, string>>`pragma integrity_check`.execute(core.db);
    const users = (await core.db.selectFrom('app_user').select('username').orderBy('username').execute()).map((u) => u.username);
    const foto = readFileSync(join(core.paths.attachmentsDir, 'foto.jpg'), 'utf8');
    const status = await ok<SetupStatus>(core.createClient(), 'admin.setupStatus');
    const notes = (await core.db.selectFrom('audit_log').select('note').where('action', '=', 'restore').execute()).map((r) => r.note ?? '');
    return {
      integrity: Object.values(integrity.rows[0] ?? {})[0],
      users,
      foto,
      sesudah: existsSync(join(core.paths.attachmentsDir, 'sesudah.pdf')),
      journal: existsSync(join(core.paths.dataDir, 'pulih-jurnal.json')),
      leftovers: readdirSync(join(core.paths.dataDir)).filter((f) => f.endsWith('.part')).concat(readdirSync(join(dbPath, '..')).filter((f) => f.endsWith('.part'))),
      needsSetup: status.needsSetup || status.needsRecovery,
      notes,
      aside: existsSync(join(core.paths.dataDir, 'sebelum-pulih')) ? readdirSync(join(core.paths.dataDir, 'sebelum-pulih')) : [],
      dataDir: core.paths.dataDir,
    };
  } finally {
    await core.close();
  }
}

const OLD = ['admin', 'budi', 'sari'];
const NEW = ['admin', 'budi'];

describe.skipIf(sqliteOnly('the database file swapped by a restore'))('a restore killed at any step of the swap: after a restart the database is the old one or the new one, whole', () => {
  let template: string; // a data folder: database + dinsos-data, holding the "old" state
  let backup: string; // the "new" state
  beforeAll(async () => {
    const dbPath = tempDbPath();
    const core = await openTestCore({ dbPath });
    const admin = await setUpOffice(core);
    await ok(admin, 'users.create', { nama: 'Budi Operator', username: 'budi', role: 'operator', wilayah: ['62.02.01'], password: 'operator-kotim-1' });
    writeFileSync(join(core.paths.attachmentsDir, 'foto.jpg'), 'baru');
    const job = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    backup = join(mkdtempSync(join(tmpdir(), 'dinsos-swap-cadangan-')), 'cadangan.dsbak');
    cpSync(core.services.outbox.get(job.result!.id).path, backup);
    // Work after the backup, which a restore takes back.
    await ok(admin, 'users.create', { nama: 'Sari Operator', username: 'sari', role: 'operator', wilayah: ['62.02.01'], password: 'operator-kotim-2' });
    writeFileSync(join(core.paths.attachmentsDir, 'foto.jpg'), 'lama');
    writeFileSync(join(core.paths.attachmentsDir, 'sesudah.pdf'), 'lama');
    await core.close();
    template = join(dbPath, '..');
  }, 120_000);

  const freshCopy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dinsos-swap-'));
    cpSync(template, dir, { recursive: true });
    return join(dir, 'dinsos.sqlite');
  };

  it('killed after each step: always whole, finished forward (the new data was checked before the journal), old data kept aside', { timeout: 240_000 }, async () => {
    for (let step = 0; step <= MOVES + 1; step++) {
      const dbPath = freshCopy();
      const run = await restoreKilledAt(dbPath, backup, step);
      expect(run.killed, `step ${step}`).toBe(true);
      expect(run.steps.at(-1)).toBe(step);
      if (step <= MOVES) expect(existsSync(join(dbPath, '..', 'dinsos-data', 'pulih-jurnal.json')), `journal at step ${step}`).toBe(true);

      const state = await afterRestart(dbPath);
      expect(state.integrity).toBe('ok');
      expect(state.users, `step ${step}`).toEqual(NEW);
      expect(state.foto, `step ${step}: attachments belong to the same data`).toBe('baru');
      expect(state.sesudah).toBe(false);
      expect(state.journal).toBe(false);
      expect(state.leftovers).toEqual([]);
      expect(state.needsSetup).toBe(false);
      // The restore is in the restored database's audit log whichever side of the crash recorded it.
      expect(state.notes.some((n) => /cadangan\.dsbak/.test(n)), `audit at step ${step}`).toBe(true);
      // The old data is kept aside, whole.
      expect(state.aside.length).toBe(1);
      const asideDb = join(state.dataDir, 'sebelum-pulih', state.aside[0]!, 'dinsos.sqlite');
      const old = await openTestCore({ dbPath: asideDb });
      expect((await old.db.selectFrom('app_user').select('username').orderBy('username').execute()).map((u) => u.username)).toEqual(OLD);
      await old.close();
      expect(readFileSync(join(state.dataDir, 'sebelum-pulih', state.aside[0]!, 'lampiran', 'foto.jpg'), 'utf8')).toBe('lama');
    }
  });

  it('killed half-way and the prepared database then lost: the restart rolls back to the old data, whole', { timeout: 120_000 }, async () => {
    for (const step of [0, 4]) {
      const dbPath = freshCopy();
      await restoreKilledAt(dbPath, backup, step);
      rmSync(`${dbPath}.pulih.part`, { force: true });
      const state = await afterRestart(dbPath);
      expect(state.integrity).toBe('ok');
      expect(state.users, `step ${step}`).toEqual(OLD);
      expect(state.foto).toBe('lama');
      expect(state.sesudah).toBe(true);
      expect(state.journal).toBe(false);
      expect(state.notes.some((n) => /dibatalkan/.test(n))).toBe(true);
      expect(state.aside).toEqual([]); // nothing was kept aside: the old data is back in place
      expect(state.leftovers).toEqual([]); // nor is the prepared copy left behind
    }
  });

  it('a second restart after a finished recovery changes nothing', async () => {
    const dbPath = freshCopy();
    await restoreKilledAt(dbPath, backup, 3);
    const first = await afterRestart(dbPath);
    const second = await afterRestart(dbPath);
    expect(second.users).toEqual(first.users);
    expect(second.notes.length).toBe(first.notes.length);
  });
});
