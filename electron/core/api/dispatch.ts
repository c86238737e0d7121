import { z } from 'zod';
import { openWhile, roleMay, type Permission } from '../../../shared/api/access';
import { lookupCall } from '../../../shared/api/contract';
import { containsNul } from './nulText';
import { sessionHolds } from './sessionHolds';
import type { CallDef } from '../../../shared/api/define';
import type { ApiResult } from '../../../shared/api/result';
import { recordAudit, withAuditTrail } from '../audit/record';
import type { Db } from '../db/database';
import type { SessionInfo } from '../../../shared/api/auth';
import type { OutboxFile } from '../files';
import type { Client, Ctx, Services } from './context';
import type { HandlerMap, PreparedHandler } from './handlerTypes';
import { expectedFailure } from './errors';
import { claimJob, isJobStatus } from './jobOwners';
import { scopeOf } from './scope';
import { inTransaction } from './transaction';

z.config(z.locales.id());

/** A signed-in window left alone this long is locked; the user signs in again. */
export const IDLE_LOCK_MS = 15 * 60 * 1000;

type AnyHandler = ((input: unknown, ctx: Ctx) => Promise<unknown>) | PreparedHandler<unknown, unknown, unknown>;

const fail = (code: string, message: string, extra: object = {}): ApiResult<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/**
 * The single entry for every call, whatever the transport: look up the call, check the caller's role (or that
 * its level is open to anyone in the office's current state), validate the payload, run the handler, and turn
 * any failure into a typed result. `handlers` is the one handler map (`electron/core/handlers.ts`), passed in so
 * that this machinery imports no feature.
 */
export async function dispatch(handlers: HandlerMap, services: Services, client: Client, name: unknown, payload: unknown): Promise<ApiResult<unknown>> {
  if (typeof name !== 'string') return fail('UNKNOWN_CALL', 'Perintah tidak dikenal.');
  const def = lookupCall(name);
  if (!def) return fail('UNKNOWN_CALL', `Perintah tidak dikenal: ${name.slice(0, 60)}.`);

  const now = services.now().getTime();
  activeSession(client, now);
  let open: boolean;
  try {
    open = await openToAll(services, def.access);
  } catch (error) {
    return failure(name, error);
  }
  if (!open) {
    if (!client.session) return fail('UNAUTHENTICATED', 'Sesi Anda berakhir atau belum masuk. Silakan masuk kembali.');
    let holds: boolean;
    try {
      holds = await sessionHolds(services.db, client.session);
    } catch (error) {
      return failure(name, error);
    }
    if (!holds) {
      client.session = null;
      return fail('UNAUTHENTICATED', 'Akun Anda diubah atau dinonaktifkan oleh admin, atau data kantor dipulihkan. Silakan masuk kembali.');
    }
    if (!roleMay(client.session.role, def.access)) {
      return fail('FORBIDDEN', 'Peran Anda tidak memiliki izin untuk tindakan ini.');
    }
  }
  client.lastActivity = now;

  if (containsNul(payload)) return fail('INVALID_INPUT', 'Data tidak valid: teks berisi karakter NUL (\\0), yang tidak dapat disimpan.');
  const parsed = def.input.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const first = issues[0];
    return fail('INVALID_INPUT', first ? `Data tidak valid${first.path ? ` (${first.path})` : ''}: ${first.message}` : 'Data tidak valid.', { issues });
  }

  return invoke(handlers, services, client, name, def, parsed.data);
}

/** Whether a call of this level needs no sign-in now: 'public' always, an `openWhile` level in its states only. */
async function openToAll(services: Services, access: Permission): Promise<boolean> {
  if (access === 'public') return true;
  const states = openWhile[access];
  return !!states && states.includes(await services.officeState());
}

/** A failure as the caller gets it: an expected one with its code, anything else behind INTERNAL. */
function failure(name: string, error: unknown): ApiResult<never> {
  const known = expectedFailure(error);
  if (known) return fail(known.code, known.message, known.details === undefined ? {} : { details: known.details });
  console.error(`[api] ${name} failed`, error);
  return fail('INTERNAL', 'Terjadi kesalahan tak terduga. Data tidak diubah. Jika berulang, hubungi admin aplikasi.');
}

/** The caller's sign-in, unless the idle lock has ended it (it is then cleared, as for a call). */
function activeSession(client: Client, now: number): SessionInfo | null {
  if (client.session && now - client.lastActivity > IDLE_LOCK_MS) client.session = null;
  return client.session;
}

/**
 * A finished file for a transport to hand over (browser mode's download): the caller's own only, by the rule
 * every call's handler gets through `ctx.outbox`; anyone else's id, a wrong or expired one, is null.
 */
export function callerFile(services: Services, client: Client, id: string): OutboxFile | null {
  try {
    return services.outbox.for(activeSession(client, services.now().getTime())).get(id);
  } catch {
    return null;
  }
}

/** An id worth naming in a record dispatch writes itself: the result's or the input's `id`. */
function idOf(...values: unknown[]): string | number | null {
  for (const v of values) {
    const id = v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined;
    if (typeof id === 'number' || typeof id === 'string') return id;
  }
  return null;
}

/**
 * Runs a validated call's handler with what its declaration asks for: the caller's scope; for a changing call,
 * one transaction around the handler and its audit record (the handler's own, with before/after; or, when a
 * signed-in user's call recorded nothing, one naming the call), so a failure leaves nothing written. A call
 * declaring `prepare` has it run first, outside that transaction, and its result handed to the handler.
 * Exported for the contract test, which walks every declaration.
 */
export async function invoke(handlers: HandlerMap, services: Services, client: Client, name: string, def: CallDef, data: unknown): Promise<ApiResult<unknown>> {
  // Every contract call has a handler: HandlerMap makes a missing one a type error.
  const [feature, call] = name.split('.') as [string, string];
  const entry = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[feature]![call]!;
  const session = client.session;
  const scope = scopeOf(session, def.scope);
  // The caller's view of the outbox: what the call produces is theirs, and it reaches only their own files.
  const outbox = services.outbox.for(session);
  let input = data;
  let handler = entry as (i: unknown, c: Ctx) => Promise<unknown>;
  const run = async (db: Db) => {
    const { value, recorded } = await withAuditTrail(() => handler(input, { ...services, outbox, db, client, session, scope }));
    if (session && isJobStatus(value)) claimJob(services.jobs, value.id, session.userId);
    // A job records its change when it ends; a call before sign-in has nobody to attribute a record to.
    else if (def.audit && recorded === 0 && session) {
      await recordAudit(db, session, { action: name, entity: def.audit, entityId: idOf(value, data) }, services.now());
    }
    return value;
  };
  try {
    let committed: ((value: unknown) => void) | null = null;
    if (def.prepare) {
      // Declared on the call: read the input (a picked file) first, holding no connection, then hand it over.
      const steps = entry as PreparedHandler<unknown, unknown, unknown>;
      const { db: _db, ...outside } = services;
      const prepareCtx = { ...outside, outbox, client, session, scope };
      input = await steps.prepare(data, prepareCtx);
      handler = (prepared, ctx) => steps.handle(prepared, ctx);
      if (steps.committed) committed = (value) => steps.committed!(data, value, prepareCtx);
    }
    let value: unknown;
    if (def.tx) {
      // The region index loads through the one connection: loaded inside the transaction, it would wait for ever.
      await services.regions().catch(() => undefined);
      value = await inTransaction(services.db, run);
    } else value = await run(services.db);
    try {
      committed?.(value);
    } catch (error) {
      // What was committed stands; a leftover file goes with the staging sweep.
      console.error(`[api] ${name}: clean-up after commit failed`, error);
    }
    return { ok: true, value };
  } catch (error) {
    return failure(name, error);
  }
}
