import type { ApiResult } from '../../../shared/api/result';
import { AppError } from '../api/errors';
import { Outbox, type OutboxFile } from '../files/outbox';
import type { Platform } from '../platform';
import { CORE_RESTARTED, CORE_STOPPED, fail, fromCoreSchema, MAX_CALL_NAME, type CoreInit, type FromCore, type PlatformMethod, type ToCore } from './protocol';

/** The parent's handle on one core process: Electron's UtilityProcess or a Node ChildProcess behind one shape. */
export interface ChildHandle {
  readonly pid: number | undefined;
  send(message: ToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SpawnCore = () => ChildHandle;

export interface CoreHostOptions {
  spawn: SpawnCore;
  init: Omit<CoreInit, 'platform'>;
  /** Runs here, in the parent: the core process asks for PDFs, printing and dialogs through the protocol. */
  platform: Platform;
  /** Restarts stop after this many crashes within `crashWindowMs` (default 3 in a minute). */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Told after each unexpected stop, with whether the core process is being started again. */
  onCrash?: (restarting: boolean) => void;
}

/** One caller (a window, a browser-mode token), as the main-side code offers it to a transport. */
export interface CoreClient {
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  /** A finished file of this caller's (browser mode's download); null for anyone else's, as for an unknown id. */
  file(id: string): Promise<OutboxFile | null>;
}

/** What the IPC relay and the browser-mode server need from the core, in-process or in its own process. */
export interface CoreClients {
  createClient(): CoreClient;
}

type Pending =
  | { kind: 'call'; client: HostClient; settle: (result: ApiResult<unknown>) => void }
  | { kind: 'done'; settle: (value: string | null) => void }
  | { kind: 'file'; settle: (file: OutboxFile | null) => void };
interface HostClient {
  id: number;
  /** The core process generation this client last talked to (undefined: never). */
  generation?: number;
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * The core in its own process. Calls go out with an id and come back as results; the core process asks for
 * Platform work (PDF, print, dialogs) the same way. When the process dies, pending calls fail with a clear
 * message, a new process starts (sign-ins are lost; committed data is in the database), and each client's
 * next call says so once. After `maxCrashes` crashes within `crashWindowMs` it is not started again.
 */
export class CoreHost implements CoreClients {
  private child: ChildHandle | null = null;
  private starting: Promise<void> | null = null;
  private generation = 0;
  private nextId = 1;
  private nextClient = 1;
  private readonly pending = new Map<number, Pending>();
  private crashes: number[] = [];
  private stopped: { code: string; message: string } | null = null;
  private closing = false;
  private paths: Extract<FromCore, { t: 'ready' }>['paths'] | null = null;
  private outboxCache: Outbox | null = null;

  constructor(private readonly options: CoreHostOptions) {}

  /** Starts the core process; rejects with the database's AppError when it cannot be opened. */
  start(): Promise<void> {
    this.stopped = null;
    this.starting = this.spawn();
    return this.starting;
  }

  /** The process id of the running core process (tests kill it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get dbPath(): string {
    return this.requirePaths().dbPath;
  }

  /** The data folder: transports stream picked files into its staging folder (files/incoming.ts). */
  get dataDir(): string {
    return this.requirePaths().dataDir;
  }

  /**
   * Finished files (exports, rejected rows) as the core itself reads them, whoever they belong to: for tests.
   * A caller reaches only its own, through its client's `file(id)`.
   */
  get outbox(): Pick<Outbox, 'get'> {
    return (this.outboxCache ??= new Outbox(this.requirePaths().outboxDir));
  }

  createClient(): CoreClient {
    const client: HostClient = { id: this.nextClient++ };
    return { call: (name, input) => this.call(client, name, input), file: (id) => this.file(client, id) };
  }

  /** The backup-on-exit (when the admin enabled it); never throws. */
  async backupOnExit(): Promise<string | null> {
    if (!this.child || this.stopped) return null;
    // No time limit: a large office's backup may take minutes, and cutting it short leaves no backup.
    return this.request((id) => ({ t: 'backupOnExit', id }), null, null).catch(() => null);
  }

  /** Closes the database in the core process, then ends it. */
  async close(): Promise<void> {
    this.closing = true;
    const child = this.child;
    if (!child) return;
    await this.request((id) => ({ t: 'close', id }), null, STOP_TIMEOUT_MS).catch(() => null);
    child.kill();
    this.child = null;
  }

  private requirePaths() {
    if (!this.paths) throw new Error('core process not started');
    return this.paths;
  }

  private async call(client: HostClient, name: unknown, input: unknown): Promise<ApiResult<unknown>> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (this.stopped) return fail(this.stopped);
    if (!this.child) return fail(CORE_STOPPED);
    // Told once per client that its sign-in was lost with the old process.
    if (client.generation !== undefined && client.generation !== this.generation) {
      client.generation = this.generation;
      return fail(CORE_RESTARTED);
    }
    client.generation = this.generation;
    // The core process drops a message its schema refuses: refuse such a call here, so it cannot hang.
    if (typeof name !== 'string' || name.length > MAX_CALL_NAME) return fail({ code: 'UNKNOWN_CALL', message: 'Perintah tidak dikenal.' });
    const child = this.child;
    const id = this.nextId++;
    return new Promise<ApiResult<unknown>>((settle) => {
      this.pending.set(id, { kind: 'call', client, settle });
      try {
        child.send({ t: 'call', id, client: client.id, name, input });
      } catch {
        // Input that cannot cross a process boundary (structured clone).
        this.pending.delete(id);
        settle(fail({ code: 'INVALID_INPUT', message: 'Data permintaan tidak dapat dikirim ke proses inti.' }));
      }
    });
  }

  private async file(client: HostClient, fileId: string): Promise<OutboxFile | null> {
    if (this.starting) await this.starting.catch(() => undefined);
    // A new core process knows no sign-in: the client's session went with the old one.
    const child = this.child;
    if (!child || this.stopped || client.generation !== this.generation) return null;
    const id = this.nextId++;
    return new Promise<OutboxFile | null>((settle) => {
      this.pending.set(id, { kind: 'file', settle });
      child.send({ t: 'file', id, client: client.id, fileId });
    });
  }

  private request(message: (id: number) => ToCore, timeoutValue: string | null, timeoutMs: number | null): Promise<string | null> {
    const child = this.child!;
    const id = this.nextId++;
    return new Promise<string | null>((settle) => {
      const timer = timeoutMs === null ? undefined : setTimeout(() => settle(timeoutValue), timeoutMs);
      this.pending.set(id, {
        kind: 'done',
        settle: (value) => {
          clearTimeout(timer);
          settle(value);
        },
      });
      child.send(message(id));
    });
  }

  private spawn(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const child = this.options.spawn();
      this.child = child;
      let opened = false;
      child.onMessage((raw) => {
        const parsed = fromCoreSchema.safeParse(raw);
        // A malformed message is dropped (never echoed: it may hold personal data).
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.t === 'ready') {
          opened = true;
          this.paths = message.paths;
          this.outboxCache = null;
          this.starting = null;
          resolve();
        } else if (message.t === 'openFailed') {
          this.starting = null;
          this.child = null;
          child.kill();
          reject(new AppError(message.error.code, message.error.message));
        } else if (message.t === 'result') {
          const waiting = this.pending.get(message.id);
          if (waiting?.kind === 'call') {
            this.pending.delete(message.id);
            waiting.settle(message.result);
          }
        } else if (message.t === 'done') {
          const waiting = this.pending.get(message.id);
          if (waiting?.kind === 'done') {
            this.pending.delete(message.id);
            waiting.settle(message.value);
          }
        } else if (message.t === 'file') {
          const waiting = this.pending.get(message.id);
          if (waiting?.kind === 'file') {
            this.pending.delete(message.id);
            waiting.settle(message.file);
          }
        } else if (message.t === 'platform') {
          void this.platformCall(message).then((result) => child.send({ t: 'platformResult', id: message.id, result }));
        }
      });
      child.onExit(() => {
        if (this.child !== child) return;
        this.child = null;
        if (!opened) {
          this.starting = null;
          reject(new AppError('CORE_STOPPED', 'Proses inti berhenti sebelum basis data terbuka.'));
        }
        this.crashed();
      });
      child.send({ t: 'init', init: { ...this.options.init, platform: { kind: this.options.platform.kind, optional: offered(this.options.platform) } } });
    });
  }

  private crashed() {
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      if (waiting.kind !== 'call') waiting.settle(null);
      else {
        waiting.client.generation = this.generation + 1;
        waiting.settle(fail(CORE_RESTARTED));
      }
    }
    if (this.closing) return;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < (this.options.crashWindowMs ?? 60_000)), now];
    const restarting = this.crashes.length < (this.options.maxCrashes ?? 3);
    this.options.onCrash?.(restarting);
    if (!restarting) {
      this.stopped = CORE_STOPPED;
      return;
    }
    this.generation += 1;
    this.starting = this.spawn().catch((error: unknown) => {
      this.stopped = error instanceof AppError ? { code: error.code, message: error.message } : CORE_STOPPED;
    });
  }

  private async platformCall(request: Extract<FromCore, { t: 'platform' }>): Promise<ApiResult<unknown>> {
    const platform = this.options.platform;
    try {
      switch (request.method) {
        case 'htmlToPdf':
          return { ok: true, value: new Uint8Array(await platform.htmlToPdf(...request.args)) };
        case 'print':
          if (!platform.print) break;
          await platform.print(...request.args);
          return { ok: true, value: null };
        case 'chooseSavePath':
          if (!platform.chooseSavePath) break;
          return { ok: true, value: await platform.chooseSavePath(...request.args) };
        case 'chooseFolder':
          if (!platform.chooseFolder) break;
          return { ok: true, value: await platform.chooseFolder(...request.args) };
        case 'encryptSecret':
          if (!platform.secrets) break;
          return { ok: true, value: await platform.secrets.encrypt(...request.args) };
        case 'decryptSecret':
          if (!platform.secrets) break;
          return { ok: true, value: await platform.secrets.decrypt(...request.args) };
      }
      return fail({ code: 'NOT_SUPPORTED', message: 'Tidak tersedia di mode ini.' });
    } catch (error) {
      if (error instanceof AppError) return fail({ code: error.code, message: error.message });
      return fail({ code: 'PLATFORM_FAILED', message: 'Jendela aplikasi tidak dapat menjalankan permintaan ini (cetak, PDF atau dialog berkas).' });
    }
  }
}

function offered(platform: Platform): PlatformMethod[] {
  const methods: PlatformMethod[] = (['print', 'chooseSavePath', 'chooseFolder'] as const).filter((m) => typeof platform[m] === 'function');
  return platform.secrets ? [...methods, 'encryptSecret', 'decryptSecret'] : methods;
}
