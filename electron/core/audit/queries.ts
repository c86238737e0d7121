import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { AuditFilter, AuditRow } from '../../../shared/api/audit';
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

export function applyAuditFilter(query: AuditQuery, filter: AuditFilter, offsetMinutes = localOffsetMinutes()): AuditQuery {
  let q = query;
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
    q = q.where(
      sql<boolean>`(entity_id like ${like} escape '\\' or note like ${like} escape '\\' or before_json like ${like} escape '\\' or after_json like ${like} escape '\\' or username like ${like} escape '\\')`,
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
  const base = applyAuditFilter(db.selectFrom('audit_log'), filter);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(pageSize).offset(page * pageSize).execute();
  return { rows: rows.map(toAuditRow), total: Number(total.n) };
}
