import { callNames, type CallInput, type CallName, type CallOutput, type Contract, type DinsosBridge, type Transport } from '../../../shared/api/contract';
import type { ApiFailure, ApiResult } from '../../../shared/api/result';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { announceCoreDown, CORE_DOWN_CODES } from '../shell/coreStatus';
import { noteFailure } from '../shell/connectionStatus';

declare global {
  interface Window {
    dinsos?: DinsosBridge;
  }
}

/** A failed call, thrown to the UI with the Indonesian message from the main side. */
export class ApiError extends Error {
  readonly code: string;
  readonly issues: ApiFailure['issues'];
  readonly details: unknown;
  constructor(failure: ApiFailure) {
    super(failure.message);
    this.code = failure.code;
    this.issues = failure.issues;
    this.details = failure.details;
  }
}

const TOKEN_KEY = 'dinsos-token';

/** Browser mode: the per-run token arrives in the URL fragment once and is kept for this tab only. */
export function browserToken(): string | null {
  const match = /token=([a-f0-9]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const httpTransport: Transport = async (name, input) => {
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dinsos-token': browserToken() ?? '' },
    body: encodeWire({ input }),
  });
  return decodeWire(await response.text()) as ApiResult<never>;
};

export const isDesktop = typeof window !== 'undefined' && !!window.dinsos;
const transport: Transport = isDesktop ? window.dinsos!.call : httpTransport;

export async function callApi<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  return unwrap((await transport(name, input)) as ApiResult<CallOutput<N>>);
}

/** A call's (or an upload's) value; a failure is thrown as ApiError, after telling the shell what it means. */
export function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok) {
    if (CORE_DOWN_CODES.has(result.error.code)) announceCoreDown(result.error);
    noteFailure(result.error);
    // A restarted core process has no sign-ins: the page asks for the password again.
    if (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'CORE_RESTARTED') window.dispatchEvent(new CustomEvent('dinsos:signed-out'));
    throw new ApiError(result.error);
  }
  return result.value;
}

type Method<N> = N extends CallName
  ? (...args: CallInput<N> extends undefined ? [] : [input: CallInput<N>]) => Promise<CallOutput<N>>
  : never;
type ApiObject = { [F in keyof Contract]: { [K in keyof Contract[F] & string]: Method<`${F}.${K}`> } };

/** `api.regions.search({ q })` — every call of the contract, typed from it. */
export const api = (() => {
  const out: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of callNames) {
    const [feature, call] = name.split('.') as [string, string];
    (out[feature] ??= {})[call] = (input?: unknown) => callApi(name, input as never);
  }
  return out as unknown as ApiObject;
})();
