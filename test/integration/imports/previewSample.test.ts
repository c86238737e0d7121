/**
 * Issue 20: a preview's first rows reach the screen while the rest of a big sheet is still checked. The running
 * job's status carries the first ≤100 decided rows (whatever their outcome) and the counts so far.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREVIEW_SAMPLE_LIMIT, type ImportPreviewSample, type ImportReport, type StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx } from '../../helpers/xlsx';

const ROWS = 30_000;

type Client = Awaited<ReturnType<typeof setUpOffice>>;

async function call<T>(client: Client, name: string, input: unknown): Promise<T> {
  const r = await client.call(name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

describe('a running preview shows its first rows', () => {
  it('carries the sheet’s first ≤100 rows and the counts so far in the running job’s status', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const rows: (string | number)[][] = [];
      for (const k of makeFamilies(ROWS, 7)) for (const a of k.anggota) if (rows.length < ROWS) rows.push(dtksRow(k, a, rows.length + 1));
      const nikCol = DTKS_HEADERS.indexOf('NIK');
      // Row 5 is rejected (short NIK): the sample holds every outcome, not only rows needing attention.
      rows[4]![nikCol] = String(rows[4]![nikCol]).slice(0, 12);
      const dir = await tempDir('dinsos-sample-');
      const path = await writeLargeXlsx(join(dir, 'dtks besar.xlsx'), DTKS_HEADERS, ROWS, (i) => rows[i]!);
      const staged = await call<StagedFile>(admin, 'imports.upload', { fileName: 'dtks besar.xlsx', bytes: new Uint8Array(await readFile(path)) });

      const job = await call<JobStatus>(admin, 'imports.preview', { stagingId: staged.stagingId });
      const running: ImportPreviewSample[] = [];
      let status = job;
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 5));
        status = await call<JobStatus>(admin, 'jobs.status', { id: job.id });
        if (status.state === 'running' && status.partial) running.push(status.partial as ImportPreviewSample);
      }
      expect(status.state).toBe('done');
      expect((status.result as ImportReport).counts.dataRows).toBe(ROWS);

      // Seen while the job ran, before all 30,000 rows were decided.
      const full = running.find((s) => s.rows.length === PREVIEW_SAMPLE_LIMIT);
      expect(full).toBeDefined();
      expect(full!.counts.dataRows).toBeGreaterThanOrEqual(PREVIEW_SAMPLE_LIMIT);
      expect(full!.counts.dataRows).toBeLessThan(ROWS);
      // This sheet states no last row: the total is estimated from the share of the file read.
      expect(full!.totalRows).toBeGreaterThan(ROWS / 2);
      expect(full!.totalRows).toBeLessThan(ROWS * 2);
      for (const s of running) expect(s.rows.length).toBeLessThanOrEqual(PREVIEW_SAMPLE_LIMIT);
      // The sheet's first rows, in order (row 1 is the header).
      expect(full!.rows.map((r) => r.nik)).toEqual(rows.slice(0, PREVIEW_SAMPLE_LIMIT).map((r) => String(r[nikCol])));
      expect(full!.rows.map((r) => r.row)).toEqual(rows.slice(0, PREVIEW_SAMPLE_LIMIT).map((_, i) => i + 2));
      expect(full!.rows[4]).toMatchObject({ row: 6, outcome: 'rejected' });
      expect(full!.rows[0]).toMatchObject({ row: 2, outcome: 'imported', nama: String(rows[0]![DTKS_HEADERS.indexOf('Nama')]) });
    } finally {
      await core.close();
    }
  }, 120_000);
});
