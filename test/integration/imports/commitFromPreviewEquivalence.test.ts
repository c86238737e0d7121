/**
 * Issue 20 (found sound by the review of the change): a commit from the preview's kept rows leaves exactly the database a
 * commit from the sheet leaves — P3KE individu with families spanning chunks over an existing registry, and a
 * SIKS-NG usulan sheet, with an operator's scope — and its undo gives back the same.
 */
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import { undoBatch } from '../../../electron/core/imports/undo';
import { DTKS_HEADERS, dtksRow, familiesOfAtLeast } from '../../helpers/registryFixtures';
import { tempDir, writeXlsx, type FixtureCell } from '../../helpers/xlsx';
import { SIKS_NG_USULAN } from '../../unit/imports-read/headerTexts';
import { openSeededCore } from '../exports/seed';
import { importOptions, officesPerTest, operatorView } from './importOptions';
import { p3keIndividuRows, p3keTitleRows, type P3keFamily } from './p3keSheet';
import { usulanRow } from './usulanTemplate';

const { closing } = officesPerTest(new Date());

async function dump(core: Core): Promise<string> {
  const out: string[] = [];
  for (const t of ['keluarga', 'anggota', 'anggota_program', 'usulan', 'import_change', 'import_batch']) {
    // Whole rows in a fixed order: `order by 1` left a person's programmes (same anggota_id) in the order PostgreSQL
    // happened to read them, and the comparison failed once in CI.
    out.push(JSON.stringify((await sql.raw(`select * from ${t}`).execute(core.db)).rows.map((r) => JSON.stringify(r)).sort()));
  }
  const audit = (await sql<{ action: string; entity: string; after_json: string | null }>`select action, entity, after_json from audit_log order by id`.execute(core.db)).rows;
  out.push(JSON.stringify(audit.map((a) => ({ ...a, after_json: a.after_json?.replace(',"fromPreview":true', '') }))));
  return out.join('\n');
}

async function scene(dir: string) {
  const fams = familiesOfAtLeast(420, 1, 2, 33);
  // Half the families already registered (from a DTKS sheet): the P3KE rows update them.
  const dtks = await writeXlsx(join(dir, 'dtks.xlsx'), [{ name: 'DATA', rows: [[...DTKS_HEADERS], ...fams.slice(0, 200).flatMap((k, n) => k.anggota.map((a, i) => dtksRow(k, a, n * 10 + i + 1)))] }]);
  const p3ke: P3keFamily[] = fams.map((k, n) => ({
    id: `P62020000${String(n).padStart(5, '0')}`,
    k,
    desil: n % 17 === 0 ? 11 : (n % 10) + 1,
    anggota: k.anggota.map((a, i) => (n % 13 === 0 && i === 1 ? { ...a, nikTertulis: a.nik.slice(0, 15) } : { ...a, stunting: i === 2 })),
  }));
  const p3kePath = await writeXlsx(join(dir, 'p3ke.xlsx'), [{ name: 'Data P3KE', rows: [...p3keTitleRows('Individu'), ...p3keIndividuRows(p3ke)] }]);
  const usulan: FixtureCell[][] = [[...SIKS_NG_USULAN], ...fams.slice(150, 260).flatMap((k, n) => k.anggota.map((a) => usulanRow(k, a, n % 3 === 0 ? 'PKH, BPNT' : n % 3 === 1 ? '' : 'PBI')))];
  const usulanPath = await writeXlsx(join(dir, 'usulan.xlsx'), [{ name: 'DATA', rows: usulan }]);
  return { dtks, p3kePath, usulanPath };
}

describe('commit from kept rows = commit from the sheet', () => {
  for (const who of ['admin', 'operator'] as const) {
    it(`P3KE over a registry, then a SIKS-NG usulan sheet, as ${who}; and the undo`, async () => {
      const dir = await tempDir('dinsos-equiv-');
      const s = await scene(dir);
      const a = closing((await openSeededCore()).core);
      const b = closing((await openSeededCore()).core);
      const session = who === 'admin' ? undefined : { userId: 1, username: 'admin', nama: 'Admin', role: 'operator' as const, permissions: [], wilayah: ['62.02.05', '62.02.06', '62.02.01'] };
      const extra = (o: Partial<ImportOptions>) => ({ ...o, ...(session ? { session } : {}) });
      for (const core of [a, b]) (await runImport(await importOptions(core, s.dtks, extra({ commit: true, fileName: 'dtks.xlsx' })))).rejected.dispose();
      const batches: number[][] = [[], []];
      for (const [path, name] of [[s.p3kePath, 'p3ke.xlsx'], [s.usulanPath, 'usulan.xlsx']] as const) {
        const kept = join(dir, `.${name}.ndjson`);
        const preview = await operatorView(await runImport(await importOptions(a, path, extra({ fileName: name, checkedRows: kept }))));
        const fromKept = await runImport(await importOptions(a, path, extra({ fileName: name, checkedRows: kept, commit: true })));
        const fromSheet = await runImport(await importOptions(b, path, extra({ fileName: name, commit: true })));
        batches[0]!.push(fromKept.batchId!);
        batches[1]!.push(fromSheet.batchId!);
        const k = await operatorView(fromKept);
        const sh = await operatorView(fromSheet);
        expect(k.counts).toEqual(preview.counts);
        expect(k).toEqual(sh);
        expect(k.counts.dataRows).toBeGreaterThan(0);
      }
      const audit = await a.db.selectFrom('audit_log').select('after_json').where('action', '=', 'import').orderBy('id', 'desc').limit(2).execute();
      expect(audit.every((x) => x.after_json?.includes('"fromPreview":true'))).toBe(true);
      expect(await dump(a)).toEqual(await dump(b));
      for (const [i, core] of [a, b].entries()) for (const id of batches[i]!.reverse()) await undoBatch(core.db, id, { userId: 1, username: 'admin', nama: 'Admin', role: 'admin', permissions: [], wilayah: [] }, new Date('2025-07-01T00:00:00Z'));
      expect(await dump(a)).toEqual(await dump(b));
    });
  }
});
