import { type Kysely } from 'kysely';

// Issue 14: an operator's SIKS-NG usulan sheet is a list of proposals, not of programmes received. Its rows are
// stored as `usulan` records tagged with the import batch that wrote them, so undoing that import removes them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('usulan').addColumn('import_batch_id', 'integer', (c) => c.references('import_batch.id')).execute();
  await db.schema.createIndex('usulan_import_batch').on('usulan').column('import_batch_id').execute();
}
