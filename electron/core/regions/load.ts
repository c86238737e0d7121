import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactKey } from '../../../shared/domain/text';
import type { Db } from '../db/database';
import { parseSimpleCsv } from './csv';

const FILES = ['wilayah.csv', 'aliases.csv', 'bps2018_to_kemendagri_62.02_62.71.csv'] as const;
const META_KEY = 'regions_sha256';
const BATCH = 1000;

/**
 * Loads the region reference from resources/wilayah into the database when it is missing or the shipped
 * files changed. Returns the number of regions loaded (0 when already current).
 */
export async function ensureRegionsLoaded(db: Db, resourcesDir: string): Promise<number> {
  const dir = join(resourcesDir, 'wilayah');
  const texts = FILES.map((f) => readFileSync(join(dir, f), 'utf8'));
  const sha = createHash('sha256').update(texts.join('\n')).digest('hex');
  const current = await db.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirst();
  if (current?.value === sha) return 0;

  const [wilayah, aliases, bps] = texts.map(parseSimpleCsv) as [string[][], string[][], string[][]];
  const regions = wilayah.slice(1).map(([kode, nama, level, parent]) => ({
    kode: kode!,
    nama: nama!,
    level: level!,
    parent_kode: parent || null,
    search_key: compactKey(nama!),
  }));

  await db.transaction().execute(async (trx) => {
    // Region rows are referenced by code only, so replacing them keeps every family's village intact.
    await trx.deleteFrom('region_bps').execute();
    await trx.deleteFrom('region_alias').execute();
    await trx.deleteFrom('region').execute();
    for (let i = 0; i < regions.length; i += BATCH) {
      await trx.insertInto('region').values(regions.slice(i, i + BATCH)).execute();
    }
    const known = new Set(regions.map((r) => r.kode));
    const aliasRows = aliases
      .slice(1)
      .filter(([kode]) => known.has(kode!))
      .map(([kode, alias, source]) => ({ kode: kode!, alias_key: compactKey(alias!), source: source! }));
    const bpsRows = bps.slice(1).filter(([kode]) => known.has(kode!));
    for (const [kode, nama, , bpsNama] of bpsRows) {
      if (bpsNama && compactKey(bpsNama) !== compactKey(nama!)) {
        aliasRows.push({ kode: kode!, alias_key: compactKey(bpsNama), source: 'BPS 2018H1' });
      }
    }
    const uniqueAliases = [...new Map(aliasRows.map((a) => [`${a.kode}|${a.alias_key}`, a])).values()];
    if (uniqueAliases.length) await trx.insertInto('region_alias').values(uniqueAliases).execute();
    const bpsCodes = bpsRows.map(([kode, , bpsKode]) => ({ bps_kode: bpsKode!, kode: kode! }));
    if (bpsCodes.length) await trx.insertInto('region_bps').values(bpsCodes).execute();
    await trx
      .insertInto('meta')
      .values({ key: META_KEY, value: sha })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sha }))
      .execute();
  });
  return regions.length;
}
