import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { RESOURCES, tempDbPath } from '../../helpers/webApp';
import { tempDir, writeXlsx } from '../../helpers/xlsx';
import { messySheets, nik } from './messySheet';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run cli -- import', () => {
  let db: string;
  let dir: string;
  let sheet: string;

  beforeAll(async () => {
    db = tempDbPath();
    const core = await openTestCore({ dbPath: db });
    await setUpOffice(core);
    await core.close();
    dir = await tempDir('dinsos-cli-');
    sheet = await writeXlsx(join(dir, 'usulan.xlsx'), messySheets().sheets);
  });

  it('--dry-run --json prints one JSON object with every outcome by sheet row and writes nothing', async () => {
    const r = await cli(['import', sheet, '--db', db, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      file: string; sheet: string; preset: string; dataRows: number; imported: number; updated: number;
      duplicates: { row: number; kind: string; nik: string }[]; rejected: { row: number; reasons: { code: string; message: string }[] }[];
      warnings: { row: number; code: string; message: string }[];
    };
    expect(j).toMatchObject({ file: sheet, sheet: 'DATA', preset: 'siks-ng-usulan', dataRows: 11, imported: 6, updated: 0 });
    expect(j.duplicates).toEqual([{ row: 10, kind: 'in-file', nik: nik.kepala, ofRow: 6 }]);
    expect(j.rejected.map((x) => x.row)).toEqual([9, 11, 12, 17]);
    expect(j.rejected.find((x) => x.row === 12)!.reasons.map((x) => x.code).sort()).toEqual(['NAMA_EMPTY', 'NIK_DATE']);
    expect(j.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 13, code: 'NIK_SEX_MISMATCH' }), expect.objectContaining({ row: 14, code: 'NIK_OTHER_REGION' })]),
    );
    const info = JSON.parse((await cli(['info', '--db', db, '--json'])).out) as { counts: Record<string, number> };
    expect(info.counts.anggota).toBe(0);
  });

  it('commits, then a second run reports the same people as duplicates of the registry', async () => {
    const first = JSON.parse((await cli(['import', sheet, '--db', db, '--json'])).out) as { imported: number; batchId: number };
    expect(first.imported).toBe(6);
    const second = await cli(['import', sheet, '--db', db, '--json', '--skip-duplicates']);
    const j = JSON.parse(second.out) as { imported: number; duplicates: { row: number; kind: string }[] };
    expect(j.imported).toBe(0);
    expect(j.duplicates.filter((d) => d.kind === 'registry').map((d) => d.row)).toEqual([6, 7, 8, 13, 14, 16]);
  });

  it('a file that cannot be read exits non-zero with an Indonesian message', async () => {
    const fake = join(dir, 'bukan excel.xlsx');
    writeFileSync(fake, 'ini hanya teks biasa, bukan berkas Excel\n'.repeat(20));
    const r = await cli(['import', fake, '--db', db, '--json']);
    expect(r.code).not.toBe(0);
    const j = JSON.parse(r.out) as { error: { code: string; message: string } };
    expect(j.error.code).toMatch(/^IMPORT_/);
    expect(j.error.message).toMatch(/bukan|tidak/i);

    const empty = await writeXlsx(join(dir, 'kosong.xlsx'), [{ name: 'Sheet1', rows: [] }]);
    const e = await cli(['import', empty, '--db', db, '--json']);
    expect(e.code).not.toBe(0);
    expect((JSON.parse(e.out) as { error: { code: string } }).error.code).toMatch(/IMPORT_(EMPTY_SHEET|NO_HEADER)/);

    const noHeader = await writeXlsx(join(dir, 'tanpa judul.xlsx'), [{ name: 'Data', rows: [['Apel', 'Jeruk'], ['1', '2']] }]);
    const n = await cli(['import', noHeader, '--db', db, '--json']);
    expect(n.code).not.toBe(0);
    expect((JSON.parse(n.out) as { error: { code: string; message: string } }).error.message).toContain('NIK');

    const missing = await cli(['import', join(dir, 'tidak ada.xlsx'), '--db', db, '--json']);
    expect(missing.code).not.toBe(0);
  });
});
