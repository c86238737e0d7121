/**
 * The command line's way to the core: contract calls, as the window makes them. `npm run cli` forks the core
 * into its own process (the same CoreHost and coreChild as browser mode and the desktop app), so a hostile
 * sheet is read there, in the core's job worker, never in the process that prints the results. Tests that
 * call runCli in-process may open the core in-process instead; the commands cannot tell the difference.
 */
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { UploadPurpose, UploadRef } from '../../shared/api/files';
import type { JobStatus } from '../../shared/api/jobs';
import type { ApiResult } from '../../shared/api/result';
import { AppError } from '../core/api/errors';
import { uploadThrough } from '../core/files/incoming';
import type { OutboxFile } from '../core/files';
import { CoreHost } from '../core/host/host';
import { forkNodeCore } from '../core/host/nodeChild';
import type { Platform } from '../core/platform';

/** A core for one command: every call made as the command line's session (CoreInit `session: 'cli'`). */
export interface CliApi {
  /** The process the core runs in: the forked child under `npm run cli`, this one in-process. */
  readonly corePid: number;
  /** A contract call's value; a failure is thrown as the AppError the core answered. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Hands a file on disk to the core as a picked file (streamed into its data folder, then claimed). */
  upload(path: string, purpose: UploadPurpose): Promise<UploadRef>;
  /** Polls a started job until it ends; its result, or its error thrown. `onProgress` sees each running status. */
  job<R>(started: JobStatus, onProgress?: (status: JobStatus) => void): Promise<R>;
  /** A finished file of the command line's (an export, a rejected-rows sheet), where the core keeps it. */
  file(id: string): Promise<OutboxFile>;
  /** Copies a finished file to `target` (through a temporary name, so a half-written file never has its name). */
  saveFile(id: string, target: string): Promise<void>;
  close(): Promise<void>;
}

/** The scripts a forked core runs: the core process's entry and its job worker's. */
export interface CoreScripts {
  child: string;
  worker: string;
  /** Node options of the core process (default: this process's, e.g. tsx's loader). */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** `npm run cli` runs TypeScript through tsx: the core process inherits its loader, the worker gets a shim. */
export function tsxCoreScripts(): CoreScripts {
  return { child: join(__dirname, '../core/host/coreChild.ts'), worker: join(__dirname, 'jobWorker.mjs'), execArgv: process.execArgv };
}

export const cliPlatform: Platform = {
  kind: 'cli',
  async htmlToPdf() {
    throw new AppError('NOT_SUPPORTED', 'PDF tidak dibuat dari baris perintah; gunakan aplikasi.');
  },
};

/** Jobs are polled as the window polls them: often at first, then every quarter second. */
function pollDelay(elapsedMs: number): number {
  return elapsedMs < 3000 ? 100 : 250;
}

interface Client {
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  file(id: string): Promise<OutboxFile | null>;
}

function apiOver(client: Client, dataDir: string, corePid: number, close: () => Promise<void>): CliApi {
  const unwrap = <T>(result: ApiResult<unknown>): T => {
    if (!result.ok) throw new AppError(result.error.code, result.error.message);
    return result.value as T;
  };
  const api: CliApi = {
    corePid,
    async call(name, input) {
      return unwrap(await client.call(name, input));
    },
    async upload(path, purpose) {
      return unwrap<UploadRef>(await uploadThrough((n, i) => client.call(n, i), dataDir, createReadStream(path), basename(path), purpose));
    },
    async job<R>(started: JobStatus, onProgress?: (status: JobStatus) => void): Promise<R> {
      const since = Date.now();
      let status = started;
      while (status.state === 'running') {
        onProgress?.(status);
        await new Promise((resolve) => setTimeout(resolve, pollDelay(Date.now() - since)));
        status = await api.call('jobs.status', { id: status.id });
      }
      if (status.state === 'done') return status.result as R;
      throw new AppError(status.error?.code ?? 'CANCELLED', status.error?.message ?? 'Pekerjaan dibatalkan.');
    },
    async file(id) {
      const file = await client.file(id);
      if (!file) throw new AppError('NOT_FOUND', 'Berkas hasil tidak ditemukan.');
      return file;
    },
    async saveFile(id, target) {
      const file = await api.file(id);
      const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
      try {
        copyFileSync(file.path, temp);
        renameSync(temp, target);
      } catch (error) {
        rmSync(temp, { force: true });
        throw new AppError('FILE_WRITE_FAILED', `Berkas tidak dapat disimpan di ${target}: ${(error as Error).message}`);
      }
    },
    close,
  };
  return api;
}

/** Opens the database at `dbPath` (or the default) in a forked core process, or in this one without `fork`. */
export async function openCliApi(options: { dbPath?: string; resourcesDir: string; fork?: CoreScripts }): Promise<CliApi> {
  const { dbPath, resourcesDir, fork } = options;
  if (!fork) {
    // Loaded here only: under `npm run cli` the core is the forked process's alone, never loaded into this one.
    const { openCore } = await import('../core/app');
    const core = await openCore({ resourcesDir, platform: cliPlatform, session: 'cli', ...(dbPath ? { dbPath } : {}) });
    return apiOver(core.createClient(), core.paths.dataDir, process.pid, () => core.close());
  }
  const host = new CoreHost({
    spawn: forkNodeCore(fork.child, { execArgv: fork.execArgv ?? process.execArgv, ...(fork.env ? { env: fork.env } : {}) }),
    init: { dbPath, resourcesDir, autoBackup: false, workerPath: fork.worker, session: 'cli' },
    platform: cliPlatform,
    // One command, one core: a core process that dies ends the command with its error, it is not restarted.
    maxCrashes: 1,
  });
  await host.start();
  const pid = host.pid ?? 0;
  return apiOver(host.createClient(), host.dataDir, pid, () => host.close());
}
