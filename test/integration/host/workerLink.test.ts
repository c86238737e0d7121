/**
 * The core process's link to its job worker, against a scripted worker thread that dies part-way through a
 * job (as an out-of-memory import would): the job is shown as failed with a clear message instead of
 * "running" forever, a restore is no longer blocked by it, and the next job call starts a new worker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../shared/api/auth';
import { JobRunner } from '../../../electron/core/jobs/runner';
import { JOB_WORKER_OLD_SPACE_MB, JOB_WORKER_YOUNG_SPACE_MB, WorkerLink } from '../../../electron/core/host/workerLink';
import { DB_UNREACHABLE_JOB_MESSAGE } from '../../../electron/core/db/connectionLost';

const WORKER = `
const { parentPort } = require('node:worker_threads');
const flags = new Int32Array(new SharedArrayBuffer(4 * 64));
let seq = 0;
parentPort.on('message', (m) => {
  if (m.t === 'close') return parentPort.postMessage({ t: 'closed' });
  if (m.t !== 'call') return;
  seq += 1;
  const cancel = { slot: seq % 64, seq };
  const status = { id: require('node:crypto').randomBytes(8).toString('hex'), kind: 'import.commit', state: 'running', label: 'Menyimpan', done: 10, total: 100, ratePerSecond: null, startedAt: new Date().toISOString(), result: null, error: null };
  if (m.input === 'heap') status.label = String(require('node:v8').getHeapStatistics().heap_size_limit);
  parentPort.postMessage({ t: 'job', status, cancel });
  parentPort.postMessage({ t: 'result', id: m.id, result: { ok: true, value: status }, session: m.session, lastActivity: m.lastActivity + 1 });
  if (m.input === 'die') setTimeout(() => process.exit(1), 50);
  if (m.input === 'spin') {
    // Synchronous work for up to 20 s: no 'cancel' message can arrive, only the shared flag.
    setTimeout(() => {
      const end = Date.now() + 20000;
      while (Date.now() < end && Atomics.load(flags, cancel.slot) !== cancel.seq);
      parentPort.postMessage({ t: 'job', status: { ...status, state: Date.now() < end ? 'cancelled' : 'done' } });
    }, 10);
  }
});
parentPort.postMessage({ t: 'ready', cancelFlags: flags.buffer });
`;

const session: SessionInfo = { userId: 1, username: 'admin', nama: 'Siti', role: 'admin', permissions: [], wilayah: [] };

function scriptedLink() {
  const dir = mkdtempSync(join(tmpdir(), 'dinsos-worker-'));
  const script = join(dir, 'worker.cjs');
  writeFileSync(script, WORKER);
  const jobs = new JobRunner();
  const link = new WorkerLink(script, { dbPath: '', dataDir: dir, resourcesDir: dir, kind: 'web', autoBackup: false }, jobs);
  return { jobs, link };
}

describe('WorkerLink (core process side of the job worker)', () => {
  it('reaches a job that is in the middle of synchronous work: the cancel is a flag in shared memory, not only a message', async () => {
    const { jobs, link } = scriptedLink();
    const started = (await link.call({ session, lastActivity: 0 }, 'imports.commit', 'spin')) as { ok: true; value: { id: string } };
    await new Promise((r) => setTimeout(r, 100));
    jobs.cancel(started.value.id);
    // Only the shared flag can end the spin early: without it the job spins its 20 s and reports 'done'.
    await expect.poll(() => jobs.status(started.value.id).state).toBe('cancelled');
    await link.stop();
  });

  it('lets a job stop at throwIfCancelled when its runner is told of a cancel from outside its event loop', async () => {
    let asked = 0;
    const jobs = new JobRunner({ cancelRequested: () => ++asked > 3 });
    const job = jobs.start('import.commit', 'Menyimpan', async (handle) => {
      for (let i = 0; i < 1e6; i++) handle.throwIfCancelled();
      return 'selesai';
    });
    const end = await jobs.wait(job.id, 5);
    expect(end).toMatchObject({ state: 'cancelled', error: { code: 'JOB_CANCELLED' } });
    expect(asked).toBe(4);
  });

  it('ends a job whose office server went away as DB_UNREACHABLE with the Indonesian message, not INTERNAL', async () => {
    const jobs = new JobRunner();
    const job = jobs.start('import.commit', 'Menyimpan', async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    });
    const end = await jobs.wait(job.id, 5);
    expect(end).toMatchObject({ state: 'failed', error: { code: 'DB_UNREACHABLE', message: DB_UNREACHABLE_JOB_MESSAGE } });
    // A job is never retried by the app: its message says to run it again, not that the app tries again.
    expect(end.error?.message).toContain('jalankan lagi');
  });

  it('runs jobs under its own V8 heap limits: below 2 GB, where V8 lets a heap grow to at most 2x its live size between collections, and a young generation smaller than the default', async () => {
    const { link } = scriptedLink();
    const r = (await link.call({ session, lastActivity: 0 }, 'imports.commit', 'heap')) as { ok: true; value: { label: string } };
    const limitMb = Number(r.value.label) / 1024 / 1024;
    // The limit counts the young generation too; the default on a 64-bit machine with this much memory is ~4 GB,
    // and V8's default young generation (48 MB) would put it above the sum of the two.
    expect(limitMb).toBeGreaterThanOrEqual(JOB_WORKER_OLD_SPACE_MB);
    expect(limitMb).toBeLessThanOrEqual(JOB_WORKER_OLD_SPACE_MB + JOB_WORKER_YOUNG_SPACE_MB);
    expect(limitMb).toBeLessThan(2048);
    await link.stop();
  });

  it('marks the running job failed when the worker thread dies, and starts a new worker for the next job', async () => {
    const { jobs, link } = scriptedLink();
    const client = { session, lastActivity: 1000 };

    const first = (await link.call(client, 'imports.commit', 'die')) as { ok: true; value: { id: string; state: string } };
    expect(first.value.state).toBe('running');
    const id = first.value.id;
    // The mirror answers at once, and the caller's activity time came back from the worker.
    expect(jobs.status(id).state).toBe('running');
    expect(client.lastActivity).toBe(1001);
    expect(jobs.runningCount()).toBe(1);

    await expect.poll(() => jobs.status(id).state).toBe('failed');
    expect(jobs.status(id).error).toEqual({ code: 'JOB_WORKER_STOPPED', message: expect.stringContaining('Pekerjaan latar berhenti tak terduga') });
    expect(jobs.runningCount()).toBe(0);

    const second = (await link.call(client, 'imports.commit', 'live')) as { ok: true; value: { id: string } };
    expect(second.value.id).not.toBe(id);
    expect(jobs.status(second.value.id).state).toBe('running');
    await link.stop();
  });
});
