/**
 * The office's workbook key: 32 random bytes made the first time a workbook is made, kept in the office's own
 * database (meta table, so a backup carries it and a restore keeps old workbooks readable). A workbook's META
 * carries an HMAC-SHA256 of its metadata under this key: META is a hidden sheet anyone can copy or retype, the
 * MAC is what shows it was made here and not altered (another desa, another row count, another checksum).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WorkbookMeta } from '../../../shared/api/workbooks';
import type { Database } from '../db/schema';

const KEY = 'workbooks.hmacKey';

async function readKey(db: Kysely<Database>): Promise<Buffer | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', KEY).executeTakeFirst();
  return row && /^[a-f0-9]{64}$/.test(row.value) ? Buffer.from(row.value, 'hex') : null;
}

/** The key, made and stored when there is none yet. */
export async function workbookKey(db: Kysely<Database>): Promise<Buffer> {
  const found = await readKey(db);
  if (found) return found;
  await db.insertInto('meta').values({ key: KEY, value: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await readKey(db))!;
}

/** The metadata fields the MAC covers, in a fixed order (every field but the MAC itself). */
function signedText(meta: Omit<WorkbookMeta, 'mac'>): string {
  return [meta.templateVersion, meta.kabKotaKode, meta.namaInstansi, meta.desaKode, meta.desaNama, meta.kecamatanNama, meta.madeAt, meta.madeBy, meta.rowsIssued, meta.checksum]
    .map((v) => String(v).replace(/[\t\n]/g, ' '))
    .join('\t');
}

export function metaMac(key: Buffer, meta: Omit<WorkbookMeta, 'mac'>): string {
  return createHmac('sha256', key).update(signedText(meta)).digest('hex');
}

/** True when the META was made by this office's database and not altered since. */
export async function metaIsOurs(db: Kysely<Database>, meta: WorkbookMeta): Promise<boolean> {
  const key = await readKey(db);
  if (!key || !/^[a-f0-9]{64}$/.test(meta.mac)) return false;
  return timingSafeEqual(Buffer.from(metaMac(key, meta), 'hex'), Buffer.from(meta.mac, 'hex'));
}
