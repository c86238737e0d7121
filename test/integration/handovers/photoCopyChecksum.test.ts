/**
 * The table copy behind moving an office onto the server, a backup on the server and a restore into it compares
 * every table read back with what was sent (issue 18). Photos travel as bytes: a photo whose bytes arrive changed
 * must fail that comparison like any other row, though its checksum line carries only the bytes' SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../electron/core/api/errors';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { copyPlan, replaceAllRows } from '../../../electron/core/db/tableCopy';

const WORDS = { source: 'sumber', target: 'tujuan', cancelled: 'Penyalinan dibatalkan.' };
const CODES = { failed: 'COPY_FAILED', mismatch: 'COPY_MISMATCH' };
const photo = { stored_name: `${'a'.repeat(32)}.jpg`, data: randomBytes(256 * 1024), thumb: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1]), dihapus_at: null };

let source: Db;
let target: Db;

beforeAll(async () => {
  [source, target] = [await openDatabase(':memory:'), await openDatabase(':memory:')];
  await source.insertInto('penyerahan_foto_berkas').values(photo).execute();
});
afterAll(async () => {
  await source?.destroy();
  await target?.destroy();
});

describe('photo bytes in the table copy', () => {
  it('a photo whose bytes arrive changed fails the comparison and the copy rolls back', async () => {
    const plans = await copyPlan(source, target, WORDS);
    const error = (await target
      .transaction()
      .execute((trx) =>
        replaceAllRows(source, trx, plans, {
          batch: 100,
          words: WORDS,
          codes: CODES,
          // One byte of the photo stored differently, its length the same.
          beforeVerify: async (t) => {
            const changed = Buffer.from(photo.data);
            changed.writeUInt8(changed.readUInt8(1000) ^ 0xff, 1000);
            await t.updateTable('penyerahan_foto_berkas').set({ data: changed }).execute();
          },
        }),
      )
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('COPY_MISMATCH');
    expect(error.message).toContain('Pemeriksaan tabel penyerahan_foto_berkas gagal');
    expect(await target.selectFrom('penyerahan_foto_berkas').select('stored_name').execute()).toEqual([]);
  });

  it('copies the bytes and the small version as they are', async () => {
    const plans = await copyPlan(source, target, WORDS);
    await target.transaction().execute((trx) => replaceAllRows(source, trx, plans, { batch: 100, words: WORDS, codes: CODES }));
    const [row] = await target.selectFrom('penyerahan_foto_berkas').selectAll().execute();
    expect(row).toEqual({ ...photo, data: Buffer.from(photo.data) });
  });
});
