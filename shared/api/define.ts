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
 * One call of the API contract: its runtime input schema, who may make it, whose records it touches, and
 * (as a type only) what it returns. The main side validates every payload with `input` before a handler sees it.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Permission;
  readonly scope: CallScope;
  /** Phantom: carries the output type; never present at run time. */
  readonly returns?: O;
}

/** Marks the output type of a call: `returns: returns<Office>()`. */
export function returns<O>(): O | undefined {
  return undefined;
}

/** `scope` is required: a new call cannot forget to say whether it touches person data. */
export function call<I extends z.ZodType, O>(def: { input: I; access: Permission; scope: CallScope; returns: O | undefined }): CallDef<I, O> {
  return { input: def.input, access: def.access, scope: def.scope };
}

export type FeatureContract = Record<string, CallDef>;
