import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';

/**
 * Every migration, imported statically (kysely's file-system loader does not survive bundling).
 * Append only; the names are the schema history a database is checked against when it opens.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

export const migrationNames = Object.keys(migrations).sort();
