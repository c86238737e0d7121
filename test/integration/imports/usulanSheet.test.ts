/**
 * Issue 14: an operator's SIKS-NG usulan sheet (TEMPLATE_EXCEL_USULAN, formats.md §1.1) records proposals.
 * Its PROGRAM BANSOS column says what each person is proposed for: the import writes one `usulan` row per
 * person and programme (NON BANSOS where the cell is empty), tagged with the batch, adds nothing to
 * anggota_program, the SIKS-NG usulan export finds them (`program: PKH` → exactly the PKH proposals), and the
 * import's undo removes them.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport } from '../../../electron/core/imports/pipeline';
import { undoBatch } from '../../../electron/core/imports/undo';
import type { AppError } from '../../../electron/core/api/errors';
import { familiesOfAtLeast, DTKS_HEADERS, dtksRow } from '../../helpers/registryFixtures';
import { tempDir, writeXlsx, type FixtureCell } from '../../helpers/xlsx';
import { usulanRow } from './usulanTemplate';
import { SIKS_NG_USULAN } from '../../unit/imports-read/headerTexts';
import { exportFile, templateByKey } from '../exports/helpers';
import { openSeededCore } from '../exports/seed';
import { importOptions } from './importOptions';

let core: Core;
let client: ReturnType<Core['createClient']>;
let dir: string;

beforeEach(async () => {
  ({ core, client } = await openSeededCore());
  dir = await tempDir('dinsos-usulan-');
});
afterEach(async () => core?.close());

const families = (n: number, from: number) => familiesOfAtLeast(n, from, 2, 14);

async function proposals() {
  const rows = await core.db
    .selectFrom('usulan as u')
    .innerJoin('anggota as a', 'a.id', 'u.anggota_id')
    .select(['a.nik', 'u.program', 'u.import_batch_id', 'u.sumber_file'])
    .orderBy('a.nik')
    .orderBy('u.program')
    .execute();
  return rows;
}

async function received(): Promise<string[]> {
  const rows = await core.db.selectFrom('anggota_program as p').innerJoin('anggota as a', 'a.id', 'p.anggota_id').select(['a.nik', 'p.program']).execute();
  return rows.map((r) => `${r.nik}:${r.program}`).sort();
}

describe('SIKS-NG usulan sheet of an operator', () => {
  it('records one usulan per person and programme, tagged with the batch; the export and the undo follow them', async () => {
    const [f1, f2, f3] = families(3, 1);
    // E is registered before, from a DTKS extract whose programme columns say what E's family receives.
    const dtksPath = await writeXlsx(join(dir, 'dtks.xlsx'), [{ name: 'DATA', rows: [[...DTKS_HEADERS], ...f3!.anggota.map((a, i) => dtksRow(f3!, a, i + 1))] }]);
    const dtks = await runImport(await importOptions(core, dtksPath, { fileName: 'dtks.xlsx', commit: true }));
    dtks.rejected.dispose();
    expect(dtks.counts.imported).toBe(f3!.anggota.length);
    const receivedBefore = await received();
    expect(receivedBefore.length).toBeGreaterThan(0);

    const [a, b] = f1!.anggota;
    const [c, d] = f2!.anggota;
    const e = f3!.anggota[0]!;
    const rows: FixtureCell[][] = [
      [...SIKS_NG_USULAN],
      usulanRow(f1!, a!, 'PKH'),
      usulanRow(f1!, b!, 'BPNT'),
      usulanRow(f2!, c!, 'PBI'),
      usulanRow(f2!, d!, ''),
      usulanRow(f3!, e, 'PKH, BPNT'),
      // Refused (the NIK has 15 digits): its proposal is not recorded.
      usulanRow(f2!, { ...d!, nik: d!.nik.slice(0, 15) }, 'PKH'),
    ];
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), [{ name: 'DATA', rows }]);

    // The preview decides alike and writes nothing.
    const preview = await runImport(await importOptions(core, path));
    preview.rejected.dispose();
    expect(preview.preset.id).toBe('siks-ng-usulan');
    expect(preview.counts).toMatchObject({ dataRows: 6, imported: 4, rejected: 1 });
    expect(await proposals()).toEqual([]);

    const result = await runImport(await importOptions(core, path, { fileName: 'TEMPLATE_EXCEL_USULAN - BAAMANG.xlsx', commit: true }));
    result.rejected.dispose();
    expect(result.counts).toMatchObject({ dataRows: 6, imported: 4, rejected: 1 });
    const batch = result.batchId!;
    const tag = { import_batch_id: batch, sumber_file: 'TEMPLATE_EXCEL_USULAN - BAAMANG.xlsx' };
    const expected = [
      { nik: a!.nik, program: 'PKH', ...tag },
      { nik: b!.nik, program: 'BPNT', ...tag },
      { nik: c!.nik, program: 'PBI', ...tag },
      { nik: d!.nik, program: 'NON BANSOS', ...tag },
      { nik: e.nik, program: 'BPNT', ...tag },
      { nik: e.nik, program: 'PKH', ...tag },
    ].sort((x, y) => (x.nik === y.nik ? x.program.localeCompare(y.program) : x.nik < y.nik ? -1 : 1));
    expect(await proposals()).toEqual(expected);
    // A proposal is not a programme received: anggota_program is as the DTKS extract left it.
    expect(await received()).toEqual(receivedBefore);

    // The SIKS-NG usulan export: every proposal with its programme; program PKH gives exactly the PKH ones.
    const t = await templateByKey(client, 'siks-ng-usulan');
    const all = await exportFile(core, client, t.id);
    const sheetRows = (ws: typeof all.ws) => Array.from({ length: ws.rowCount - 1 }, (_, i) => `${String(ws.getCell(i + 2, 1).value)}:${String(ws.getCell(i + 2, 2).value)}`).sort();
    expect(sheetRows(all.ws)).toEqual(expected.map((x) => `${x.nik}:${x.program}`).sort());
    const pkh = await exportFile(core, client, t.id, { program: 'PKH' });
    expect(sheetRows(pkh.ws)).toEqual([`${a!.nik}:PKH`, `${e.nik}:PKH`].sort());
    expect(pkh.result.rows).toBe(2);

    // Undo: the batch's proposals go with it; the DTKS extract's people and programmes stay.
    await undoBatch(core.db, batch, null, new Date('2025-07-01T00:00:00Z'));
    expect(await proposals()).toEqual([]);
    expect(await received()).toEqual(receivedBefore);
    const left = await core.db.selectFrom('anggota').select('nik').execute();
    expect(left.map((r) => r.nik).sort()).toEqual(f3!.anggota.map((x) => x.nik).sort());
  });

  it('keeps a proposal the person already had, and refuses the undo once SIKS-NG has answered a proposal', async () => {
    const [f1] = families(1, 40);
    const [a, b] = f1!.anggota;
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), [{ name: 'DATA', rows: [[...SIKS_NG_USULAN], usulanRow(f1!, a!, 'PKH'), usulanRow(f1!, b!, 'BPNT')] }]);
    const first = await runImport(await importOptions(core, path, { commit: true }));
    first.rejected.dispose();
    // The same sheet again (another month's upload): nothing new, the first batch keeps its proposals.
    const again = await runImport(await importOptions(core, path, { commit: true }));
    again.rejected.dispose();
    expect((await proposals()).map((p) => [p.nik, p.program, p.import_batch_id])).toEqual(
      [[a!.nik, 'PKH', first.batchId], [b!.nik, 'BPNT', first.batchId]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    await undoBatch(core.db, again.batchId!, null, new Date('2025-07-01T00:00:00Z'));
    expect(await proposals()).toHaveLength(2);

    // The SIKS-NG result file answered A's proposal: undoing the first import would lose it.
    const aId = (await core.db.selectFrom('anggota').select('id').where('nik', '=', a!.nik).executeTakeFirstOrThrow()).id;
    await core.db.updateTable('usulan').set({ hasil: 'Diterima', updated_at: '2025-07-02T00:00:00.000Z' }).where('anggota_id', '=', aId).execute();
    const error = (await undoBatch(core.db, first.batchId!, null, new Date('2025-07-03T00:00:00Z')).catch((x: unknown) => x)) as AppError;
    expect(error.code).toBe('UNDO_BLOCKED');
    expect(error.message).toContain(`NIK ${a!.nik}`);
    expect(error.message).toContain('usulan PKH sudah diberi hasil SIKS-NG');
    expect(await proposals()).toHaveLength(2);
  });
});
