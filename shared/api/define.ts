import type { z } from 'zod';
import type { Permission } from './access';

/**
 * One call of the API contract: its runtime input schema, who may make it, and (as a type only) what it
 * returns. The main side validates every payload with `input` before a handler sees it.
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Permission;
  /** Phantom: carries the output type; never present at run time. */
  readonly returns?: O;
}

/** Marks the output type of a call: `returns: returns<Office>()`. */
export function returns<O>(): O | undefined {
  return undefined;
}

export function call<I extends z.ZodType, O>(def: { input: I; access: Permission; returns: O | undefined }): CallDef<I, O> {
  return { input: def.input, access: def.access };
}

export type FeatureContract = Record<string, CallDef>;
