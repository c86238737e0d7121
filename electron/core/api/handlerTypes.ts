import type { CallName, CallOutput, CallParsed, Contract, Feature } from '../../../shared/api/contract';
import type { Ctx, PrepareCtx } from './context';

export type Handler<N extends CallName> = (input: CallParsed<N>, ctx: Ctx) => Promise<CallOutput<N>>;

/**
 * The handler of a call that declares `prepare` (shared/api/define.ts): dispatch runs `prepare` with the
 * validated input before it opens the call's transaction — with no database, so it can only read the input
 * (parse a picked file) — and hands its result to `handle`, which runs like any handler.
 */
export interface PreparedHandler<I, P, O> {
  prepare(input: I, ctx: PrepareCtx): Promise<P>;
  handle(prepared: P, ctx: Ctx): Promise<O>;
  /**
   * Runs once the call's transaction has committed (never after a failure): where a picked file whose work has
   * ended is removed, so a call that fails (DB_BUSY, a refused row) can be tried again with the same file.
   */
  committed?(input: I, output: O, ctx: PrepareCtx): void;
}

/** Writes a `{ prepare, handle }` handler with `prepare`'s result typed for `handle`. */
export function prepared<I, P, O>(handler: PreparedHandler<I, P, O>): PreparedHandler<I, P, O> {
  return handler;
}

type HandlerOf<F extends Feature, K extends keyof Contract[F] & string> = `${F}.${K}` extends CallName
  ? Contract[F][K] extends { readonly prepare: string }
    ? PreparedHandler<CallParsed<`${F}.${K}`>, unknown, CallOutput<`${F}.${K}`>>
    : Handler<`${F}.${K}`>
  : never;

/** A feature's part of the one handler map: exactly the calls its contract declares. */
export type FeatureHandlers<F extends Feature> = {
  [K in keyof Contract[F] & string]: HandlerOf<F, K>;
};

export type HandlerMap = { [F in Feature]: FeatureHandlers<F> };
