/**
 * Issue 20: a preview's first rows reach the screen while the rest of a big sheet is still checked. The running
 * job's status carries the first ≤100 decided rows (whatever their outcome) and the counts so far.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREVIEW_SAMPLE_LIMIT, type ImportPreviewSample, type ImportReport, type StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { kotimSetup, nullPlatform, ok, openTestCore, setUpOffice } from '../../helpers/core';
import { startForkedCore } from '../../helpers/webApp';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { tempDir, writeLargeXlsx } from '../../helpers/xlsx';
import { runImport } from '../../../electron/core/imports/pipeline';
import { importOptions } from './importOptions';

const ROWS = 30_000;

const NIK = DTKS_HEADERS.indexOf('NIK');

type Caller = Parameters<typeof ok>[0];

let built: Promise<{ rows: (string | number)[][]; bytes: Uint8Array }> | null = null;

/** A 30,000-row DTKS sheet whose row 5 (sheet row 6) is rejected (short NIK), and its rows; built once for both tests. */
function bigSheet(): Promise<{ rows: (string | number)[][]; bytes: Uint8Array }> {
  built ??= writeBigSheet();
  return built;
}

async function writeBigSheet(): Promise<{ rows: (string | number)[][]; bytes: Uint8Array }> {
  const rows: (string | number)[][] = [];
  for (const k of makeFamilies(ROWS, 7)) for (const a of k.anggota) if (rows.length < ROWS) rows.push(dtksRow(k, a, rows.length + 1));
  rows[4]![NIK] = String(rows[4]![NIK]).slice(0, 12);
  const path = await writeLargeXlsx(join(await tempDir('dinsos-sample-'), 'dtks besar.xlsx'), DTKS_HEADERS, ROWS, (i) => rows[i]!);
  return { rows, bytes: new Uint8Array(await readFile(path)) };
}

/** Previews the sheet, polling the job's status; the samples seen while it ran, and its end. */
async function previewPolled(client: Caller, bytes: Uint8Array): Promise<{ running: ImportPreviewSample[]; end: JobStatus }> {
  const staged = await ok<StagedFile>(client, 'imports.upload', { fileName: 'dtks besar.xlsx', bytes });
  const job = await ok<JobStatus>(client, 'imports.preview', { stagingId: staged.stagingId });
  const running: ImportPreviewSample[] = [];
  let status = job;
  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    status = await ok<JobStatus>(client, 'jobs.status', { id: job.id });
    if (status.state === 'running' && status.partial) running.push(status.partial as ImportPreviewSample);
  }
  return { running, end: status };
}

/** A running status carried the sheet's first 100 rows, in order, with every outcome, before the job ended. */
function expectFirstRows(running: ImportPreviewSample[], rows: (string | number)[][]) {
  const full = running.find((s) => s.rows.length === PREVIEW_SAMPLE_LIMIT);
  expect(full).toBeDefined();
  expect(full!.counts.dataRows).toBeGreaterThanOrEqual(PREVIEW_SAMPLE_LIMIT);
  expect(full!.counts.dataRows).toBeLessThan(ROWS);
  // This sheet states no last row: the total is estimated from the share of the file read (once past its start).
  const estimates = running.flatMap((s) => (s.totalRows === null ? [] : [s.totalRows]));
  expect(estimates.length).toBeGreaterThan(0);
  for (const n of estimates) expect(n).toBeGreaterThan(ROWS * 0.8);
  for (const n of estimates) expect(n).toBeLessThan(ROWS * 1.25);
  for (const s of running) expect(s.rows.length).toBeLessThanOrEqual(PREVIEW_SAMPLE_LIMIT);
  // The sheet's first rows, in order (row 1 is the header).
  expect(full!.rows.map((r) => r.nik)).toEqual(rows.slice(0, PREVIEW_SAMPLE_LIMIT).map((r) => String(r[NIK])));
  expect(full!.rows.map((r) => r.row)).toEqual(rows.slice(0, PREVIEW_SAMPLE_LIMIT).map((_, i) => i + 2));
  expect(full!.rows[4]).toMatchObject({ row: 6, outcome: 'rejected' });
  expect(full!.rows[0]).toMatchObject({ row: 2, outcome: 'imported', nama: String(rows[0]![DTKS_HEADERS.indexOf('Nama')]) });
}

describe('a running preview shows its first rows', () => {
  it('carries the sheet’s first ≤100 rows and the counts so far in the running job’s status', async () => {
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      const admin = await setUpOffice(core);
      const { rows, bytes } = await bigSheet();
      const { running, end } = await previewPolled(admin, bytes);
      expect(end.state).toBe('done');
      expect((end.result as ImportReport).counts.dataRows).toBe(ROWS);
      expectFirstRows(running, rows);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('estimates the total from the rows read for the share of the file read, also while read rows wait to be checked', async () => {
    // A CSV is parsed 1 MB at a time: the first sample comes while most of that megabyte's rows still wait, so
    // the rows checked so far say nothing of the share read (the estimate was a fraction of the rows before).
    const rows: (string | number)[][] = [];
    for (const k of makeFamilies(ROWS, 7)) for (const a of k.anggota) if (rows.length < ROWS) rows.push(dtksRow(k, a, rows.length + 1));
    const csv = [DTKS_HEADERS, ...rows].map((r) => r.join(';')).join('\r\n');
    const path = join(await tempDir('dinsos-sample-csv-'), 'dtks besar.csv');
    await writeFile(path, csv);
    expect(csv.length).toBeGreaterThan(3 << 20);
    const core = await openTestCore({ now: () => new Date('2024-06-01T03:00:00Z') });
    try {
      await setUpOffice(core);
      const samples: ImportPreviewSample[] = [];
      const result = await runImport(await importOptions(core, path, { fileName: 'dtks besar.csv', onSample: (sample) => samples.push(sample) }));
      result.rejected.dispose();
      expect(result.counts.dataRows).toBe(ROWS);
      const estimates = samples.map((x) => x.totalRows);
      expect(estimates.length).toBeGreaterThan(10);
      for (const n of estimates) expect(n === null ? n : n / ROWS).toBeGreaterThan(0.8);
      for (const n of estimates) expect((n ?? 0) / ROWS).toBeLessThan(1.25);
    } finally {
      await core.close();
    }
  }, 120_000);

  it('the same through the core process, with the preview in the job worker (as the app runs it)', async () => {
    const host = await startForkedCore({ platform: nullPlatform });
    try {
      const admin = host.createClient();
      await ok(admin, 'admin.completeSetup', kotimSetup());
      const { rows, bytes } = await bigSheet();
      const { running, end } = await previewPolled(admin, bytes);
      expect(end.state).toBe('done');
      expectFirstRows(running, rows);
    } finally {
      await host.close();
    }
  }, 120_000);
});
