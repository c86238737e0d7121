import { randomBytes } from 'node:crypto';
import type { JobStatus } from '../../../shared/api/jobs';
import { AppError } from '../api/errors';

export interface JobHandle {
  readonly signal: AbortSignal;
  progress(done: number, total?: number | null, label?: string): void;
  /** Throws a JOB_CANCELLED AppError when the user pressed cancel; call it between units of work. */
  throwIfCancelled(): void;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

/** Long work runs here and the UI polls its status: identical for IPC and browser mode. */
export class JobRunner {
  private readonly jobs = new Map<string, { status: JobStatus; controller: AbortController; finishedAt?: number }>();

  start<R>(kind: string, label: string, work: (job: JobHandle) => Promise<R>): JobStatus<R> {
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
    const entry: { status: JobStatus; controller: AbortController; finishedAt?: number } = { status, controller };
    this.jobs.set(id, entry);
    const handle: JobHandle = {
      signal: controller.signal,
      progress(done, total, text) {
        status.done = done;
        if (total !== undefined) status.total = total;
        if (text) status.label = text;
        const seconds = (Date.now() - started) / 1000;
        status.ratePerSecond = seconds > 0 ? Math.round(done / seconds) : null;
      },
      throwIfCancelled() {
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
        },
        (error: unknown) => {
          const cancelled = error instanceof AppError && error.code === 'JOB_CANCELLED';
          status.state = cancelled ? 'cancelled' : 'failed';
          status.error =
            error instanceof AppError
              ? { code: error.code, message: error.message }
              : { code: 'INTERNAL', message: 'Terjadi kesalahan tak terduga saat menjalankan pekerjaan ini.' };
          if (!(error instanceof AppError)) console.error(error);
          entry.finishedAt = Date.now();
        },
      );
    });
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
