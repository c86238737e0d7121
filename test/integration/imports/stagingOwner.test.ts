/**
 * An uploaded sheet belongs to the user who uploaded it. Through the forked core (the real message path: the
 * preview and commit run in the job worker), a second user who learns the staging id — an admin of the same
 * office, or an operator of another kecamatan — can neither preview it, commit it, inspect it, take it as a
 * returned workbook, nor get its rejected-rows file: the id answers exactly as an id nobody has. The uploader
 * still can, also after signing in again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StagedFile, ImportReport } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { ApiResult } from '../../../shared/api/result';
import type { CoreHost, CoreClient } from '../../../electron/core/host/host';
import { kotimSetup, nullPlatform, ok, signedIn } from '../../helpers/core';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { startForkedCore } from '../../helpers/webApp';
import { xlsxBytes } from '../../helpers/xlsx';

const KEC_A = '62.02.05'; // Baamang
const KEC_B = '62.02.13'; // Cempaga Hulu
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let host: CoreHost;
let admin: CoreClient;
let opA: CoreClient;
let opB: CoreClient;
let staged: StagedFile;

const signIn = (username: string, password: string) => signedIn(host, username, password);

async function waitJob(client: CoreClient, id: string): Promise<JobStatus> {
  for (;;) {
    const status = await ok<JobStatus>(client, 'jobs.status', { id });
    if (status.state !== 'running') return status;
    await sleep(50);
  }
}

/** Operator A's sheet: ten people of Baamang and one row without a valid NIK (a rejected row). */
async function sheetOfA(): Promise<Uint8Array> {
  const rows: (string | number)[][] = [[...DTKS_HEADERS]];
  for (const k of makeFamilies(400, 7)) {
    if (k.desa.kecamatanKode !== KEC_A) continue;
    for (const a of k.anggota) if (rows.length <= 10) rows.push(dtksRow(k, a, rows.length));
  }
  const bad = [...rows[1]!];
  bad[DTKS_HEADERS.indexOf('NIK')] = '12345';
  rows.push(bad);
  return xlsxBytes([{ name: 'DTKS', rows }]);
}

beforeAll(async () => {
  host = await startForkedCore({ platform: nullPlatform });
  admin = host.createClient();
  await ok(admin, 'admin.completeSetup', kotimSetup());
  await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'op.baamang', role: 'operator', wilayah: [KEC_A], password: 'operator-baamang-01' });
  await ok(admin, 'users.create', { nama: 'Operator Cempaga', username: 'op.cempaga', role: 'operator', wilayah: [KEC_B], password: 'operator-cempaga-01' });
  opA = await signIn('op.baamang', 'operator-baamang-01');
  opB = await signIn('op.cempaga', 'operator-cempaga-01');
  staged = await ok<StagedFile>(opA, 'imports.upload', { fileName: 'baamang.xlsx', bytes: await sheetOfA() });
}, 120_000);
afterAll(() => host?.close());

describe("another user and an operator's uploaded sheet", () => {
  it('answers the uploader\'s staging id to anyone else exactly as an id nobody has, and starts nothing', async () => {
    const nobody = 'f'.repeat(32);
    const calls: [string, (id: string) => unknown][] = [
      ['imports.preview', (stagingId) => ({ stagingId })],
      ['imports.commit', (stagingId) => ({ stagingId })],
      ['imports.inspect', (stagingId) => ({ stagingId })],
      ['workbooks.preview', (stagingId) => ({ stagingId })],
      ['workbooks.apply', (stagingId) => ({ stagingId })],
    ];
    const answer = (r: ApiResult<unknown>) => (r.ok ? { ok: r.value } : { code: r.error.code, message: r.error.message });
    for (const [who, client] of [['admin', admin], ['operator Cempaga Hulu', opB]] as const) {
      for (const [name, input] of calls) {
        const missing = answer(await client.call(name, input(nobody)));
        expect(missing, `${who} ${name}`).toMatchObject({ code: 'NOT_FOUND' });
        expect(answer(await client.call(name, input(staged.stagingId))), `${who} ${name}`).toEqual(missing);
      }
    }
    // Nothing was committed by those attempts.
    const history = await ok<{ total: number }>(admin, 'imports.history', {});
    expect(history.total).toBe(0);
  }, 120_000);

  it('lets the uploader preview and commit it, after signing in again too, with the rejected row in their file', async () => {
    const preview = await waitJob(opA, (await ok<JobStatus>(opA, 'imports.preview', { stagingId: staged.stagingId })).id);
    expect(preview.state).toBe('done');
    const report = preview.result as ImportReport;
    expect(report.counts.dataRows).toBe(11);
    expect(report.counts.rejected).toBe(1);
    expect(report.rejectedFile).not.toBeNull();
    // Only its job's starter learns the rejected file's id: the job answers nobody else.
    expect((await admin.call('jobs.status', { id: preview.id })).ok).toBe(false);

    await ok(opA, 'auth.logout');
    const again = await signIn('op.baamang', 'operator-baamang-01');
    const commit = await waitJob(again, (await ok<JobStatus>(again, 'imports.commit', { stagingId: staged.stagingId })).id);
    expect(commit.state).toBe('done');
    expect((commit.result as ImportReport).counts.imported).toBe(10);
    const history = await ok<{ total: number }>(admin, 'imports.history', {});
    expect(history.total).toBe(1);
  }, 120_000);
});
