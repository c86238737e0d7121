import type { OfficeProfileInput, SetupInput } from '../../shared/api/admin';
import type { Role } from '../../shared/api/access';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { defaultNomorPola } from '../../shared/office/nomor';
import { openCore, type Core } from '../../electron/core/app';
import { uploadingClients } from './uploads';
import type { Platform } from '../../electron/core/platform';
import { RESOURCES, tempDbPath } from './webApp';

export const nullPlatform: Platform = {
  kind: 'cli',
  async htmlToPdf() {
    throw new Error('no PDF in this test');
  },
};

/**
 * A real core on a fresh database file. Its clients take a picked file the way tests write it, `{ fileName,
 * bytes }` (and a thumbnail as bytes), and upload it first as a transport does (`withUploads`).
 */
export async function openTestCore(opts: { dbPath?: string; platform?: Platform; now?: () => Date } = {}): Promise<Core> {
  const core = await openCore({ dbPath: opts.dbPath ?? tempDbPath(), resourcesDir: RESOURCES, platform: opts.platform ?? nullPlatform, ...(opts.now ? { now: opts.now } : {}) });
  return uploadingClients(core, () => core.paths.dataDir);
}

/** What a Kotim clerk types into the first-start wizard. */
export function kotimSetup(overrides: Partial<OfficeProfileInput> = {}): SetupInput & { office: OfficeProfileInput } {
  return {
    office: {
      provinsiKode: '62',
      kabKotaKode: '62.02',
      namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur',
      alamat: 'Jl. Jenderal Sudirman Km. 5,5, Sampit',
      kota: 'Sampit',
      kodePos: '74322',
      telepon: '(0531) 21050',
      email: 'dinsos@kotimkab.go.id',
      kepalaNama: 'Drs. H. Ahmad Yani, M.Si',
      kepalaNip: '19680412 199303 1 007',
      kepalaPangkat: 'Pembina Utama Muda (IV/c)',
      nomorPola: { ...defaultNomorPola },
      kertas: 'F4',
      ...overrides,
    },
    admin: { nama: 'Siti Rahmawati', username: 'admin', password: 'rahasia-kotim-2024' },
  };
}

/** A call's input as tests write it: a picked file as `{ fileName, bytes }` (or bare bytes) where the call takes an upload. */
export type Picked<T> = T extends { uploadId: string; fileName: string; size: number }
  ? T | Uint8Array | (Omit<T, 'uploadId' | 'size'> & { bytes: Uint8Array })
  : T extends Uint8Array | Date
    ? T
    : T extends object
      ? { [K in keyof T]: Picked<T[K]> }
      : T;

export type TypedCaller = <N extends CallName>(name: N, input: Picked<CallInput<N>>) => Promise<ApiResult<CallOutput<N>>>;

/** A client of the core whose `call` is typed from the contract (the core's own accepts anything, to refuse it). */
export function typedClient(core: Core) {
  const raw = core.createClient();
  return { client: raw.client, call: raw.call as TypedCaller, callRaw: raw.call };
}

/** A core whose office is set up, with a signed-in admin client. */
export async function setUpOffice(core: Core) {
  const admin = core.createClient();
  const result = await admin.call('admin.completeSetup', kotimSetup());
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return admin;
}

/** The same, with the admin's calls typed from the contract. */
export async function setUpOfficeTyped(core: Core) {
  const admin = typedClient(core);
  const result = await admin.call('admin.completeSetup', kotimSetup());
  if (!result.ok) throw new Error(`setup failed: ${result.error.message}`);
  return admin;
}

type Caller = { call(name: unknown, input: unknown): Promise<ApiResult<unknown>> };

/** Calls and unwraps, failing the test with the main side's message. */
export async function ok<T>(client: Caller, name: string, input?: unknown): Promise<T> {
  const r = await client.call(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** A new client of `clients` (a core or a forked core's host), signed in as `username`. */
export async function signedIn<C extends Caller>(clients: { createClient(): C }, username: string, password: string): Promise<C> {
  const client = clients.createClient();
  await ok(client, 'auth.login', { username, password });
  return client;
}

let accountsMade = 0;

/**
 * A new client signed in to a new account of `role`, made by `admin` (an operator needs its kecamatan or desa).
 * Dispatch checks every session against the accounts in the database, so a test cannot just set one.
 */
export async function signedInAs<C extends Caller>(clients: { createClient(): C }, admin: Caller, role: Role, wilayah: string[] = []): Promise<C> {
  const username = `${role}${++accountsMade}`;
  const password = `${role}-rahasia-2024`;
  await ok(admin, 'users.create', { nama: `Pengguna ${role} ${accountsMade}`, username, role, wilayah, password });
  return signedIn(clients, username, password);
}

/** Calls expecting a refusal, and returns it. */
export async function fail(client: Caller, name: string, input?: unknown): Promise<{ code: string; message: string; details?: unknown }> {
  const r = await client.call(name, input);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
  return r.error;
}
