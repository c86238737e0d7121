import { join } from 'node:path';
import { sql } from 'kysely';
import { lookupCall } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { AppError } from '../api/errors';
import { claimJob, isJobStatus } from '../api/jobOwners';
import { startBackupScheduler } from '../backup/scheduler';
import { jobCommits } from '../jobs/kinds';
import type { JobRunner } from '../jobs/runner';
import { openCore, type Core } from '../app';
import type { Platform } from '../platform';
import { fail, WORKER_CALLS, platformResultSchemas, toCoreSchema, type CoreInit, type FromCore, type PlatformMethod, type PlatformRequest, type ToCore } from './protocol';
import { WorkerLink } from './workerLink';

/** The core process's end of the channel to its parent (Electron's parentPort or Node's IPC channel). */
export interface ParentLink {
  send(message: FromCore): void;
  onMessage(listener: (message: unknown) => void): void;
}

/**
 * While the job worker commits (an import, a returned workbook: every job kind declared `commits` in
 * jobs/kinds.ts, or a changing call it runs) it holds SQLite's write lock. A save on the serving connection
 * then waits at most this long (not the default 5 s, during which every other call queues behind it on the one
 * connection) and answers DB_BUSY: "save again after the import".
 */
export const BUSY_TIMEOUT_DURING_IMPORT_MS = 250;

/**
 * A change asked for while the job worker commits waits here for it to end, at most this long, before it
 * reaches the connection (so reads keep answering meanwhile); only then does it meet the short busy wait above
 * and answer DB_BUSY. A save during an import of a few thousand rows is thus stored, not refused.
 */
export const WRITE_WAIT_DURING_IMPORT_MS = 10_000;

const PLATFORM_FAILED = 'Jendela aplikasi tidak dapat menjalankan permintaan ini (cetak, PDF atau dialog berkas).';

/**
 * Runs in the core process: waits for `init`, opens the database, then answers calls from the parent. Job
 * calls go to the job worker thread; Platform calls (PDF, print, dialogs) go back to the parent.
 */
export function serveCore(link: ParentLink, defaultWorkerPath = join(__dirname, 'jobWorker.js')): void {
  let core: Core | null = null;
  let worker: WorkerLink | null = null;
  let scheduler: { stop(): void } | null = null;
  let writes: WriteQueue | null = null;
  const clients = new Map<number, ReturnType<Core['createClient']>>();
  const platformCalls = new Map<number, { method: PlatformMethod; settle: (result: ApiResult<unknown>) => void }>();
  let nextPlatformId = 1;

  const send = (message: FromCore) => {
    try {
      link.send(message);
    } catch {
      if (message.t === 'result') link.send({ t: 'result', id: message.id, result: fail({ code: 'INTERNAL', message: 'Hasil tidak dapat dikirim ke jendela aplikasi.' }) });
    }
  };

  const requestPlatform = async (request: PlatformRequest): Promise<unknown> => {
    const id = nextPlatformId++;
    const result = await new Promise<ApiResult<unknown>>((settle) => {
      platformCalls.set(id, { method: request.method, settle });
      send({ t: 'platform', id, ...request });
    });
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    const checked = platformResultSchemas[request.method].safeParse(result.value);
    if (!checked.success) throw new AppError('PLATFORM_FAILED', PLATFORM_FAILED);
    return checked.data;
  };

  async function open(init: CoreInit) {
    const offered = new Set(init.platform.optional);
    const platform: Platform = {
      kind: init.platform.kind,
      htmlToPdf: async (html, options) => Buffer.from((await requestPlatform({ method: 'htmlToPdf', args: [html, options] })) as Uint8Array),
      ...(offered.has('print') ? { print: async (html, options) => void (await requestPlatform({ method: 'print', args: [html, options] })) } : {}),
      ...(offered.has('chooseSavePath') ? { chooseSavePath: async (name) => (await requestPlatform({ method: 'chooseSavePath', args: [name] })) as string | null } : {}),
      ...(offered.has('chooseFolder') ? { chooseFolder: async (title) => (await requestPlatform({ method: 'chooseFolder', args: [title] })) as string | null } : {}),
      ...(offered.has('encryptSecret') && offered.has('decryptSecret')
        ? {
            secrets: {
              encrypt: async (plain) => (await requestPlatform({ method: 'encryptSecret', args: [plain] })) as Uint8Array,
              decrypt: async (cipher) => (await requestPlatform({ method: 'decryptSecret', args: [cipher] })) as string,
            },
          }
        : {}),
    };
    try {
      // The daily backup runs in the job worker, not on the connection that answers the window.
      core = await openCore({ dbPath: init.dbPath, dataDir: init.dataDir, resourcesDir: init.resourcesDir, platform, autoBackup: false, session: init.session });
    } catch (error) {
      const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: `Basis data tidak dapat dibuka: ${(error as Error).message}` };
      send({ t: 'openFailed', error: e });
      return;
    }
    const { paths } = core;
    const opened = core;
    // Kept up to date below: the demo (demo/handlers.ts) switches the core to another database file.
    const workerInit = { dbPath: paths.dbPath, dataDir: paths.dataDir, attachmentsDir: paths.attachmentsDir, resourcesDir: paths.resourcesDir, kind: init.platform.kind, autoBackup: init.autoBackup };
    const link = new WorkerLink(
      init.workerPath ?? defaultWorkerPath,
      workerInit,
      core.services.jobs,
      // Without a worker the daily backup runs here after all.
      () => {
        if (init.autoBackup) scheduler ??= startBackupScheduler(opened.services);
      },
    );
    worker = link;
    if (init.autoBackup) link.warmUp();
    // A restore replaces the database file: the worker's connection closes first (no job runs then).
    const reopen = core.services.reopen;
    core.services.reopen = async (swap) => {
      await link.stop();
      try {
        return await reopen(swap);
      } finally {
        // The worker's next start opens the database the core has open now.
        workerInit.dbPath = paths.dbPath;
        workerInit.attachmentsDir = paths.attachmentsDir;
        if (init.autoBackup && link.available) link.warmUp();
      }
    };
    writes = writeQueue(core, init.writeWaitMs ?? WRITE_WAIT_DURING_IMPORT_MS);
    send({ t: 'ready', paths: { dbPath: paths.dbPath, dataDir: paths.dataDir, outboxDir: paths.outboxDir } });
  }

  async function call(message: Extract<ToCore, { t: 'call' }>) {
    if (!core) return send({ t: 'result', id: message.id, result: fail({ code: 'INTERNAL', message: 'Basis data belum dibuka.' }) });
    const client = clientOf(message.client);
    const session = client.client.session;
    // A changing call waits for the worker's commit outside the connection (see WRITE_WAIT_DURING_IMPORT_MS).
    const changes = lookupCall(message.name)?.tx === true;
    if (changes && writes?.busy()) await writes.idle();
    if (worker?.available && session && WORKER_CALLS.has(message.name)) {
      // A changing call in the worker (SIKS-NG results) holds the write lock for its transaction: others queue.
      const release = changes ? writes?.hold() : undefined;
      const result = await worker.call(client.client, message.name, message.input).finally(() => release?.());
      if (result) {
        // The job belongs to its starter (jobs.status answers nobody else).
        if (result.ok && isJobStatus(result.value)) claimJob(core.services.jobs, result.value.id, session.userId);
        return send({ t: 'result', id: message.id, result });
      }
    }
    send({ t: 'result', id: message.id, result: await client.call(message.name, message.input) });
  }

  function clientOf(id: number) {
    let client = clients.get(id);
    if (!client) clients.set(id, (client = core!.createClient()));
    return client;
  }

  link.onMessage((raw) => {
    const parsed = toCoreSchema.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.t) {
      case 'init':
        if (!core) void open(message.init);
        return;
      case 'call':
        void call(message);
        return;
      case 'file':
        void (core ? clientOf(message.client).file(message.fileId) : Promise.resolve(null)).then((file) => send({ t: 'file', id: message.id, file }));
        return;
      case 'platformResult':
        platformCalls.get(message.id)?.settle(message.result);
        platformCalls.delete(message.id);
        return;
      case 'backupOnExit':
        void (core ? core.backupOnExit() : Promise.resolve(null)).then((value) => send({ t: 'done', id: message.id, value }));
        return;
      case 'close':
        void (async () => {
          scheduler?.stop();
          await worker?.stop().catch(() => undefined);
          await core?.close().catch(() => undefined);
          core = null;
          send({ t: 'done', id: message.id, value: null });
        })();
        return;
    }
  });
}

interface WriteQueue {
  /** Whether the job worker is committing now. */
  busy(): boolean;
  /** Resolves when the job worker commits no more, or after the longest wait. */
  idle(): Promise<void>;
  /** Marks a changing call sent to the job worker as committing until the returned release is called. */
  hold(): () => void;
}

/**
 * Follows what commits in the job worker (the jobs whose kind is declared `commits`, the changing calls sent
 * there): lowers the serving connection's busy timeout while one runs (restored after), and lets changing
 * calls wait for the end outside the connection.
 */
function writeQueue(core: Core, waitMs: number): WriteQueue {
  const jobs: JobRunner = core.services.jobs;
  const committing = new Set<string>();
  let nextHold = 1;
  let normal: number | null = null;
  let applied = Promise.resolve();
  let waiters: (() => void)[] = [];
  const update = (change: () => void) => {
    const was = committing.size > 0;
    change();
    const now = committing.size > 0;
    if (was === now) return;
    applied = applied.then(async () => {
      normal ??= Number((await sql<{ timeout: number }>`pragma busy_timeout`.execute(core.db)).rows[0]?.timeout ?? 5000);
      await sql.raw(`pragma busy_timeout = ${now ? BUSY_TIMEOUT_DURING_IMPORT_MS : normal}`).execute(core.db);
    }).catch(() => undefined);
    if (!now) {
      // Released once the normal busy timeout is back, so the first queued change does not meet the short one.
      const release = waiters;
      waiters = [];
      void applied.then(() => release.forEach((r) => r()));
    }
  };
  jobs.onChange((status) =>
    update(() => {
      if (jobCommits(status.kind) && status.state === 'running') committing.add(status.id);
      else committing.delete(status.id);
    }),
  );
  return {
    busy: () => committing.size > 0,
    hold() {
      const key = `call:${nextHold++}`;
      update(() => committing.add(key));
      return () => update(() => committing.delete(key));
    },
    idle: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }, waitMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiters.push(done);
      }),
  };
}
