import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { AuditFilter, AuditRow } from '../../../shared/api/audit';
import { likeCi } from '../db/dialect';
import type { Database } from '../db/schema';

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', object>;

/** Dates in the filter are the office's calendar days; `at` is stored as a UTC ISO time. */
function dayStart(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - offsetMinutes * 60_000).toISOString();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Indonesian offices run on WIB/WITA/WIT; the machine's own offset is the office's.
const localOffsetMinutes = () => -new Date().getTimezoneOffset();

export function applyAuditFilter(db: Kysely<Database>, filter: AuditFilter, offsetMinutes = localOffsetMinutes()): AuditQuery {
  let q: AuditQuery = db.selectFrom('audit_log');
  if (filter.from) q = q.where('at', '>=', dayStart(filter.from, offsetMinutes));
  if (filter.to) {
    const next = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    q = q.where('at', '<', dayStart(next, offsetMinutes));
  }
  if (filter.username) q = q.where('username', '=', filter.username);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.entity) q = q.where('entity', '=', filter.entity);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    // Case-insensitive on both engines (SQLite's LIKE is by itself).
    const op = sql.raw(likeCi(db));
    q = q.where(
      sql<boolean>`(entity_id ${op} ${like} escape '\\' or note ${op} ${like} escape '\\' or before_json ${op} ${like} escape '\\' or after_json ${op} ${like} escape '\\' or username ${op} ${like} escape '\\')`,
    );
  }
  return q;
}

function parseJson(text: string | null): unknown {
  if (text == null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toAuditRow(r: Selectable<Database['audit_log']>): AuditRow {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
    note: r.note,
  };
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter, page: number, pageSize: number) {
  const base = applyAuditFilter(db, filter);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(pageSize).offset(page * pageSize).execute();
  return { rows: rows.map(toAuditRow), total: Number(total.n) };
}

/** The actions, record kinds and usernames the log holds: the filter's choices. */
export async function auditFacets(db: Kysely<Database>): Promise<{ actions: string[]; entities: string[]; usernames: string[] }> {
  const distinct = async (column: 'action' | 'entity' | 'username') =>
    (await db.selectFrom('audit_log').select(column).distinct().where(column, 'is not', null).orderBy(column).execute())
      .map((r) => r[column])
      .filter((v): v is string => typeof v === 'string');
  return { actions: await distinct('action'), entities: await distinct('entity'), usernames: await distinct('username') };
}
