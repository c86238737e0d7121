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

/** Appends to the one history of the app. Call it inside the same transaction as the change it records. */
export async function recordAudit(db: Kysely<Database>, session: SessionInfo | null, entry: AuditEntry, at = new Date()) {
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
}
