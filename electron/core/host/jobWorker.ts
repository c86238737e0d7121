/**
 * The job worker: a thread of the core process with its own database connection, where imports, exports,
 * backups and the duplicate scan run. Its CPU-bound checking and its long write transaction keep this
 * thread busy, never the one that answers the window. Entry script (bundled as jobWorker.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobStatus } from '../../../shared/api/jobs';
import { AppError } from '../api/errors';
import { openCore, type Core } from '../app';
import { JobRunner } from '../jobs/runner';
import { CANCEL_SLOTS, type FromWorker, type ToWorker } from './protocol';

export interface WorkerInit {
  dbPath: string;
  dataDir: string;
  /** The core's attachments folder (the demo database keeps its own: demo/handlers.ts); default: in dataDir. */
  attachmentsDir?: string;
  resourcesDir: string;
  kind: 'desktop' | 'web' | 'cli';
  /** The daily backup runs here too (its VACUUM INTO would hold the serving connection for seconds). */
  autoBackup: boolean;
}

/** Progress is reported at most this often per job (the core process answers status from its mirror). */
const PROGRESS_EVERY_MS = 100;

function post(message: FromWorker) {
  parentPort!.postMessage(message);
}

/**
 * Cancel flags in memory shared with the core process: it writes a job's sequence number into the job's slot,
 * and `throwIfCancelled` sees it at once, even in the middle of synchronous work that never lets this
 * thread's event loop deliver a 'cancel' message.
 */
function sharedCancels(core: Core) {
  const flags = new Int32Array(new SharedArrayBuffer(4 * CANCEL_SLOTS));
  const cancelOf = new Map<string, { slot: number; seq: number }>();
  let seq = 0;
  core.services.jobs = new JobRunner({
    cancelRequested(id) {
      const c = cancelOf.get(id);
      return !!c && Atomics.load(flags, c.slot) === c.seq;
    },
  });
  return {
    buffer: flags.buffer as SharedArrayBuffer,
    /** The job's slot and number (assigned when first seen; a stale flag of an older job never matches). */
    of(status: JobStatus) {
      let c = cancelOf.get(status.id);
      if (!c) {
        seq += 1;
        cancelOf.set(status.id, (c = { slot: seq % CANCEL_SLOTS, seq }));
      }
      if (status.state !== 'running') cancelOf.delete(status.id);
      return c;
    },
  };
}

/** Sends job status changes: start and end at once, progress at most every PROGRESS_EVERY_MS. */
function reportJobs(core: Core, cancels: ReturnType<typeof sharedCancels>) {
  const lastSent = new Map<string, number>();
  const pending = new Map<string, JobStatus>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    for (const status of pending.values()) send(status);
    pending.clear();
  };
  const send = (status: JobStatus) => {
    lastSent.set(status.id, Date.now());
    post({ t: 'job', status, cancel: cancels.of(status) });
  };
  core.services.jobs.onChange((status) => {
    const last = lastSent.get(status.id);
    if (status.state !== 'running' || last === undefined) {
      pending.delete(status.id);
      if (status.state !== 'running') lastSent.delete(status.id);
      send(status);
    } else if (Date.now() - last >= PROGRESS_EVERY_MS) {
      pending.delete(status.id);
      send(status);
    } else {
      pending.set(status.id, status);
      timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
    }
  });
}

async function main() {
  const init = workerData as WorkerInit;
  let core: Core;
  try {
    core = await openCore({
      dbPath: init.dbPath,
      dataDir: init.dataDir,
      ...(init.attachmentsDir ? { attachmentsDir: init.attachmentsDir } : {}),
      resourcesDir: init.resourcesDir,
      platform: {
        kind: init.kind,
        async htmlToPdf() {
          throw new AppError('NOT_SUPPORTED', 'Dokumen PDF tidak dibuat di dalam pekerjaan latar.');
        },
      },
      autoBackup: init.autoBackup,
    });
  } catch (error) {
    const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'Pekerja latar tidak dapat membuka basis data.' };
    post({ t: 'openFailed', error: e });
    return;
  }
  const cancels = sharedCancels(core);
  reportJobs(core, cancels);
  parentPort!.on('message', (message: ToWorker) => {
    if (message.t === 'call') {
      // A client for this one call, carrying the caller's sign-in state; dispatch checks it as usual.
      const { client, call } = core.createClient();
      client.session = message.session;
      client.lastActivity = message.lastActivity;
      void call(message.name, message.input).then((result) =>
        post({ t: 'result', id: message.id, result, session: client.session, lastActivity: client.lastActivity }),
      );
    } else if (message.t === 'cancel') {
      try {
        core.services.jobs.cancel(message.jobId);
      } catch {
        // Already swept: nothing to cancel.
      }
    } else if (message.t === 'close') {
      void core.close().finally(() => post({ t: 'closed' }));
    }
  });
  post({ t: 'ready', cancelFlags: cancels.buffer });
}

void main();
