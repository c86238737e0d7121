/**
 * A cell longer than Excel's 32,767 characters (written by another program) reaches the import cut to that
 * length (read/types.ts, SourceRow.overlong): its row is refused, naming the column, and nothing of it is stored.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runImport } from '../../../electron/core/imports/pipeline';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx } from '../../helpers/xlsx';
import { importOptions, officesPerTest } from './importOptions';

const { office } = officesPerTest(new Date('2024-06-01T03:00:00Z'));

it('refuses the row whose Alamat cell is longer than Excel allows, names column G, and imports the others whole', async () => {
  const rows: (string | number | Date | null)[][] = [];
  for (const k of makeFamilies(3, 1)) for (const a of k.anggota) if (rows.length < 3) rows.push(dtksRow(k, a, rows.length + 1));
  const alamat = DTKS_HEADERS.indexOf('Alamat');
  rows[1]![alamat] = `Jl. Panjang ${'X'.repeat(40_000)}`;
  const path = await writeLargeXlsx(join(await tempDir('dinsos-overlong-'), 'dtks.xlsx'), DTKS_HEADERS, rows.length, (i) => rows[i]!);
  const longNik = String(rows[1]![DTKS_HEADERS.indexOf('NIK')]);

  const core = await office();
  const result = await runImport(await importOptions(core, path, { commit: true }));
  try {
    expect(result.counts).toMatchObject({ dataRows: 3, imported: 2, rejected: 1 });
    const refused = result.rows.find((r) => r.outcome === 'rejected');
    expect(refused?.nik).toBe(longNik);
    expect(refused?.reasons.map((r) => r.message)).toContain('Isi sel kolom G lebih dari 32.767 karakter (batas Excel); baris ditolak agar tidak tersimpan terpotong.');
    const stored = await core.db.selectFrom('anggota').select('nik').execute();
    expect(stored.map((p) => p.nik).sort()).toEqual([rows[0]!, rows[2]!].map((r) => String(r[DTKS_HEADERS.indexOf('NIK')])).sort());
  } finally {
    result.rejected.dispose();
  }
});
