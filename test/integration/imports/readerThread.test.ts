/**
 * Issue 20: a large file is read in a thread of its own (imports/threadedSource.ts) while this thread checks and
 * writes. Here every file goes through the thread (readerThreadFromBytes: 0) and must give what reading in this
 * thread gives: the same outcomes, reasons, skipped rows, rejected rows and written registry; a reading error
 * the same ImportReadError code and message.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import { ImportReadError, openSource } from '../../../electron/core/imports/read';
import type { SourceRow } from '../../../electron/core/imports/read/types';
import { openImportSource } from '../../../electron/core/imports/threadedSource';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { writeHostile } from '../../helpers/hostileXlsx';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx, writeXlsx } from '../../helpers/xlsx';
import { importOptions, operatorView } from './importOptions';
import { messySheets } from './messySheet';

let core: Core;
let dir: string;

beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
  await setUpOffice(core);
  dir = await tempDir('dinsos-reader-thread-');
});
afterEach(async () => {
  await core.close();
});

const IN_THREAD = { readerThreadFromBytes: 0 };
const HERE = { readerThreadFromBytes: Number.MAX_SAFE_INTEGER };


async function run(path: string, extra: Partial<ImportOptions>) {
  return operatorView(await runImport(await importOptions(core, path, extra)));
}

async function registry() {
  const people = await core.db.selectFrom('anggota').select(['nik', 'nama', 'tanggal_lahir', 'keluarga_id']).orderBy('nik').execute();
  const families = await core.db.selectFrom('keluarga').select(['id', 'no_kk', 'desa_kode']).orderBy('id').execute();
  return { people, families };
}

describe('the reader thread', () => {
  it('previews a messy sheet exactly as reading in this thread does: outcomes, reasons, skipped and rejected rows', async () => {
    const path = await writeXlsx(join(dir, 'usulan.xlsx'), messySheets().sheets);
    const here = await run(path, HERE);
    const threaded = await run(path, IN_THREAD);
    expect(here.counts.rejected).toBeGreaterThan(0);
    expect(here.skipped.length).toBeGreaterThan(0);
    expect(threaded).toEqual(here);
  });

  it('commits a sheet of many batches with the same counts and the same registry, in the same order', async () => {
    const rows: (string | number | Date | null)[][] = [];
    for (const k of makeFamilies(4_000, 3)) for (const a of k.anggota) if (rows.length < 4_000) rows.push(dtksRow(k, a, rows.length + 1));
    const path = await writeLargeXlsx(join(dir, 'dtks.xlsx'), DTKS_HEADERS, rows.length, (i) => rows[i]!);
    const preview = await run(path, IN_THREAD);
    expect(preview).toEqual(await run(path, HERE));
    expect(preview.counts.dataRows).toBe(4_000);

    const committed = await run(path, { ...IN_THREAD, commit: true });
    expect(committed.counts).toEqual(preview.counts);
    const threaded = await registry();
    expect(threaded.people).toHaveLength(committed.counts.imported);

    // The same file committed by reading in this thread, into a fresh office: the same people and families.
    await core.close();
    core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    await setUpOffice(core);
    await run(path, { ...HERE, commit: true });
    expect(await registry()).toEqual(threaded);
  }, 120_000);

  it('hands over every row of many batches as read here: row number, cells, values and overlong cells', async () => {
    const rows: (string | number | Date | null)[][] = [];
    for (const k of makeFamilies(1_200, 3)) for (const a of k.anggota) if (rows.length < 1_200) rows.push(dtksRow(k, a, rows.length + 1));
    // Longer than Excel's 32,767 characters (another program wrote it), in the first batch and in the third.
    for (const at of [3, 1_100]) rows[at]![2] = 'X'.repeat(40_000);
    const path = await writeLargeXlsx(join(dir, 'long.xlsx'), DTKS_HEADERS, rows.length, (i) => rows[i]!);
    const all = async (threadFromBytes: number) => {
      const source = await openImportSource(path, {}, threadFromBytes);
      const out: SourceRow[] = [];
      for await (const r of source.rows()) out.push(r);
      await source.close();
      return out;
    };
    const here = await all(Number.MAX_SAFE_INTEGER);
    expect(here).toHaveLength(1_200);
    expect(here.filter((r) => r.overlong).map((r) => [r.row, r.overlong])).toEqual([
      [here[3]!.row, [2]],
      [here[1_100]!.row, [2]],
    ]);
    expect(await all(0)).toEqual(here);
    const direct = async (options?: { cellsOnly: boolean }) => {
      const source = await openSource({ path });
      const out: SourceRow[] = [];
      for await (const r of source.rows(options)) out.push(r);
      return out;
    };
    expect(here).toEqual(await direct());
    // As the thread reads them (its receiver makes the values): the same rows and cells, no values made.
    const cellsOnly = await direct({ cellsOnly: true });
    expect(cellsOnly.map(({ values, ...rest }) => [rest, Object.keys(values).length])).toEqual(here.map(({ values: _v, ...rest }) => [rest, 0]));
  }, 60_000);

  it('a hostile file ends with the same ImportReadError, code and message, as read in this thread', async () => {
    const file = join(dir, 'cell-ref.xlsx');
    await writeHostile(file, 'cell-ref-out-of-grid');
    const failure = async (extra: Partial<ImportOptions>) => {
      const error = await runImport(await importOptions(core, file, extra)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportReadError);
      return { code: (error as ImportReadError).code, message: (error as ImportReadError).message };
    };
    const here = await failure(HERE);
    expect(here.code).toBe('CELL_REF_INVALID');
    expect(await failure(IN_THREAD)).toEqual(here);
  });

  it('an import that fails after its file was opened leaves no reader thread holding the file', async () => {
    const rows: (string | number | Date | null)[][] = [];
    for (const k of makeFamilies(4_000, 3)) for (const a of k.anggota) if (rows.length < 4_000) rows.push(dtksRow(k, a, rows.length + 1));
    // More rows than the reader may send ahead (readerThread.ts), so that it waits with the file open.
    const path = await writeLargeXlsx(join(dir, 'dtks.xlsx'), DTKS_HEADERS, rows.length, (i) => rows[i]!);
    const openHere = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false; // closed meanwhile
      }
    });
    // The look-up of a saved layout, made once the sheet is open, fails (as when the office server drops).
    await sql`alter table import_mapping rename to import_mapping_away`.execute(core.db);
    await expect(runImport(await importOptions(core, path, IN_THREAD))).rejects.toThrow(/import_mapping/);
    expect(openHere()).toEqual([]);
  });
});
