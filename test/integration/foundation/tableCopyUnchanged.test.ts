/**
 * The table copy behind a restore into the server, a backup on the server and moving an office onto it leaves a
 * table that is already the same on both sides as it is (the region reference: 91,599 rows deleted and written
 * again made most of a restore's time), but never one that a delete beneath it would cascade into.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { copyPlan, replaceAllRows, tableChecksum } from '../../../electron/core/db/tableCopy';
import { sqliteOnly } from '../../helpers/engines';
import { seedRegistry } from '../../helpers/registryFixtures';
import { tempDbPath } from '../../helpers/webApp';

const WORDS = { source: 'cadangan', target: 'server', cancelled: 'Pemulihan dibatalkan.' };
const CODES = { failed: 'COPY_FAILED', mismatch: 'COPY_MISMATCH' };

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

async function twoOffices(): Promise<[Db, Db]> {
  const [source, target] = [await openDatabase(tempDbPath()), await openDatabase(tempDbPath())];
  open.push(source, target);
  await seedRegistry(source, 12, { seed: 1 });
  await seedRegistry(target, 20, { seed: 2 });
  return [source, target];
}

/** Records, on the target's one connection, which of `tables` the copy deletes rows of (outside the triggers it drops). */
async function watchDeletes(db: Db, tables: string[]): Promise<() => Promise<string[]>> {
  await sql`create temp table rewritten (name text primary key)`.execute(db);
  for (const t of tables) {
    await sql.raw(`create temp trigger watch_${t} after delete on main.${t} begin insert or ignore into rewritten values ('${t}'); end`).execute(db);
  }
  return async () => (await sql<{ name: string }>`select name from rewritten order by name`.execute(db)).rows.map((r) => r.name);
}

async function copyAll(source: Db, target: Db) {
  const plans = await copyPlan(source, target, WORDS);
  await target.transaction().execute((trx) => replaceAllRows(source, trx, plans, { batch: 2000, words: WORDS, codes: CODES }));
  return plans;
}

describe.skipIf(sqliteOnly('temporary triggers of SQLite watch what the copy deletes; the copy itself runs on the server in test/integration/postgres'))('tables already the same on both sides', () => {
  it('the region reference is left as it is; the office data is replaced and the copy is whole', async () => {
    const [source, target] = await twoOffices();
    const deleted = await watchDeletes(target, ['region', 'region_alias', 'keluarga']);
    const plans = await copyAll(source, target);
    expect(await deleted()).toEqual(['keluarga']);
    for (const plan of plans) {
      expect(await tableChecksum(target, plan, 2000), plan.name).toEqual(await tableChecksum(source, plan, 2000));
    }
  });

  it('a table that refers to a replaced one is replaced too, even when it is the same: the delete beneath it cascades', async () => {
    const [source, target] = await twoOffices();
    // The same number of regions, one spelled differently: region is replaced, and region_alias (on delete cascade) with it.
    await sql`update region set nama = nama || ' (lama)' where kode = '62.02.01'`.execute(target);
    const aliases = Number((await sql<{ n: number }>`select count(*) as n from region_alias`.execute(source)).rows[0]!.n);
    expect(aliases).toBeGreaterThan(0);
    const deleted = await watchDeletes(target, ['region', 'region_alias', 'keluarga']);
    const plans = await copyAll(source, target);
    expect(await deleted()).toEqual(['keluarga', 'region', 'region_alias']);
    expect(Number((await sql<{ n: number }>`select count(*) as n from region_alias`.execute(target)).rows[0]!.n)).toBe(aliases);
    for (const plan of plans) {
      expect(await tableChecksum(target, plan, 2000), plan.name).toEqual(await tableChecksum(source, plan, 2000));
    }
  });
});
