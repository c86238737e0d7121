/**
 * The fast reader's cells of every sheet of an .xlsx (openXlsxIndex + XlsxBook, each sheet pre-scanned as
 * openSource does), or the error it stopped with: the side of the differential check that referenceRead()
 * (referenceReader.ts) is compared with, in differential.test.ts and corpus.test.ts.
 */
import type { RawRow } from '../../../electron/core/imports/read/types';
import { XlsxBook } from '../../../electron/core/imports/read/xlsx';
import { openXlsxIndex } from '../../../electron/core/imports/read/xlsxIndex';

export type Ours = { sheets: { name: string; rows: RawRow[] }[] } | { error: unknown };

export async function fastRead(bytes: Uint8Array): Promise<Ours> {
  try {
    const index = await openXlsxIndex({ bytes }, 'fuzz.xlsx');
    const book = await XlsxBook.open(index, 'fuzz.xlsx');
    const sheets: { name: string; rows: RawRow[] }[] = [];
    for (const s of index.sheets) {
      await index.scanSheet(s); // the pre-scan checks the whole part (CRC-32, the tail) as openSource does
      const pass = await book.openSheet(s);
      const rows: RawRow[] = [];
      try {
        for (let r = await pass.rows.next(); !r.done; r = await pass.rows.next()) rows.push(...r.value);
      } finally {
        await pass.close();
      }
      sheets.push({ name: s.name, rows });
    }
    return { sheets };
  } catch (e) {
    return { error: e };
  }
}
