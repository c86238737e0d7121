import type { Kysely } from 'kysely';
import type { DocumentSettings } from '../../../shared/api/programs';
import type { Database } from '../db/schema';
import { METERAI } from '../documents';

const KEY = 'documents.settings';

export const defaultDocumentSettings: DocumentSettings = { meteraiBatas: METERAI.batasDefault };

/** The office's settings for printed aid documents (kept in `meta`, defaults where never saved). */
export async function readDocumentSettings(db: Kysely<Database>): Promise<DocumentSettings> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return defaultDocumentSettings;
  try {
    return { ...defaultDocumentSettings, ...(JSON.parse(row.value) as Partial<DocumentSettings>) };
  } catch {
    return defaultDocumentSettings;
  }
}

export async function writeDocumentSettings(db: Kysely<Database>, value: DocumentSettings): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('meta').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}
