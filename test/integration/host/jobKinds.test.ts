/**
 * Every kind of job is declared once (electron/core/jobs/kinds.ts), with whether it commits: writes the
 * registry as it runs, so that while it runs in the job worker the core process's write queue holds back
 * changes instead of letting them fail with DB_BUSY. This test starts every kind through the contract, on one
 * connection in one process, and counts the rows each changed besides its audit record (test/helpers/dbProbe.ts,
 * on either engine): a kind that changed any is declared `commits`, and one declared `commits` did change rows.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../shared/api/files';
import type { StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Core } from '../../../electron/core/app';
import { jobKinds } from '../../../electron/core/jobs/kinds';
import { kotimSetup, ok, openTestCore } from '../../helpers/core';
import { rowChangeCounter } from '../../helpers/dbProbe';
import { makeFamiliesIn } from '../../../electron/core/demo/families';
import { DTKS_HEADERS, dtksRow, kotimDesa } from '../../helpers/registryFixtures';
import { xlsxBytes } from '../../helpers/xlsx';

const PALANGAN = '62.02.01.2003';

let core: Core;
let admin: ReturnType<Core['createClient']>;
let rowsChanged: () => Promise<number>;

beforeAll(async () => {
  core = await openTestCore();
  admin = core.createClient();
  await ok(admin, 'admin.completeSetup', kotimSetup());
  rowsChanged = await rowChangeCounter(core.db);
}, 120_000);
afterAll(() => core?.close());

/** Rows changed so far, and the audit records among them. */
async function changes(): Promise<{ rows: number; audit: number }> {
  const rows = await rowsChanged();
  const audit = Number((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(core.db)).rows[0]!.n);
  return { rows, audit };
}

/** Starts one job through `start`, waits for it, and says which kind it was and how many rows it changed. */
async function measure(start: () => Promise<JobStatus>): Promise<{ kind: string; rows: number }> {
  const before = await changes();
  const job = await start();
  const end = await core.services.jobs.wait(job.id);
  expect(end.error, job.kind).toBeNull();
  const after = await changes();
  return { kind: end.kind, rows: after.rows - before.rows - (after.audit - before.audit) };
}

async function upload(fileName: string, bytes: Uint8Array): Promise<string> {
  return (await ok<StagedFile>(admin, 'imports.upload', { fileName, bytes })).stagingId;
}

describe('job kinds', () => {
  it('declares every kind that changes rows as committing, and no other', async () => {
    const palangan = kotimDesa().filter((d) => d.kode === PALANGAN);
    const rows: (string | number)[][] = [[...DTKS_HEADERS]];
    for (const k of makeFamiliesIn(palangan, 40, 3)) for (const a of k.anggota) rows.push(dtksRow(k, a, rows.length));
    const sheet = await upload('dtks.xlsx', await xlsxBytes([{ name: 'DTKS', rows }]));

    const seen: { kind: string; rows: number }[] = [];
    seen.push(await measure(() => ok(admin, 'imports.preview', { stagingId: sheet })));
    seen.push(await measure(() => ok(admin, 'imports.commit', { stagingId: sheet })));
    const workbook = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
    const returned = await upload(workbook.name, new Uint8Array(readFileSync(core.services.outbox.get(workbook.id).path)));
    seen.push(await measure(() => ok(admin, 'workbooks.preview', { stagingId: returned })));
    seen.push(await measure(() => ok(admin, 'workbooks.apply', { stagingId: returned })));
    const templates = await ok<{ id: number; key: string | null }[]>(admin, 'exports.templates', {});
    seen.push(await measure(() => ok(admin, 'exports.run', { templateId: templates[0]!.id, filters: {} })));
    seen.push(await measure(() => ok(admin, 'registry.scanDuplicates', {})));
    seen.push(await measure(() => ok(admin, 'backup.toFile', undefined)));

    // Every declared kind was started here, and nothing started a kind the declaration does not know.
    expect(new Set(seen.map((s) => s.kind))).toEqual(new Set(Object.keys(jobKinds)));
    for (const { kind, rows: changed } of seen) {
      const declared = jobKinds[kind as keyof typeof jobKinds].commits;
      expect({ kind, changesRows: changed > 0 }).toEqual({ kind, changesRows: declared });
    }
  }, 180_000);
});
