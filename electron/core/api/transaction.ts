import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

/**
 * Runs `work` in one transaction of `db` and hands it a `Db` on that transaction. The database has one
 * connection, held by the transaction until it ends: every query of the call must go through the `Db` given
 * here (a query on `db` itself would wait for the transaction, and the transaction for it, for ever).
 *
 * Code written to stand alone keeps its own `db.transaction().execute(fn)`: inside this one it becomes a
 * savepoint, so its writes still roll back alone when `fn` throws and the caller carries on.
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(nestable(trx)));
}

/** A transaction whose `transaction()` opens a savepoint instead of refusing (kysely refuses nesting). */
function nestable(trx: Transaction<Database>): Db {
  let savepoints = 0;
  const builder = {
    async execute<R>(fn: (inner: Db) => Promise<R>): Promise<R> {
      const name = sql.raw(`nested_${++savepoints}`);
      await sql`savepoint ${name}`.execute(trx);
      try {
        const result = await fn(proxy);
        await sql`release ${name}`.execute(trx);
        return result;
      } catch (error) {
        await sql`rollback to ${name}`.execute(trx);
        await sql`release ${name}`.execute(trx);
        throw error;
      }
    },
  };
  const proxy = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => builder;
      // kysely keeps its state in private fields: its methods must run on the transaction itself.
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as Db;
  return proxy;
}
