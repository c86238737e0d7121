/**
 * Issue 20: the commit writes from the rows its preview checked (imports/checkedRows.ts) instead of reading and
 * checking the sheet again, and gives exactly what a commit from the sheet gives. Whenever the checks could
 * come out otherwise (another mapping, a region name remembered since, another office day), or the kept rows
 * are not whole, the commit reads the sheet as before; a preview that fails keeps nothing.
 */
import { existsSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { CheckedRowsWriter, keepBudget, openCheckedRows, type CheckedInfo } from '../../../electron/core/imports/checkedRows';
import { runImport, type ImportOptions } from '../../../electron/core/imports/pipeline';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { ok } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx, writeXlsx, xlsxBytes } from '../../helpers/xlsx';
import { importOptions, officesPerTest, operatorView } from './importOptions';
import { messySheets } from './messySheet';

const NOW = new Date('2024-06-01T03:00:00Z');
const { office } = officesPerTest(NOW);


async function registry(core: Core) {
  const people = await core.db
    .selectFrom('anggota')
    .innerJoin('keluarga', 'keluarga.id', 'anggota.keluarga_id')
    .select(['anggota.nik', 'anggota.nama', 'anggota.tanggal_lahir', 'anggota.jenis_kelamin', 'anggota.hubungan', 'keluarga.no_kk', 'keluarga.desa_kode', 'keluarga.alamat'])
    .orderBy('anggota.nik')
    .execute();
  const programs = await core.db.selectFrom('anggota_program').innerJoin('anggota', 'anggota.id', 'anggota_program.anggota_id').select(['anggota.nik', 'anggota_program.program']).orderBy('anggota.nik').orderBy('anggota_program.program').execute();
  return { people, programs };
}

/** Whether the last import's audit entry says it wrote the rows its preview checked. */
async function fromPreview(core: Core): Promise<boolean> {
  const entry = await core.db.selectFrom('audit_log').select('after_json').where('action', '=', 'import').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return (JSON.parse(entry.after_json ?? '{}') as { fromPreview?: boolean }).fromPreview === true;
}

async function messyFile(): Promise<{ dir: string; path: string; kept: string }> {
  const dir = await tempDir('dinsos-from-preview-');
  return { dir, path: await writeXlsx(join(dir, 'usulan.xlsx'), messySheets().sheets), kept: join(dir, '.diperiksa.ndjson') };
}

async function run(core: Core, path: string, extra: Partial<ImportOptions>) {
  return runImport(await importOptions(core, path, extra));
}

describe('a commit after its preview', () => {
  it('writes the rows the preview checked, and gives the report, rejected rows and registry of a commit from the sheet', async () => {
    const { path, kept } = await messyFile();
    const a = await office();
    const preview = await operatorView(await run(a, path, { checkedRows: kept }));
    expect(existsSync(kept) && existsSync(`${kept}.json`)).toBe(true);
    expect(preview.counts.rejected).toBeGreaterThan(0);
    expect(preview.skipped.length).toBeGreaterThan(0);
    expect(preview.regionValues.length).toBeGreaterThan(0);
    const committed = await operatorView(await run(a, path, { checkedRows: kept, commit: true }));
    expect(await fromPreview(a)).toBe(true);
    expect(committed.counts).toEqual(preview.counts);

    const b = await office();
    const direct = await operatorView(await run(b, path, { commit: true }));
    expect(await fromPreview(b)).toBe(false);
    expect(committed).toEqual(direct);
    expect(await registry(a)).toEqual(await registry(b));
    expect((await registry(a)).people.length).toBe(direct.counts.imported);
  });

  const changes: [string, (core: Core, kept: string) => Promise<Partial<ImportOptions>>][] = [
    ['another mapping', async () => ({ mapping: { NIK: 'nik', 'NO KK': 'noKk', NAMA: 'nama', KECAMATAN: 'kecamatan', KELURAHAN: 'desa', 'TANGGAL LAHIR\n(31/01/2000)': 'tanggalLahir' } })],
    [
      'a region name the office remembered since',
      async (core) => {
        await core.db.insertInto('region_alias_kantor').values({ level: 'desa', alias: 'Baamang Ujung', alias_key: 'baamang ujung', kode: '62.02.05.1001', created_by: null, created_at: NOW.toISOString() }).execute();
        return {};
      },
    ],
    ['the office day after', async () => ({ now: new Date(NOW.getTime() + 24 * 3600_000) })],
    [
      'kept rows cut short',
      async (_core, kept) => {
        truncateSync(kept, statSync(kept).size - 1);
        return {};
      },
    ],
  ];
  for (const [what, change] of changes) {
    it(`reads and checks the sheet again after ${what}, with the counts of a commit from the sheet`, async () => {
      const { path, kept } = await messyFile();
      const core = await office();
      const preview = await run(core, path, { checkedRows: kept });
      preview.rejected.dispose();
      const extra = await change(core, kept);
      const committed = await run(core, path, { checkedRows: kept, commit: true, ...extra });
      committed.rejected.dispose();
      expect(await fromPreview(core)).toBe(false);

      const fresh = await office();
      if (what === 'a region name the office remembered since') await change(fresh, kept);
      const direct = await run(fresh, path, { commit: true, ...extra });
      direct.rejected.dispose();
      expect(committed.counts).toEqual(direct.counts);
    });
  }

  it('keeps rows of any length whole: a rejected row whose cells outgrow the writer\'s buffer, text of other scripts around it', async () => {
    const rows: (string | number | Date | null)[][] = [];
    for (const k of makeFamilies(4_000, 3)) for (const a of k.anggota) if (rows.length < 4_000) rows.push(dtksRow(k, a, rows.length + 1));
    const [nik, nama, alamat] = [DTKS_HEADERS.indexOf('NIK'), DTKS_HEADERS.indexOf('Nama'), DTKS_HEADERS.indexOf('Alamat')];
    // Names and addresses of several byte lengths in UTF-8, so that lines fill the buffer unevenly.
    rows.forEach((r, i) => {
      r[nama] = `${String(r[nama])} ${['Ñoño', 'Đặng', '漢字', '😀'][i % 4]}`;
      r[alamat] = `${String(r[alamat])} ${'Ωμέγα '.repeat(i % 50)}`;
    });
    // Row 700 is refused (its NIK is not one), and its cells, kept for the rejected-rows file, are ~1.9 MB.
    rows[700] = rows[700]!.map((v, c) => (c === nik ? '12345' : typeof v === 'string' ? `${v} ${'ü'.repeat(25_000)}` : v));
    const dir = await tempDir('dinsos-from-preview-long-');
    const path = await writeLargeXlsx(join(dir, 'dtks.xlsx'), DTKS_HEADERS, rows.length, (i) => rows[i]!);
    const kept = join(dir, '.diperiksa.ndjson');
    const rejectedCells = async (r: Awaited<ReturnType<typeof run>>) => {
      const out = [];
      for await (const x of r.rejected.rows()) out.push(x);
      r.rejected.dispose();
      return out;
    };

    const a = await office();
    // Several buffers' worth of lines, and one line larger than a buffer (the refused row keeps its cells).
    (await run(a, path, { checkedRows: kept })).rejected.dispose();
    expect(statSync(kept).size).toBeGreaterThan(3 << 20);
    const committed = await run(a, path, { checkedRows: kept, commit: true });
    expect(await fromPreview(a)).toBe(true);
    const b = await office();
    const direct = await run(b, path, { commit: true });
    expect(committed.counts).toEqual(direct.counts);
    expect(committed.counts).toMatchObject({ imported: 3_999, rejected: 1 });
    const refused = await rejectedCells(committed);
    expect(refused).toEqual(await rejectedCells(direct));
    expect(String(refused[0]?.raw[alamat])).toHaveLength(String(rows[700]![alamat]).length);
    expect(await registry(a)).toEqual(await registry(b));
  }, 60_000);

  it('keeps nothing of a preview that fails part-way', async () => {
    const { dir, path, kept } = await messyFile();
    const core = await office();
    await expect(run(core, path, { checkedRows: kept, failAfterRows: 3 })).rejects.toThrow('Kegagalan uji');
    expect(readdirSync(dir)).toEqual(['usulan.xlsx']);
    const committed = await run(core, path, { checkedRows: kept, commit: true });
    committed.rejected.dispose();
    expect(await fromPreview(core)).toBe(false);
    expect(committed.counts.imported).toBeGreaterThan(0);
  });

  it('a preview whose checked rows cannot be kept (their folder gone) still gives its report, and the commit reads the sheet', async () => {
    const { dir, path } = await messyFile();
    const nowhere = join(dir, 'hilang', '.diperiksa.ndjson');
    const core = await office();
    const preview = await run(core, path, { checkedRows: nowhere });
    preview.rejected.dispose();
    expect(preview.counts.imported).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['usulan.xlsx']);
    const committed = await run(core, path, { checkedRows: nowhere, commit: true });
    committed.rejected.dispose();
    expect(await fromPreview(core)).toBe(false);
    expect(committed.counts).toEqual(preview.counts);
  });

  it('a writer that cannot write (its folder gone) throws nothing and leaves nothing; there is no budget there', async () => {
    const { dir, path } = await messyFile();
    const nowhere = join(dir, 'hilang', '.diperiksa.ndjson');
    expect(keepBudget(path, nowhere)).toBe(0);
    expect(keepBudget(path, join(dir, '.diperiksa.ndjson'))).toBeGreaterThan(0);
    const preview = await run(await office(), path, {});
    preview.rejected.dispose();
    const info = { fileName: 'usulan.xlsx', fileType: 'xlsx', sheets: preview.sheets, sheet: preview.sheet, headerRow: preview.headerRow, headerRowCount: 1, dataStartRow: preview.dataStartRow, numberRow: null, preset: preview.preset, columns: preview.columns, savedMapping: null } as CheckedInfo;
    const writer = new CheckedRowsWriter(nowhere, 'kunci', info, 1 << 30);
    for (const r of preview.rows) writer.add({ row: r.row, nikText: r.nik, nama: r.nama, noKkText: r.noKk, desaText: r.desa, errors: r.reasons, warnings: r.warnings, programs: [], member: null, family: null }, null);
    writer.finish([], null, []);
    expect(readdirSync(dir)).toEqual(['usulan.xlsx']);
    expect(openCheckedRows(nowhere, 'kunci')).toBeNull();
  });

  it('through the API: the preview job keeps its checked rows beside the staged file and the commit job writes from them', async () => {
    const core = await office();
    const admin = core.admin;
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'usulan baamang.xlsx', bytes: await xlsxBytes(messySheets().sheets) });
    const preview = await core.services.jobs.wait((await ok<JobStatus>(admin, 'imports.preview', { stagingId: staged.stagingId })).id);
    expect(preview.state).toBe('done');
    const commit = await core.services.jobs.wait((await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(commit.state).toBe('done');
    expect((commit.result as ImportReport).counts).toEqual((preview.result as ImportReport).counts);
    expect(await fromPreview(core)).toBe(true);
  });
});
