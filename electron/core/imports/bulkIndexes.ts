/**
 * A large import into a small registry spends most of its database time keeping secondary indexes up to date,
 * because their keys (names, birth dates, areas) arrive in random order. Once an import has written more
 * people than the registry held, dropping those indexes and building them again at the end (a sort) is
 * cheaper than continuing: the rebuild costs at most about twice what was imported, while a small import into
 * a large registry never reaches the switch. Both happen inside the import's transaction, so a failure or a
 * cancel rolls the schema back with the data. The indexes the import itself reads (NIK, No KK, primary keys)
 * and the one a trigger searches (anggota_keluarga) are never dropped.
 *
 * The same holds for the trigger that files every later word of a new member's name (anggota_kata, migration
 * 0007): row by row its words land at random places of that table's key; once the indexes are deferred, the
 * people written since get their words in one sorted INSERT at the end and the trigger comes back as it was.
 *
 * Only on SQLite, the one-PC office: on PostgreSQL a DROP INDEX locks its whole table until the import commits,
 * and every other PC's list and search of the registry would wait for it (test postgres/importLocks).
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { indexDefinitions, isPostgres } from '../db/dialect';
import type { Database } from '../db/schema';

export const DEFERRED_INDEXES = [
  'anggota_nama_key',
  'anggota_lahir',
  'anggota_kec_nama',
  'keluarga_desa',
  'keluarga_kecamatan',
  'keluarga_desil',
  'anggota_program_program',
] as const;

/** Fewer people than this: keeping the indexes up to date costs too little to be worth a rebuild. */
const MIN_ROWS = 5_000;

/** The insert trigger deferred with the indexes; what it does for one row, done at the end for all of them. */
const WORDS_TRIGGER = 'anggota_kata_insert';

export class BulkIndexes {
  private dropped: { name: string; sql: string }[] | null = null;
  private wordsTrigger: string | null = null;
  /** The people written after the switch have ids above this one. */
  private lastIdBefore = 0;

  /** @param existing the people in the registry when the import's transaction began */
  constructor(private readonly existing: number) {}

  /** Called after each written chunk with the number of people written so far. */
  async written(db: Kysely<Database>, people: number): Promise<void> {
    if (this.dropped || people < Math.max(this.existing, MIN_ROWS) || isPostgres(db)) return;
    const rows = await indexDefinitions(db, DEFERRED_INDEXES);
    for (const r of rows) await sql.raw(`drop index "${r.name}"`).execute(db);
    this.dropped = rows;
    const { rows: trigger } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and name = ${WORDS_TRIGGER}`.execute(db);
    if (!trigger[0]) return;
    const { rows: last } = await sql<{ id: number | null }>`select max(id) as id from anggota`.execute(db);
    this.lastIdBefore = Number(last[0]?.id ?? 0);
    await sql.raw(`drop trigger "${WORDS_TRIGGER}"`).execute(db);
    this.wordsTrigger = trigger[0].sql;
  }

  /** Files the words the trigger would have, puts it back, and builds the dropped indexes again, from their own definitions. */
  async finish(db: Kysely<Database>): Promise<void> {
    if (this.wordsTrigger !== null) {
      // The trigger's own expression (migration 0007), for every person written while it was away.
      await sql`insert or ignore into anggota_kata (kata, anggota_id)
        select w.value, a.id from anggota a, json_each('["' || replace(a.nama_key, ' ', '","') || '"]') w
        where a.id > ${this.lastIdBefore} and w.key > 0 order by 1, 2`.execute(db);
      await sql.raw(this.wordsTrigger).execute(db);
      this.wordsTrigger = null;
    }
    for (const r of this.dropped ?? []) await sql.raw(r.sql).execute(db);
    this.dropped = null;
  }

  get deferred(): boolean {
    return this.dropped !== null;
  }
}
