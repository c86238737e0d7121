/**
 * The office's own names for its kecamatan and desa (region_alias_kantor, migration 0014): remembered from an
 * import's value-mapping step, with an audit entry each, and read by every later import so the same sheet's
 * "Pasir Puti" is matched without asking again.
 */
import type { Kysely } from 'kysely';
import type { SessionInfo } from '../../../shared/api/auth';
import type { OfficeRegionAlias, RegionValueMapping } from '../../../shared/api/imports';
import { notFound } from '../api/errors';
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

export async function listOfficeAliases(db: Kysely<Database>, regions: RegionIndex): Promise<OfficeRegionAlias[]> {
  const rows = await db
    .selectFrom('region_alias_kantor')
    .leftJoin('app_user', 'app_user.id', 'region_alias_kantor.created_by')
    .select(['region_alias_kantor.id', 'level', 'alias', 'kode', 'region_alias_kantor.created_at', 'app_user.username'])
    .orderBy('region_alias_kantor.id', 'desc')
    .execute();
  return rows.map((r) => {
    const region = regions.get(r.kode);
    return {
      id: r.id,
      level: r.level,
      alias: r.alias,
      kode: r.kode,
      nama: region?.nama ?? r.kode,
      kecamatan: r.level === 'desa' && region?.parentKode ? regions.nameOf(region.parentKode) : null,
      username: r.username ?? null,
      createdAt: r.created_at,
    };
  });
}

/** Forgets one remembered name, recording what it was. */
export async function removeOfficeAlias(db: Kysely<Database>, id: number, session: SessionInfo | null, now: Date): Promise<void> {
  const row = await db.selectFrom('region_alias_kantor').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Nama wilayah kantor');
  await db.deleteFrom('region_alias_kantor').where('id', '=', id).execute();
  await recordAudit(db, session, { action: 'delete', entity: 'region_alias_kantor', entityId: id, before: { alias: row.alias, kode: row.kode, level: row.level } }, now);
}
