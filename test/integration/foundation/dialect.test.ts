import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { tempDbPath } from '../../helpers/webApp';
import { sqliteOnly } from '../../helpers/engines';

describe.skipIf(sqliteOnly('tests the SQLite driver itself'))('sqlite3 kysely dialect', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openDatabase(tempDbPath());
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
  });
  afterEach(async () => db.destroy());

  it('inserts, reads back and reports affected rows and insert ids', async () => {
    const inserted = await sql`insert into t (v) values ('a'), ('b')`.execute(db);
    expect(inserted.numAffectedRows).toBe(2n);
    expect(inserted.insertId).toBe(2n);
    const rows = await sql<{ id: number; v: string }>`select id, v from t order by id`.execute(db);
    expect(rows.rows).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ]);
    const returned = await sql<{ id: number }>`insert into t (v) values ('c') returning id`.execute(db);
    expect(returned.rows).toEqual([{ id: 3 }]);
  });

  it('commits a transaction and rolls back a failed one completely', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into t (v) values ('kept')`.execute(trx);
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into t (v) values ('lost')`.execute(trx);
        throw new Error('injected failure');
      }),
    ).rejects.toThrow('injected failure');
    const rows = await sql<{ v: string }>`select v from t`.execute(db);
    expect(rows.rows.map((r) => r.v)).toEqual(['kept']);
  });

  it('serialises concurrent transactions so neither sees the other half-done', async () => {
    const order: string[] = [];
    const slow = db.transaction().execute(async (trx) => {
      order.push('A start');
      await sql`insert into t (v) values ('A1')`.execute(trx);
      await new Promise((r) => setTimeout(r, 50));
      await sql`insert into t (v) values ('A2')`.execute(trx);
      order.push('A end');
    });
    const fast = db.transaction().execute(async (trx) => {
      order.push('B start');
      const seen = await sql<{ n: number }>`select count(*) as n from t`.execute(trx);
      order.push(`B saw ${seen.rows[0]!.n}`);
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['A start', 'A end', 'B start', 'B saw 2']);
  });

  it('supports savepoints (a rolled-back savepoint undoes only its part)', async () => {
    const trx = await db.startTransaction().execute();
    await sql`insert into t (v) values ('outer')`.execute(trx);
    const sp = await trx.savepoint('inner').execute();
    await sql`insert into t (v) values ('inner')`.execute(sp);
    await sp.rollbackToSavepoint('inner').execute();
    await trx.commit().execute();
    const rows = await sql<{ v: string }>`select v from t`.execute(db);
    expect(rows.rows.map((r) => r.v)).toEqual(['outer']);
  });

  it('streams rows one at a time', async () => {
    await sql`insert into t (v) values ('x'), ('y'), ('z')`.execute(db);
    const streamed: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    for await (const row of (db as Kysely<any>).selectFrom('t').select('v').orderBy('id').stream()) streamed.push(row.v as string);
    expect(streamed).toEqual(['x', 'y', 'z']);
    // The connection is free again after the stream ends.
    await sql`insert into t (v) values ('w')`.execute(db);
  });

  it('turns on WAL and foreign keys', async () => {
    const wal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(wal.rows[0]!.journal_mode).toBe('wal');
    expect(fk.rows[0]!.foreign_keys).toBe(1);
  });

  it('reports SQL errors as rejected promises and keeps working afterwards', async () => {
    await expect(sql`insert into t (v) values (null)`.execute(db)).rejects.toThrow(/NOT NULL/);
    await sql`insert into t (v) values ('after')`.execute(db);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(rows.rows[0]!.n).toBe(1);
  });
});
