/**
 * The office's own names for its kecamatan and desa (region_alias_kantor, migration 0014): remembered from an
 * import's value-mapping step, with an audit entry each, and read by every later import so the same sheet's
 * "Pasir Puti" is matched without asking again.
 */
import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { RegionValueMapping } from '../../../shared/api/imports';
import { recordAudit } from '../audit/record';
import type { Database } from '../db/schema';
import type { AliasKeys, RegionIndex } from './regionIndex';
import { nameKey } from './regionNames';

export interface OfficeAliases {
  kecamatan: AliasKeys;
  desa: AliasKeys;
}

export async function loadOfficeAliases(db: Kysely<Database>): Promise<OfficeAliases> {
  const rows = await db.selectFrom('region_alias_kantor').select(['level', 'alias_key', 'kode']).execute();
  const kecamatan = new Map<string, string[]>();
  const desa = new Map<string, string[]>();
  for (const r of rows) {
    const into = r.level === 'kecamatan' ? kecamatan : desa;
    into.set(r.alias_key, [...(into.get(r.alias_key) ?? []), r.kode]);
  }
  return { kecamatan, desa };
}

/**
 * Stores the mappings marked `remember` as the office's aliases (one audit entry per new alias); a name the
 * reference already gives to that very region is not stored. The caller has checked the targets' scope.
 * Returns how many were added.
 */
export async function rememberRegionMappings(
  db: Kysely<Database>,
  regions: RegionIndex,
  mapping: readonly RegionValueMapping[],
  session: SessionInfo | null,
  now: Date,
): Promise<number> {
  let added = 0;
  for (const m of mapping) {
    if (!m.remember) continue;
    const target = regions.get(m.kode);
    const aliasKey = nameKey(m.value);
    if (!target || aliasKey === '' || aliasKey === nameKey(target.nama)) continue;
    const inserted = await db
      .insertInto('region_alias_kantor')
      .values({ level: m.field, alias: m.value.trim().slice(0, 100), alias_key: aliasKey.slice(0, 100), kode: target.kode, created_by: session?.userId ?? null, created_at: now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    added++;
    await recordAudit(db, session, { action: 'create', entity: 'region_alias_kantor', entityId: inserted.id, after: { alias: m.value, kode: target.kode, nama: target.nama } }, now);
  }
  return added;
}
