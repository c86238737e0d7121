import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// Issue 15: names the office's sheets use for a kecamatan or desa that the shipped reference does not know
// ("Pasir Puti", "Ds. Tlg Baru"), remembered from the import's value-mapping step so the next sheet matches
// them without asking. Kept apart from region_alias, which is replaced whenever the shipped list changes.
// `kode` is not a foreign key for the same reason (the region table is reloaded from resources).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL has no glob: the same code shapes as regular expressions.
  const kodeShape = isPostgres(db)
    ? sql`(level = 'kecamatan' and kode ~ '^[0-9]{2}[.][0-9]{2}[.][0-9]{2}$') or (level = 'desa' and kode ~ '^[0-9]{2}[.][0-9]{2}[.][0-9]{2}[.][0-9]{4}$')`
    : sql`(level = 'kecamatan' and kode glob '[0-9][0-9].[0-9][0-9].[0-9][0-9]') or (level = 'desa' and kode glob '[0-9][0-9].[0-9][0-9].[0-9][0-9].[0-9][0-9][0-9][0-9]')`;
  await db.schema
    .createTable('region_alias_kantor')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('kecamatan', 'desa')`))
    .addColumn('alias', 'text', (c) => c.notNull().check(sql`length(trim(alias)) between 1 and 100`))
    .addColumn('alias_key', 'text', (c) => c.notNull().check(sql`length(alias_key) between 1 and 100`))
    .addColumn('kode', 'text', (c) =>
      c.notNull().check(kodeShape),
    )
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('region_alias_kantor_unique', ['level', 'alias_key', 'kode'])
    .execute();
}
