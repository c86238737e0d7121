import type { z } from 'zod';
import type { Permission } from './access';

/**
 * Whose records a call reads or changes, declared once on the call and applied by dispatch:
 * - 'wilayah': people and families (NIK, No KK, names). The handler gets `ctx.scope`, the caller's work area
 *   (an operator's kecamatan/desa, everyone else the whole registry), and reads or changes nothing outside it.
 * - 'none': no person data. A restricted caller (an operator) gets an empty scope here, so a handler that
 *   wrongly reads the registry from such a call sees nothing rather than everything.
 */
export type CallScope = 'wilayah' | 'none';

/**
 * What a call writes to the audit log, declared on the call and applied by dispatch: the audit_log entity a
 * successful call is recorded under (its handler records the details — before/after — in the same
 * transaction as the change; when a signed-in user's call recorded nothing, dispatch records the call itself),
 * or false for a call that changes no stored data.
 */
export type CallAudit = string | false;

/**
 * Whether dispatch runs a call in one database transaction: every changing call (`audit` not false) does —
 * its writes, its audit record and the record dispatch adds all commit together or not at all — unless it
 * declares `noTransaction` with the reason. Reads run without one.
 */
/** The reasons a changing call may give for running without dispatch's transaction (`noTransaction`). */
export const withoutTransaction = {
  job: 'Starts a job: its work runs after the call returns, on the job worker\'s own connection, committing in batches.',
  reopen: 'Replaces the database file itself: the connection a transaction would hold is closed and reopened.',
  login: 'A refused sign-in must keep its counted attempt (the lockout) although the call fails.',
  document: 'Takes its number in a short transaction of its own, then waits on the printer or the PDF renderer, which must not hold the one connection.',
  fileExport: 'Only reads and writes a file (its one audit record after); a long read must not hold the write lock an import job needs.',
} as const;

/**
 * The reasons a call may give for a `prepare` step: work on its input that dispatch runs before it opens the
 * call's transaction, handing the result to the handler. While the transaction is open the one database
 * connection (SQLite) is held and every other user's save waits; reading a big picked file there made a clerk's
 * save wait for the whole read.
 */
export const beforeTransaction = {
  upload: 'Reads or stores the picked file (a big sheet takes seconds) before the transaction, which then holds the one connection only while the rows are written.',
} as const;

export function runsInTransaction(def: { audit: CallAudit; noTransaction?: string }): boolean {
  return def.audit !== false && !def.noTransaction;
}

/**
 * One call of the API contract: its runtime input schema, who may make it, whose records it touches, and
 * (as a type only) what it returns. The main side validates every payload with `input` before a handler sees it.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Permission;
  readonly scope: CallScope;
  readonly audit: CallAudit;
  /** Derived (`runsInTransaction`): dispatch runs the handler in one transaction and hands it that connection. */
  readonly tx: boolean;
  /** Why a changing call runs without that transaction (e.g. a job that commits in batches on its own connection). */
  readonly noTransaction?: string;
  /**
   * Why the call has a `prepare` step (`beforeTransaction`): its handler is `{ prepare, handle }`; dispatch runs
   * `prepare` with the validated input and no database, then `handle` with its result (in the transaction).
   */
  readonly prepare?: string;
  /** Phantom: carries the output type; never present at run time. */
  readonly returns?: O;
}

/** Marks the output type of a call: `returns: returns<Office>()`. */
export function returns<O>(): O | undefined {
  return undefined;
}

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  access: Permission;
  scope: CallScope;
  audit: CallAudit;
  noTransaction?: string;
  /** A reason from `beforeTransaction`: the call's handler then has a `prepare` step (see `CallDef.prepare`). */
  prepare?: string;
  returns: O | undefined;
}

/**
 * `scope` and `audit` are required: a new call cannot forget to say whose data it touches and what it records.
 * A changing call runs in one transaction unless it says why not (`noTransaction`). A call declaring `prepare`
 * keeps it in its type, so the handler map requires its `{ prepare, handle }`.
 */
export function call<I extends z.ZodType, O>(def: CallSpec<I, O> & { prepare: string }): CallDef<I, O> & { readonly prepare: string };
export function call<I extends z.ZodType, O>(def: CallSpec<I, O> & { prepare?: undefined }): CallDef<I, O>;
export function call<I extends z.ZodType, O>(def: CallSpec<I, O>): CallDef<I, O> {
  const { input, access, scope, audit, noTransaction, prepare } = def;
  return { input, access, scope, audit, tx: runsInTransaction(def), ...(noTransaction ? { noTransaction } : {}), ...(prepare ? { prepare } : {}) };
}

export type FeatureContract = Record<string, CallDef>;
