/**
 * The whole API between the renderer and the main side, grouped by feature. Each feature keeps its calls in
 * `shared/api/<feature>.ts`, its handlers in `electron/core/<feature>/` and its pages in `renderer/src/<feature>/`.
 */
import type { z } from 'zod';
import type { CallDef } from './define';
import type { ApiResult } from './result';
import { adminContract } from './admin';
import { auditContract } from './audit';
import { authContract } from './auth';
import { backupContract } from './backup';
import { connectionContract } from './connection';
import { dashboardContract } from './dashboard';
import { demoContract } from './demo';
import { exportsContract } from './exports';
import { filesContract, type UploadPurpose, type UploadRef } from './files';
import { handoversContract } from './handovers';
import { importsContract } from './imports';
import { interventionsContract } from './interventions';
import { jobsContract } from './jobs';
import { meetingsContract } from './meetings';
import { programsContract } from './programs';
import { regionsContract } from './regions';
import { registryContract } from './registry';
import { usersContract } from './users';
import { workbooksContract } from './workbooks';

export const contract = {
  admin: adminContract,
  audit: auditContract,
  auth: authContract,
  backup: backupContract,
  connection: connectionContract,
  dashboard: dashboardContract,
  demo: demoContract,
  exports: exportsContract,
  files: filesContract,
  handovers: handoversContract,
  imports: importsContract,
  interventions: interventionsContract,
  jobs: jobsContract,
  meetings: meetingsContract,
  programs: programsContract,
  regions: regionsContract,
  registry: registryContract,
  users: usersContract,
  workbooks: workbooksContract,
} as const;

export type Contract = typeof contract;
export type Feature = keyof Contract;
export type CallName = { [F in Feature]: `${F}.${keyof Contract[F] & string}` }[Feature];

type DefOf<N extends CallName> = N extends `${infer F extends Feature}.${infer K}`
  ? K extends keyof Contract[F]
    ? Contract[F][K]
    : never
  : never;

export type CallInput<N extends CallName> = DefOf<N> extends CallDef<infer I, unknown> ? z.input<I> : never;
export type CallParsed<N extends CallName> = DefOf<N> extends CallDef<infer I, unknown> ? z.output<I> : never;
export type CallOutput<N extends CallName> = DefOf<N> extends CallDef<z.ZodType, infer O> ? O : never;

/** Every call name, for the shell's registration test and for building client objects. */
export const callNames = Object.entries(contract).flatMap(([feature, calls]) =>
  Object.keys(calls).map((name) => `${feature}.${name}` as CallName),
);

export function lookupCall(name: string): CallDef | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const feature = (contract as Record<string, Record<string, CallDef>>)[name.slice(0, dot)];
  return feature && Object.hasOwn(feature, name.slice(dot + 1)) ? feature[name.slice(dot + 1)] : undefined;
}

/** The one function a transport provides: the preload's bridge and the browser-mode HTTP client both. */
export type Transport = <N extends CallName>(name: N, input: CallInput<N>) => Promise<ApiResult<CallOutput<N>>>;

/** What the preload exposes on `window.dinsos`. */
export interface DinsosBridge {
  call: Transport;
  /** A file picked in the page, sent as its path (never its bytes); answers the upload reference. */
  upload(file: File, purpose: UploadPurpose): Promise<ApiResult<UploadRef>>;
  platform: 'desktop';
}
