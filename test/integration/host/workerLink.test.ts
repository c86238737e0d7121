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
import { WorkerLink } from '../../../electron/core/host/workerLink';

const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.t === 'close') return parentPort.postMessage({ t: 'closed' });
  if (m.t !== 'call') return;
  const status = { id: require('node:crypto').randomBytes(8).toString('hex'), kind: 'import.commit', state: 'running', label: 'Menyimpan', done: 10, total: 100, ratePerSecond: null, startedAt: new Date().toISOString(), result: null, error: null };
  parentPort.postMessage({ t: 'job', status });
  parentPort.postMessage({ t: 'result', id: m.id, result: { ok: true, value: status }, session: m.session, lastActivity: m.lastActivity + 1 });
  if (m.input === 'die') setTimeout(() => process.exit(1), 50);
});
parentPort.postMessage({ t: 'ready' });
`;

const session: SessionInfo = { userId: 1, username: 'admin', nama: 'Siti', role: 'admin', permissions: [], wilayah: [] };

describe('WorkerLink (core process side of the job worker)', () => {
  it('marks the running job failed when the worker thread dies, and starts a new worker for the next job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dinsos-worker-'));
    const script = join(dir, 'worker.cjs');
    writeFileSync(script, WORKER);
    const jobs = new JobRunner();
    const link = new WorkerLink(script, { dbPath: '', dataDir: dir, resourcesDir: dir, kind: 'web', autoBackup: false }, jobs);
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
