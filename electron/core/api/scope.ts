/**
 * The one work-area rule: an operator sees and changes only the families of their own kecamatan/desa
 * (session.wilayah); everyone else sees the whole registry. Dispatch computes `ctx.scope` once per call from
 * the session and the call's declared `scope`; handlers pass it to every registry query.
 *
 * Outside the scope a record is answered exactly like one that does not exist (NOT_FOUND with the same
 * message), so a caller cannot learn from an id, NIK or No KK whether someone is registered elsewhere.
 */
import { sql, type RawBuilder } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { CallScope } from '../../../shared/api/define';
import { normalizeRegionCode } from '../../../shared/api/fields';
import { AppError, notFound } from './errors';

export interface Scope {
  all: boolean;
  kecamatan: string[];
  desa: string[];
}

const NOTHING: Scope = { all: false, kecamatan: [], desa: [] };

/**
 * The scope of one call. Only operators are restricted; an operator without an area (or on a call declared
 * `scope: 'none'`) sees nothing rather than everything.
 */
export function scopeOf(session: SessionInfo | null, declared: CallScope = 'wilayah'): Scope {
  if (session?.role !== 'operator') return { all: true, kecamatan: [], desa: [] };
  if (declared === 'none' || session.wilayah.length === 0) return { ...NOTHING };
  const codes = session.wilayah.map((w) => normalizeRegionCode(w) ?? w);
  return {
    all: false,
    kecamatan: codes.filter((c) => c.split('.').length <= 3),
    desa: codes.filter((c) => c.split('.').length === 4),
  };
}

/** A SQL condition limiting rows of the `keluarga` table (under `alias`, default keluarga) to the scope. */
export function scopeCondition(scope: Scope, alias = 'keluarga'): RawBuilder<boolean> {
  // Conditions, not the numbers 1 and 0: PostgreSQL wants a boolean where SQLite takes any number.
  if (scope.all) return sql<boolean>`1 = 1`;
  const kecamatan = sql.ref(`${alias}.kecamatan_kode`);
  const desa = sql.ref(`${alias}.desa_kode`);
  const parts: RawBuilder<unknown>[] = [];
  const kec = scope.kecamatan.filter((c) => c.split('.').length === 3);
  const kab = scope.kecamatan.filter((c) => c.split('.').length < 3);
  if (kec.length) parts.push(sql`${kecamatan} in (${sql.join(kec)})`);
  if (scope.desa.length) parts.push(sql`${desa} in (${sql.join(scope.desa)})`);
  for (const k of kab) parts.push(sql`${kecamatan} like ${`${k}.%`}`);
  if (parts.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export function inScope(scope: Scope, desaKode: string, kecamatanKode: string): boolean {
  if (scope.all) return true;
  return scope.desa.includes(desaKode) || scope.kecamatan.some((k) => kecamatanKode === k || kecamatanKode.startsWith(`${k}.`));
}

/**
 * A stored record the caller asked for by id: outside the scope it "does not exist" — the same NOT_FOUND the
 * caller gets for an id nobody has. `what` names it as in that message ('Keluarga', 'Anggota keluarga').
 */
export function assertInScope(scope: Scope, desaKode: string, kecamatanKode: string, what = 'Data'): void {
  if (!inScope(scope, desaKode, kecamatanKode)) throw notFound(what);
}

/** A desa the caller chose in a form (a new family, a move): refused when it lies outside their area. */
export function assertDesaInScope(scope: Scope, desaKode: string, kecamatanKode: string): void {
  if (!inScope(scope, desaKode, kecamatanKode)) {
    throw new AppError('FORBIDDEN', 'Desa/kelurahan ini di luar wilayah kerja Anda sebagai operator.');
  }
}
