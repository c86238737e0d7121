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
 * One call of the API contract: its runtime input schema, who may make it, whose records it touches, and
 * (as a type only) what it returns. The main side validates every payload with `input` before a handler sees it.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Permission;
  readonly scope: CallScope;
  readonly audit: CallAudit;
  /** Phantom: carries the output type; never present at run time. */
  readonly returns?: O;
}

/** Marks the output type of a call: `returns: returns<Office>()`. */
export function returns<O>(): O | undefined {
  return undefined;
}

/** `scope` and `audit` are required: a new call cannot forget to say whose data it touches and what it records. */
export function call<I extends z.ZodType, O>(def: { input: I; access: Permission; scope: CallScope; audit: CallAudit; returns: O | undefined }): CallDef<I, O> {
  return { input: def.input, access: def.access, scope: def.scope, audit: def.audit };
}

export type FeatureContract = Record<string, CallDef>;
