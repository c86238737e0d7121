/**
 * An operator sees and changes only the families of their own kecamatan/desa (session.wilayah); everyone
 * else sees the whole registry. Enforced here, on the main side, for every registry query.
 */
import { sql, type RawBuilder } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import { AppError } from '../api/errors';
import { normalizeRegionCode } from '../regions/regionIndex';

export interface Scope {
  all: boolean;
  kecamatan: string[];
  desa: string[];
}

export function scopeOf(session: SessionInfo | null): Scope {
  const wilayah = session?.role === 'operator' ? session.wilayah : [];
  if (wilayah.length === 0) return { all: true, kecamatan: [], desa: [] };
  const codes = wilayah.map((w) => normalizeRegionCode(w) ?? w);
  return {
    all: false,
    kecamatan: codes.filter((c) => c.split('.').length <= 3),
    desa: codes.filter((c) => c.split('.').length === 4),
  };
}

/** A SQL condition on the `keluarga` table (alias keluarga) limiting rows to the scope. */
export function scopeCondition(scope: Scope): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1`;
  const parts: RawBuilder<unknown>[] = [];
  const kec = scope.kecamatan.filter((c) => c.split('.').length === 3);
  const kab = scope.kecamatan.filter((c) => c.split('.').length < 3);
  if (kec.length) parts.push(sql`keluarga.kecamatan_kode in (${sql.join(kec)})`);
  if (scope.desa.length) parts.push(sql`keluarga.desa_kode in (${sql.join(scope.desa)})`);
  for (const k of kab) parts.push(sql`keluarga.kecamatan_kode like ${`${k}.%`}`);
  if (parts.length === 0) return sql<boolean>`0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export function inScope(scope: Scope, desaKode: string, kecamatanKode: string): boolean {
  if (scope.all) return true;
  return scope.desa.includes(desaKode) || scope.kecamatan.some((k) => kecamatanKode === k || kecamatanKode.startsWith(`${k}.`));
}

export function assertInScope(scope: Scope, desaKode: string, kecamatanKode: string) {
  if (!inScope(scope, desaKode, kecamatanKode)) {
    throw new AppError('FORBIDDEN', 'Keluarga ini di luar wilayah kerja Anda sebagai operator.');
  }
}
