import { sql } from 'kysely';
import type { DatabaseInfo } from '../../../shared/api/admin';
import { schemaVersion, type Db } from '../db/database';
import { describeTarget, userTables } from '../db/dialect';
import type { AppPaths } from '../paths';
import type { RegionIndex } from '../regions';
import { loadOffice, readOfficeProfile } from './office';

/** What `admin.databaseInfo` answers: the database's place and schema, the office, and each table's rows. */
export async function databaseInfo(db: Db, paths: AppPaths, regions: RegionIndex): Promise<DatabaseInfo> {
  const schema = await schemaVersion(db);
  const counts: Record<string, number> = {};
  for (const name of await userTables(db)) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(row.rows[0]?.n ?? 0);
  }
  return {
    db: describeTarget(paths.dbPath),
    dataDir: paths.dataDir,
    schemaVersion: schema.version,
    latestSchemaVersion: schema.latest,
    migrations: schema.migrations,
    office: (await readOfficeProfile(db)) ? await loadOffice(db, regions) : null,
    counts,
  };
}
