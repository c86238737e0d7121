import { randomBytes } from 'node:crypto';
import type { JobStatus } from '../../../shared/api/jobs';
import { AppError, expectedFailure } from '../api/errors';
import { DB_COMMIT_UNKNOWN_JOB_MESSAGE, DB_UNREACHABLE_JOB_MESSAGE, isCommitOutcomeUnknown } from '../db/connectionLost';
import type { JobKind } from './kinds';

export interface JobHandle {
  readonly signal: AbortSignal;
  progress(done: number, total?: number | null, label?: string): void;
  /** What the running job can already show (status.partial); the job keeps it bounded. */
  partial(value: unknown): void;
  /** Throws a JOB_CANCELLED AppError when the user pressed cancel; call it between units of work. */
  throwIfCancelled(): void;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

interface Entry {
  status: JobStatus;
  controller: AbortController;
  finishedAt?: number;
}

/**
 * Long work runs here and the UI polls its status: identical for IPC and browser mode. In the core process a
 * runner also mirrors the jobs that run in the job worker (`track`/`update`), so status, cancel and
 * `runningCount` answer from here at once, whatever the worker is busy with.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  private readonly listeners = new Set<(status: JobStatus) => void>();

  /**
   * `cancelRequested(id)`: a cancel that arrives without this thread's event loop turning (the job worker
   * reads a flag the core process sets in shared memory), so a long synchronous stretch of work still stops
   * at its next `throwIfCancelled`.
   */
  constructor(private readonly options: { cancelRequested?: (id: string) => boolean } = {}) {}

  /** Called with a copy of a job's status when it starts, progresses and ends (the job worker reports it). */
  onChange(listener: (status: JobStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(status: JobStatus) {
    for (const listener of this.listeners) listener({ ...status });
  }

  /** A job running elsewhere: its status arrives through `update`; cancelling it calls `cancel`. */
  track(status: JobStatus, cancel: () => void): void {
    this.sweep();
    const controller = new AbortController();
    controller.signal.addEventListener('abort', cancel, { once: true });
    const entry: Entry = { status: { ...status }, controller };
    if (status.state !== 'running') entry.finishedAt = Date.now();
    this.jobs.set(status.id, entry);
    this.changed(entry.status);
  }

  /** The latest status of a tracked job; false when the job is not known here. */
  update(status: JobStatus): boolean {
    const entry = this.jobs.get(status.id);
    if (!entry) return false;
    entry.status = { ...status };
    if (status.state !== 'running') entry.finishedAt ??= Date.now();
    this.changed(entry.status);
    return true;
  }

  /** Ends every running tracked job with this failure (the process running them stopped). */
  failRunning(error: { code: string; message: string }): void {
    for (const entry of this.jobs.values()) {
      if (entry.status.state !== 'running') continue;
      entry.status = { ...entry.status, state: 'failed', error };
      entry.finishedAt = Date.now();
      this.changed(entry.status);
    }
  }

  /** Starts a job of a declared kind (jobs/kinds.ts says whether it commits). */
  start<R>(kind: JobKind, label: string, work: (job: JobHandle) => Promise<R>): JobStatus<R> {
    this.sweep();
    const id = randomBytes(8).toString('hex');
    const controller = new AbortController();
    const started = Date.now();
    const status: JobStatus = {
      id,
      kind,
      state: 'running',
      label,
      done: 0,
      total: null,
      ratePerSecond: null,
      startedAt: new Date(started).toISOString(),
      result: null,
      error: null,
    };
    const entry: Entry = { status, controller };
    this.jobs.set(id, entry);
    const changed = () => this.changed(status);
    const handle: JobHandle = {
      signal: controller.signal,
      progress(done, total, text) {
        status.done = done;
        if (total !== undefined) status.total = total;
        if (text) status.label = text;
        const seconds = (Date.now() - started) / 1000;
        status.ratePerSecond = seconds > 0 ? Math.round(done / seconds) : null;
        changed();
      },
      partial(value) {
        status.partial = value;
        changed();
      },
      throwIfCancelled: () => {
        if (!controller.signal.aborted && this.options.cancelRequested?.(id)) controller.abort();
        if (controller.signal.aborted) throw new AppError('JOB_CANCELLED', 'Dibatalkan oleh pengguna. Tidak ada data yang diubah.');
      },
    };
    // Start on the next turn so the caller gets the status before any work blocks.
    setImmediate(() => {
      work(handle).then(
        (result) => {
          status.state = 'done';
          status.result = result;
          entry.finishedAt = Date.now();
          changed();
        },
        (error: unknown) => {
          const cancelled = error instanceof AppError && error.code === 'JOB_CANCELLED';
          status.state = cancelled ? 'cancelled' : 'failed';
          // A job answers as a call does (a lost office server is DB_UNREACHABLE, the window's banner).
          const known = expectedFailure(error);
          const unreachable = isCommitOutcomeUnknown(error) ? DB_COMMIT_UNKNOWN_JOB_MESSAGE : DB_UNREACHABLE_JOB_MESSAGE;
          status.error = known ? { code: known.code, message: known.code === 'DB_UNREACHABLE' ? unreachable : known.message } : { code: 'INTERNAL', message: 'Terjadi kesalahan tak terduga saat menjalankan pekerjaan ini.' };
          if (!known) console.error(error);
          entry.finishedAt = Date.now();
          changed();
        },
      );
    });
    changed();
    return status as JobStatus<R>;
  }

  status(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', 'Pekerjaan tidak ditemukan (mungkin sudah lama selesai).');
    return { ...entry.status };
  }

  cancel(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('NOT_FOUND', 'Pekerjaan tidak ditemukan (mungkin sudah lama selesai).');
    entry.controller.abort();
    return { ...entry.status };
  }

  /** How many jobs are still running (a restore waits until none are). */
  runningCount(): number {
    let n = 0;
    for (const e of this.jobs.values()) if (e.status.state === 'running') n += 1;
    return n;
  }

  /** Resolves when the job has finished (for the CLI and tests). */
  async wait(id: string, pollMs = 20): Promise<JobStatus> {
    for (;;) {
      const s = this.status(id);
      if (s.state !== 'running') return s;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private sweep() {
    const now = Date.now();
    for (const [id, e] of this.jobs) if (e.finishedAt && now - e.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
