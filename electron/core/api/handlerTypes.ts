import type { CallName, CallOutput, CallParsed, Contract, Feature } from '../../../shared/api/contract';
import type { Ctx } from './context';

export type Handler<N extends CallName> = (input: CallParsed<N>, ctx: Ctx) => Promise<CallOutput<N>>;

/** A feature's part of the one handler map: exactly the calls its contract declares. */
export type FeatureHandlers<F extends Feature> = {
  [K in keyof Contract[F] & string]: `${F}.${K}` extends CallName ? Handler<`${F}.${K}`> : never;
};

export type HandlerMap = { [F in Feature]: FeatureHandlers<F> };
