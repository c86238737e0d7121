import { Worker } from 'node:worker_threads';
import type { ApiResult } from '../../../shared/api/result';
import type { Client } from '../api/context';
import type { JobRunner } from '../jobs/runner';
import type { WorkerInit } from './jobWorker';
import { fail, fromWorkerSchema, type FromWorker, type ToWorker } from './protocol';

/**
 * The job worker's V8 old-generation limit. V8 lets a heap grow to up to 4x what was live at its last full
 * collection when the limit is 2 GB or more (the default on a 64-bit machine with enough RAM), but to only
 * 1.3-2x below that. An import's live heap is ~80 MB even on a 1,048,575-row sheet (idTable.ts); with the
 * default limit its heap still swung up to ~360 MB between collections (import process peak 520-530 MB), with
 * this one ~170 MB (peak ~310 MB). 1.5 GB is far above what any job keeps live. The benchmarks run their
 * imports under the same limit (test/bench/bundle.ts).
 */
export const JOB_WORKER_OLD_SPACE_MB = 1536;
/**
 * The job worker's young generation (V8 makes it three semi-spaces: 8 MB each). With V8's default the 100,000-row
 * import's process peaked at 294-297 MB, with this at 279-281 MB, as fast (issue 20's target is under 300 MB;
 * `npm run bench import`, which runs its imports with the same sizes, test/bench/bundle.ts).
 */
export const JOB_WORKER_YOUNG_SPACE_MB = 24;

const WORKER_STOPPED = {
  code: 'JOB_WORKER_STOPPED',
  message: 'Pekerjaan latar berhenti tak terduga. Data yang belum selesai disimpan tidak diubah; ulangi pekerjaan ini.',
};

/**
 * The core process's side of the job worker thread: starts it on the first job call, forwards job calls with
 * the caller's sign-in state, mirrors the worker's job statuses into the core's JobRunner (so `jobs.status`
 * answers at once while the worker is busy) and forwards cancels.
 */
export class WorkerLink {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (message: Extract<FromWorker, { t: 'result' }> | null) => void>();
  private closed: (() => void) | null = null;

  constructor(
    private readonly script: string,
    private readonly init: WorkerInit,
    private readonly jobs: JobRunner,
    /** Told once when the worker cannot be started (its work then runs in the core process). */
    private readonly onUnavailable: () => void = () => undefined,
  ) {}

  private markUnavailable() {
    if (!this.available) return;
    this.available = false;
    console.error('[core] job worker could not start; jobs run in the core process');
    this.onUnavailable();
  }

  /** False once the worker could not be started (e.g. a packaging fault): job calls then run in the core process. */
  available = true;

  /** The call's result from the worker; null when the worker cannot be started (run the call here instead). */
  async call(client: Client, name: string, input: unknown): Promise<ApiResult<unknown> | null> {
    let worker: Worker;
    try {
      worker = await (this.ready ??= this.start());
    } catch (error) {
      this.ready = null;
      // The database refused the worker (e.g. being restored): say why. Anything else: the worker is unusable.
      if (isFailure(error) && error !== WORKER_STOPPED) return fail(error);
      this.markUnavailable();
      return null;
    }
    const id = this.nextId++;
    const answer = new Promise<Extract<FromWorker, { t: 'result' }> | null>((resolve) => this.pending.set(id, resolve));
    worker.postMessage({ t: 'call', id, name, input, session: client.session, lastActivity: client.lastActivity } satisfies ToWorker);
    const message = await answer;
    if (!message) return fail(WORKER_STOPPED);
    // The worker's dispatch may have locked an idle session or refreshed its activity time.
    client.session = message.session;
    client.lastActivity = Math.max(client.lastActivity, message.lastActivity);
    return message.result;
  }

  /** Starts the worker now (it runs the daily backup). */
  warmUp(): void {
    (this.ready ??= this.start()).catch((error: unknown) => {
      this.ready = null;
      if (!isFailure(error) || error === WORKER_STOPPED) this.markUnavailable();
    });
  }

  /** Closes the worker's database connection (before a restore replaces the file) and ends the thread. */
  async stop(): Promise<void> {
    const ready = this.ready;
    this.ready = null;
    if (!ready) return;
    const worker = await ready.catch(() => null);
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      this.closed = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.postMessage({ t: 'close' } satisfies ToWorker);
    });
    await worker.terminate();
  }

  private start(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(this.script, { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: JOB_WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: JOB_WORKER_YOUNG_SPACE_MB } });
      this.worker = worker;
      let flags: Int32Array | null = null;
      worker.on('message', (raw: unknown) => {
        const parsed = fromWorkerSchema.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.t === 'ready') {
          flags = message.cancelFlags ? new Int32Array(message.cancelFlags) : null;
          resolve(worker);
        }
        else if (message.t === 'openFailed') {
          reject(message.error);
          void worker.terminate();
        } else if (message.t === 'result') {
          this.pending.get(message.id)?.(message);
          this.pending.delete(message.id);
        } else if (message.t === 'job') {
          if (!this.jobs.update(message.status)) {
            const { cancel } = message;
            this.jobs.track(message.status, () => {
              // Seen by the job at its next check, even mid-way through synchronous work; the message wakes it if idle.
              if (flags && cancel) Atomics.store(flags, cancel.slot, cancel.seq);
              worker.postMessage({ t: 'cancel', jobId: message.status.id } satisfies ToWorker);
            });
          }
        } else if (message.t === 'closed') this.closed?.();
      });
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        reject(WORKER_STOPPED);
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        for (const resolvePending of this.pending.values()) resolvePending(null);
        this.pending.clear();
        this.jobs.failRunning(WORKER_STOPPED);
      });
    });
  }
}

function isFailure(value: unknown): value is { code: string; message: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { message?: unknown }).message === 'string';
}
