import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** How much practice data a database holds (shown after the demo is made; checked by its test). */
export async function demoCounts(db: Kysely<Database>) {
  const count = async (table: 'keluarga' | 'anggota' | 'program' | 'penyerahan' | 'rapat' | 'intervensi') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    keluarga: await count('keluarga'),
    anggota: await count('anggota'),
    program: await count('program'),
    penyerahan: await count('penyerahan'),
    rapat: await count('rapat'),
    intervensi: await count('intervensi'),
  };
}
