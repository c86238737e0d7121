import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { isPostgres } from '../../../electron/core/db/dialect';
import { describe, expect, it } from 'vitest';
import type { ImportReport, StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies, makeNik } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';

type Client = Awaited<ReturnType<typeof setUpOffice>>;

async function call<T>(client: Client, name: string, input: unknown): Promise<T> {
  const r = await client.call(name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
  return r.value as T;
}

describe('cancelling an import job', () => {
  it('stops a commit part-way and leaves the registry, the history and the indexes as they were', async () => {
    const core = await openTestCore();
    try {
      const admin = await setUpOffice(core);
      const rows: (string | number)[][] = [[...DTKS_HEADERS]];
      for (const k of makeFamilies(40_000, 5)) for (const a of k.anggota) if (rows.length <= 40_000) rows.push(dtksRow(k, a, rows.length));
      const staged = await call<StagedFile>(admin, 'imports.upload', { fileName: 'dtks besar.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
      const indexes = async () =>
        (isPostgres(core.db)
          ? await sql<{ name: string; sql: string }>`select indexname as name, indexdef as sql from pg_indexes where schemaname = current_schema() order by indexname`.execute(core.db)
          : await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' order by name`.execute(core.db)
        ).rows;
      const before = await indexes();

      const job = await call<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
      // Cancel once rows are being written (progress reported), well before 40,000.
      let status = job;
      while (status.state === 'running' && status.done < 8_000) {
        await new Promise((r) => setTimeout(r, 5));
        status = await call<JobStatus>(admin, 'jobs.status', { id: job.id });
      }
      expect(status.state).toBe('running');
      await call<JobStatus>(admin, 'jobs.cancel', { id: job.id });
      const end = await core.services.jobs.wait(job.id);
      expect(end.state).toBe('cancelled'); // how soon: test/bench/cancel.bench.ts
      expect(end.done).toBeLessThan(40_000);

      const count = async (t: 'anggota' | 'keluarga' | 'anggota_program' | 'anggota_kata' | 'import_batch') =>
        Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(core.db)).rows[0]!.n);
      for (const t of ['anggota', 'keluarga', 'anggota_program', 'anggota_kata', 'import_batch'] as const) expect(await count(t)).toBe(0);
      expect(await indexes()).toEqual(before);

      // The same file then imports whole.
      const again = await core.services.jobs.wait((await call<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
      expect((again.result as ImportReport).counts.imported).toBe(40_000);
      expect(await count('anggota')).toBe(40_000);
    } finally {
      await core.close();
    }
  }, 120_000); // a 40,000-row workbook is built in memory first: ~30 s when the 2 cores are shared
});

describe('import through the API (upload → preview job → commit job → history → undo)', () => {
  it('imports a semicolon CSV under its own name, then undoes it', async () => {
    const core = await openTestCore();
    try {
      const admin = await setUpOffice(core);
      const a = makeNik('62.02.01', '1975-04-02', 'L', 31);
      const b = makeNik('62.02.01', '1978-09-19', 'P', 32);
      const csv = [
        'NIK;NO KK;NAMA;JENIS KELAMIN;TANGGAL LAHIR;KECAMATAN;DESA/KELURAHAN;HUBUNGAN KELUARGA',
        `'${a};6202011203100031;SLAMET;LK;02/04/1975;KOTA BESI;KOTA BESI HULU;KEPALA KELUARGA`,
        `${b};6202011203100031;SUMIATI;PR;19 September 1978;Kota Besi;kota besi hulu;ISTRI`,
        `${a};6202011203100031;SLAMET;LK;02/04/1975;KOTA BESI;KOTA BESI HULU;KEPALA KELUARGA`,
      ].join('\r\n');
      const staged = await call<StagedFile>(admin, 'imports.upload', { fileName: 'usulan kota besi.csv', bytes: new TextEncoder().encode(csv) });
      const preview = await core.services.jobs.wait((await call<JobStatus>(admin, 'imports.preview', { stagingId: staged.stagingId })).id);
      expect(preview.state).toBe('done');
      const report = preview.result as ImportReport;
      expect(report.counts).toMatchObject({ dataRows: 3, imported: 2, duplicateInFile: 1, rejected: 0 });
      expect(report.rows.find((r) => r.row === 4)).toMatchObject({ outcome: 'duplicate-in-file', duplicateOfRow: 2 });

      const commit = await core.services.jobs.wait((await call<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId })).id);
      const done = commit.result as ImportReport;
      expect(done.committed).toBe(true);
      // The committed file left the staging folder: committing it again finds nothing.
      expect(readdirSync(join(core.paths.dataDir, 'staging')).filter((f) => f.startsWith(staged.stagingId))).toEqual([]);
      await expect(call(admin, 'imports.commit', { stagingId: staged.stagingId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const history = await call<{ batches: { id: number; fileName: string; imported: number; sha256: string }[] }>(admin, 'imports.history', {});
      expect(history.batches[0]).toMatchObject({ id: done.batchId, fileName: 'usulan kota besi.csv', imported: 2, sha256: staged.sha256 });

      const undone = await call<{ removed: number }>(admin, 'imports.undo', { batchId: done.batchId });
      expect(undone.removed).toBe(3);
      await expect(call(admin, 'imports.undo', { batchId: done.batchId })).rejects.toMatchObject({ code: 'CONFLICT' });

      const bad = await call<StagedFile>(admin, 'imports.upload', { fileName: 'data.xlsx', bytes: new TextEncoder().encode('bukan excel sama sekali '.repeat(50)) });
      const failed = await core.services.jobs.wait((await call<JobStatus>(admin, 'imports.preview', { stagingId: bad.stagingId })).id);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toMatch(/^IMPORT_/);
      expect(failed.error?.message).toContain('data.xlsx');

      const noHeader = await call<StagedFile>(admin, 'imports.upload', { fileName: 'x.xlsx', bytes: await xlsxBytes([{ name: 'A', rows: [['Nomor', 'Orang'], ['1', 'x']] }]) });
      const inspect = await call<{ recognised: boolean; candidates: { headers: string[] }[] }>(admin, 'imports.inspect', { stagingId: noHeader.stagingId });
      expect(inspect.recognised).toBe(false);
      expect(inspect.candidates[0]?.headers).toEqual(['Nomor', 'Orang']);
    } finally {
      await core.close();
    }
  });
});
