/**
 * The one history of the app (audit_log, append-only by trigger). Depends only on the database layer, so any
 * feature — and dispatch itself — can record into it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { Database } from '../db/schema';

export interface AuditEntry {
  action: string; // create | update | status | import | undo | export | print | login | ...
  entity: string; // e.g. 'keluarga', 'anggota', 'office', 'penyerahan'
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

/** Who did it: a signed-in session, or null (before login, the CLI). */
export type AuditActor = SessionInfo | null;

/** Counts the records one call writes, across its awaits (dispatch reads it when the handler returns). */
const trail = new AsyncLocalStorage<{ recorded: number }>();

/** Runs `work` and says how many audit records it wrote. */
export async function withAuditTrail<T>(work: () => Promise<T>): Promise<{ value: T; recorded: number }> {
  const counter = { recorded: 0 };
  const value = await trail.run(counter, work);
  return { value, recorded: counter.recorded };
}

/** Appends to the one history of the app. Call it inside the same transaction as the change it records. */
export async function recordAudit(db: Kysely<Database>, session: AuditActor, entry: AuditEntry, at = new Date()) {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      user_id: session?.userId ?? null,
      username: session?.username ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      note: entry.note ?? null,
    })
    .execute();
  const counter = trail.getStore();
  if (counter) counter.recorded += 1;
}
