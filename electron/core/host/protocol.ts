/**
 * The one message protocol between the app's main process (the Electron shell, the browser-mode server) and
 * the core process that owns the database, and between the core process and its job worker thread. Every
 * message is checked on arrival on both sides: neither end trusts the other's messages blindly.
 */
import { z } from 'zod';
import type { ApiResult } from '../../../shared/api/result';
import type { JobStatus } from '../../../shared/api/jobs';
import type { CallName } from '../../../shared/api/contract';
import type { SessionInfo } from '../../../shared/api/auth';
import type { OutboxFile } from '../files/outbox';
import type { PrintOptions } from '../platform';

/** What the core process needs to open the database (no functions cross a process boundary). */
export interface CoreInit {
  dbPath?: string | undefined;
  dataDir?: string | undefined;
  resourcesDir: string;
  autoBackup: boolean;
  /** Which platform the parent offers; the core's Platform forwards these calls to it. */
  platform: { kind: 'desktop' | 'web' | 'cli'; optional: PlatformMethod[] };
  /** The job worker's script; default: jobWorker.js beside the core process's script. */
  workerPath?: string | undefined;
  /** How long a change waits for a committing import before it is tried (default WRITE_WAIT_DURING_IMPORT_MS). */
  writeWaitMs?: number | undefined;
  /** 'cli': the command line's core, whose clients are signed in as the command line (auth/cliSession.ts). */
  session?: 'cli' | undefined;
}

export type PlatformMethod = 'htmlToPdf' | 'print' | 'chooseSavePath' | 'chooseFolder' | 'encryptSecret' | 'decryptSecret';

/** Longer call names are refused by the parent before sending (no contract call comes near). */
export const MAX_CALL_NAME = 200;

const failure = z.object({ code: z.string().max(100), message: z.string().max(10_000) }).loose();
const apiResult = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: failure })]);
const id = z.number().int().nonnegative();
const printOptions = z.object({ paper: z.enum(['A4', 'F4']), landscape: z.boolean() });

// ---- parent -> core process

export type ToCore =
  | { t: 'init'; init: CoreInit }
  | { t: 'call'; id: number; client: number; name: string; input: unknown }
  /** A finished file asked for by a client (browser mode's download): answered only with the client's own. */
  | { t: 'file'; id: number; client: number; fileId: string }
  | { t: 'platformResult'; id: number; result: ApiResult<unknown> }
  | { t: 'backupOnExit'; id: number }
  | { t: 'close'; id: number };

const platformMethod = z.enum(['htmlToPdf', 'print', 'chooseSavePath', 'chooseFolder', 'encryptSecret', 'decryptSecret']);

export const toCoreSchema: z.ZodType<ToCore> = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('init'),
    init: z.object({
      dbPath: z.string().optional(),
      dataDir: z.string().optional(),
      resourcesDir: z.string(),
      autoBackup: z.boolean(),
      platform: z.object({ kind: z.enum(['desktop', 'web', 'cli']), optional: z.array(platformMethod) }),
      workerPath: z.string().optional(),
      writeWaitMs: z.number().int().min(0).max(60_000).optional(),
      session: z.literal('cli').optional(),
    }),
  }),
  z.object({ t: z.literal('call'), id, client: id, name: z.string().max(MAX_CALL_NAME), input: z.unknown() }),
  z.object({ t: z.literal('file'), id, client: id, fileId: z.string().max(100) }),
  z.object({ t: z.literal('platformResult'), id, result: apiResult }),
  z.object({ t: z.literal('backupOnExit'), id }),
  z.object({ t: z.literal('close'), id }),
]) as z.ZodType<ToCore>;

// ---- core process -> parent

/** A Platform call the core process asks the parent to make; arguments checked per method. */
export type PlatformRequest =
  | { method: 'htmlToPdf'; args: [html: string, options: PrintOptions] }
  | { method: 'print'; args: [html: string, options: PrintOptions] }
  | { method: 'chooseSavePath'; args: [suggestedName: string] }
  | { method: 'chooseFolder'; args: [title: string] }
  /** The office server's password (Platform.secrets): only the parent may reach safeStorage. */
  | { method: 'encryptSecret'; args: [plain: string] }
  | { method: 'decryptSecret'; args: [cipher: Uint8Array] };

export type FromCore =
  | { t: 'ready'; paths: { dbPath: string; dataDir: string; outboxDir: string } }
  | { t: 'openFailed'; error: { code: string; message: string } }
  | { t: 'result'; id: number; result: ApiResult<unknown> }
  | ({ t: 'platform'; id: number } & PlatformRequest)
  | { t: 'done'; id: number; value: string | null }
  | { t: 'file'; id: number; file: OutboxFile | null };

const html = z.string().max(200 * 1024 * 1024);
export const fromCoreSchema: z.ZodType<FromCore> = z.union([
  z.object({ t: z.literal('ready'), paths: z.object({ dbPath: z.string(), dataDir: z.string(), outboxDir: z.string() }) }),
  z.object({ t: z.literal('openFailed'), error: failure }),
  z.object({ t: z.literal('result'), id, result: apiResult }),
  z.object({ t: z.literal('platform'), id, method: z.literal('htmlToPdf'), args: z.tuple([html, printOptions]) }),
  z.object({ t: z.literal('platform'), id, method: z.literal('print'), args: z.tuple([html, printOptions]) }),
  z.object({ t: z.literal('platform'), id, method: z.literal('chooseSavePath'), args: z.tuple([z.string().max(500)]) }),
  z.object({ t: z.literal('platform'), id, method: z.literal('chooseFolder'), args: z.tuple([z.string().max(500)]) }),
  z.object({ t: z.literal('platform'), id, method: z.literal('encryptSecret'), args: z.tuple([z.string().max(1000)]) }),
  z.object({ t: z.literal('platform'), id, method: z.literal('decryptSecret'), args: z.tuple([z.instanceof(Uint8Array).refine((b) => b.byteLength <= 10_000)]) }),
  z.object({ t: z.literal('done'), id, value: z.string().nullable() }),
  z.object({
    t: z.literal('file'),
    id,
    file: z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), path: z.string() }).nullable(),
  }),
]) as z.ZodType<FromCore>;

/** What each Platform call must give back, checked in the core process before a handler sees it. */
export const platformResultSchemas: Record<PlatformMethod, z.ZodType> = {
  htmlToPdf: z.instanceof(Uint8Array),
  print: z.undefined().or(z.null()),
  chooseSavePath: z.string().nullable(),
  chooseFolder: z.string().nullable(),
  encryptSecret: z.instanceof(Uint8Array),
  decryptSecret: z.string(),
};

// ---- core process <-> job worker thread

export type ToWorker =
  | { t: 'call'; id: number; name: string; input: unknown; session: SessionInfo | null; lastActivity: number }
  | { t: 'cancel'; jobId: string }
  | { t: 'close' };

/** Slots of the shared cancel flags: a job's slot holds its sequence number once the user cancelled it. */
export const CANCEL_SLOTS = 64;

export type FromWorker =
  | { t: 'ready'; cancelFlags?: SharedArrayBuffer | undefined }
  | { t: 'openFailed'; error: { code: string; message: string } }
  | { t: 'result'; id: number; result: ApiResult<unknown>; session: SessionInfo | null; lastActivity: number }
  | { t: 'job'; status: JobStatus; cancel?: { slot: number; seq: number } | undefined }
  | { t: 'closed' };

const jobStatus = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['running', 'done', 'failed', 'cancelled']),
    label: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    ratePerSecond: z.number().nullable(),
    startedAt: z.string(),
    result: z.unknown(),
    // A running job's early look (e.g. an import preview's first rows): passed on as the job gave it.
    partial: z.unknown().optional(),
    error: failure.nullable(),
  })
  .transform((s) => ({ ...s, result: s.result ?? null }));

const session = z.object({ userId: z.number(), username: z.string(), role: z.string() }).loose().nullable();

export const fromWorkerSchema: z.ZodType<FromWorker> = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), cancelFlags: z.instanceof(SharedArrayBuffer).optional() }),
  z.object({ t: z.literal('openFailed'), error: failure }),
  z.object({ t: z.literal('result'), id, result: apiResult, session, lastActivity: z.number() }),
  z.object({ t: z.literal('job'), status: jobStatus, cancel: z.object({ slot: z.number().int().min(0).max(CANCEL_SLOTS - 1), seq: z.number().int().positive() }).optional() }),
  z.object({ t: z.literal('closed') }),
]) as unknown as z.ZodType<FromWorker>;

/**
 * Calls that run in the job worker, with its own database connection, so the core process keeps answering
 * every other call meanwhile: those that start long work (an import checking and writing 100,000 rows, a
 * returned workbook), and those that read a whole uploaded file or backup before answering.
 */
export const WORKER_CALLS: ReadonlySet<string> = new Set<CallName>([
  'imports.preview',
  'imports.commit',
  'imports.inspect',
  'workbooks.preview',
  'workbooks.apply',
  'exports.run',
  'exports.importHasil',
  'backup.runNow',
  'backup.toFile',
  'backup.stageUpload',
  'backup.stageFromFolder',
  'registry.scanDuplicates',
]);

/** Pending calls of a core process that died get this failure; the parent has started a new one. */
export const CORE_RESTARTED = {
  code: 'CORE_RESTARTED',
  message: 'Proses inti berhenti tak terduga; dimulai ulang. Data yang sudah tersimpan aman. Silakan masuk kembali.',
} as const;

/** After too many crashes in a short time the parent stops restarting the core process. */
export const CORE_STOPPED = {
  code: 'CORE_STOPPED',
  message:
    'Proses inti berhenti berulang kali, sehingga tidak dimulai ulang lagi. Data yang sudah tersimpan aman. Tutup aplikasi lalu buka kembali; jika berulang, hubungi admin aplikasi.',
} as const;

export const fail = (error: { code: string; message: string }): ApiResult<never> => ({ ok: false, error: { ...error } });
