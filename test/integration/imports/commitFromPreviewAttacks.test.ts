/**
 * Issue 20: what a review of the commit from the preview's checked rows (imports/checkedRows.ts) found, each as
 * what the commit must do. Every test failed on the first version (d798d58): the file was opened by name after
 * its check, trusted after a size check, unbounded, and keyed without the saved layout's name.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { keepBudget } from '../../../electron/core/imports/checkedRows';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import type { StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { ok } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, familiesOfAtLeast } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx, writeXlsx, xlsxBytes } from '../../helpers/xlsx';
import { importOptions, officesPerTest } from './importOptions';
import { HEADERS, messySheets } from './messySheet';

const NOW = new Date('2024-06-01T03:00:00Z');
const { office } = officesPerTest(NOW);

async function messyFile() {
  const dir = await tempDir('dinsos-review-');
  return { dir, path: await writeXlsx(join(dir, 'usulan.xlsx'), messySheets().sheets), kept: join(dir, '.diperiksa.ndjson') };
}

async function run(core: Core, path: string, extra: Partial<ImportOptions>) {
  const r = await runImport(await importOptions(core, path, extra));
  r.rejected.dispose();
  return r;
}

async function people(core: Core) {
  return core.db.selectFrom('anggota').innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id').select(['anggota.nik', 'anggota.nama', 'anggota.ibu_kandung', 'keluarga.desa_kode']).orderBy('anggota.nik').execute();
}

/** The messy sheet's own columns, stated: the mapping the clerk chose last. */
const RIGHT: Record<string, string> = {
  No: 'no', NIK: 'nik', 'NO KK': 'noKk', NAMA: 'nama', 'TEMPAT LAHIR': 'tempatLahir', [HEADERS[5]!]: 'tanggalLahir', 'JENIS KELAMIN': 'jenisKelamin',
  'IBU KANDUNG': 'ibuKandung', 'HUBUNGAN KELUARGA': 'hubunganKeluarga', ALAMAT: 'alamat', RT: 'rt', RW: 'rw', KECAMATAN: 'kecamatan', KELURAHAN: 'desa', 'PROGRAM BANSOS': 'programBansos',
};
/** An earlier choice of the clerk's, abandoned: NAMA and IBU KANDUNG the wrong way round. */
const WRONG: Record<string, string> = { ...RIGHT, NAMA: 'ibuKandung', 'IBU KANDUNG': 'nama' };

describe('commit from the preview’s checked rows, attacked', () => {
  it('a preview (other mapping) that ends between the commit’s key check and its first read does not change what the commit writes', async () => {
    const { dir, path, kept } = await messyFile();
    const core = await office();
    // P1: the clerk's earlier preview with the wrong mapping, still running in the job worker (its rows are
    // ready; finish() is what remains). P2: the preview with the right mapping, finished; the clerk commits it.
    const p1Rows = join(dir, '.p1.ndjson');
    await run(core, path, { mapping: WRONG, checkedRows: p1Rows });
    const p2 = await run(core, path, { mapping: RIGHT, checkedRows: kept });

    // P1's finish(), exactly as CheckedRowsWriter.finish does it (rows renamed over the file, then its .json),
    // at the moment the commit opens its transaction: after openCheckedRows, before the rows are read.
    const db = core.db as unknown as { transaction: () => unknown };
    const transaction = db.transaction.bind(core.db);
    let finished = false;
    db.transaction = () => {
      if (!finished) {
        finished = true;
        renameSync(p1Rows, kept);
        renameSync(`${p1Rows}.json`, `${kept}.json`);
      }
      return transaction();
    };
    const committed = await run(core, path, { mapping: RIGHT, checkedRows: kept, commit: true });
    expect(finished).toBe(true);

    const fresh = await office();
    const direct = await run(fresh, path, { mapping: RIGHT, commit: true });
    expect(committed.counts).toEqual(p2.counts);
    // Failed: the registry held the mothers' names as the people's names (the abandoned mapping's checks).
    expect(await people(core)).toEqual(await people(fresh));
    expect(committed.counts).toEqual(direct.counts);
  });

  it('a re-preview whose writer gives up (disk full) while the commit starts does not fail the commit: it reads the sheet', async () => {
    const { path, kept } = await messyFile();
    const core = await office();
    const preview = await run(core, path, { checkedRows: kept });
    // CheckedRowsWriter.quietly(): a failing writer removes `file` (the rows the commit has just accepted).
    const db = core.db as unknown as { transaction: () => unknown };
    const transaction = db.transaction.bind(core.db);
    db.transaction = () => {
      rmSync(kept, { force: true });
      return transaction();
    };
    // Failed: ENOENT from the commit's read stream (job: INTERNAL), though the sheet is there to read.
    const committed = await run(core, path, { checkedRows: kept, commit: true }).then(
      (r) => r.counts,
      (e: unknown) => `failed: ${String(e)}`,
    );
    expect(committed).toEqual(preview.counts);
  });

  it('kept rows damaged in place (same size) do not make every commit of the file fail: the commit reads the sheet', async () => {
    const { path, kept } = await messyFile();
    const core = await office();
    const preview = await run(core, path, { checkedRows: kept });
    // One byte changed, size unchanged (a bad sector, an antivirus, a crash before the data reached the disk).
    const text = readFileSync(kept, 'utf8');
    const size = statSync(kept).size;
    writeFileSync(kept, `{${text.slice(1)}`);
    expect(statSync(kept).size).toBe(size);

    // Failed: SyntaxError from JSON.parse inside the commit's transaction (INTERNAL for the job), and again on
    // every retry, since the key still matched and nothing removed the damaged file.
    const first = await run(core, path, { checkedRows: kept, commit: true }).then(
      (r) => r.counts,
      (e: unknown) => `failed: ${String(e)}`,
    );
    expect(first).toEqual(preview.counts);
    // The damaged rows are gone: nothing can take them later.
    expect(existsSync(kept) || existsSync(`${kept}.json`)).toBe(false);
  });

  it('a saved layout renamed between preview and commit (same columns) is reported under its name at the commit', async () => {
    const { path, kept } = await messyFile();
    const core = await office();
    const other = await messyFile();
    // The layout is saved (as another file of the same layout is committed) under "Usulan lama" …
    await run(core, other.path, { mapping: RIGHT, commit: true, saveMappingAs: 'Usulan lama' });
    const preview = await run(core, path, { checkedRows: kept });
    expect(preview.savedMapping).toBe('Usulan lama');
    // … and saved again, same columns, under a new name by a later commit of that layout (doUpdateSet nama).
    await core.db.updateTable('import_mapping').set({ nama: 'Usulan 2024' }).execute();
    // Reading the sheet now names it so.
    expect((await run(core, path, {})).savedMapping).toBe('Usulan 2024');
    const committed = await run(core, path, { checkedRows: kept, commit: true });
    // Failed: 'Usulan lama' (the preview's), where a commit from the sheet says 'Usulan 2024'.
    expect(committed.savedMapping).toBe('Usulan 2024');
  });

  it('the kept rows stay within their budget (keepBudget: 10 × the sheet), even when one long text repeats', async () => {
    const dir = await tempDir('dinsos-review-room-');
    // A shared string of Excel's 32,000 characters in every row's Keterangan column: stored once in the .xlsx,
    // written out once per row in the kept rows (an operator's rows keep their cells).
    const note = 'Catatan verifikasi lapangan. '.repeat(1100).slice(0, 32_000);
    const fams = familiesOfAtLeast(150, 1, 2, 7);
    const rows = fams.flatMap((k) => k.anggota.map((a) => [k, a] as const)).slice(0, 400);
    const path = await writeLargeXlsx(join(dir, 'dtks.xlsx'), [...DTKS_HEADERS, 'Keterangan'], rows.length, (i) => [...dtksRow(rows[i]![0], rows[i]![1], i + 1), note]);
    const kept = join(dir, '.diperiksa.ndjson');
    const core = await office();
    const session = { userId: 1, username: 'admin', nama: 'Admin', role: 'operator' as const, permissions: [], wilayah: ['62.02'] };
    const budget = keepBudget(path, kept);
    expect(budget).toBeGreaterThan(0);
    const preview = await run(core, path, { checkedRows: kept, session });
    expect(preview.counts.dataRows).toBe(rows.length);
    const sheet = statSync(path).size;
    const keptBytes = existsSync(kept) ? statSync(kept).size : 0;
    // Was about 13 MB kept from a 64 KB sheet (~200 ×); a sheet near the reader's limits would write GBs.
    expect(keptBytes).toBeLessThanOrEqual(budget);
    expect(budget).toBeLessThanOrEqual(10 * sheet + (1 << 20));
    const committed = await run(core, path, { checkedRows: kept, session, commit: true });
    expect(committed.counts).toEqual(preview.counts);
  });

  it('an operator cannot write a family outside the wilayah by editing the kept rows beside the staged file', async () => {
    const core = await office();
    const admin = core.admin;
    const password = 'operator-baamang-2024';
    await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'opbaamang', role: 'operator', wilayah: ['62.02.05'], password });
    const op = core.createClient();
    await ok(op, 'auth.login', { username: 'opbaamang', password });

    const staged = await ok<StagedFile>(op, 'imports.upload', { fileName: 'usulan baamang.xlsx', bytes: await xlsxBytes(messySheets().sheets) });
    const preview = await core.services.jobs.wait((await ok<JobStatus>(op, 'imports.preview', { stagingId: staged.stagingId })).id);
    expect(preview.state).toBe('done');

    // Row 13's family (Tinduk, Baamang) moved to Pundu, Cempaga Hulu (62.02.13): the same number of bytes, so
    // the kept rows still "fit" their .json.
    const kept = join(core.services.paths.dataDir, 'staging', staged.stagingId, '.diperiksa.ndjson');
    const lines = readFileSync(kept, 'utf8').split('\n');
    const i13 = lines.findIndex((l) => l.startsWith('[13,'));
    const i16 = lines.findIndex((l) => l.startsWith('[16,'));
    const desa13 = /"(62\.02\.05\.\d{4})"/.exec(lines[i13]!)![1]!;
    // Row 16 (Cempaga Hulu) was refused for this operator: OUTSIDE_WILAYAH.
    expect(lines[i16]).toContain('OUTSIDE_WILAYAH');
    const outside = '62.02.13.2001'; // Pundu, Cempaga Hulu
    expect(outside.length).toBe(desa13.length);
    lines[i13] = lines[i13]!.replace(`"${desa13}"`, `"${outside}"`).replace('"62.02.05"', '"62.02.13"');
    const before = statSync(kept).size;
    writeFileSync(kept, lines.join('\n'));
    expect(statSync(kept).size).toBe(before);

    const commit = await core.services.jobs.wait((await ok<JobStatus>(op, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(commit.state).toBe('done');
    // Failed: a family of the Baamang operator's import now lies in Cempaga Hulu.
    const outsideFamilies = await core.db.selectFrom('keluarga').select(['no_kk', 'desa_kode', 'kecamatan_kode']).where('kecamatan_kode', '!=', '62.02.05').execute();
    expect(outsideFamilies).toEqual([]);
  });
});
