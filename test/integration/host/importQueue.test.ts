/**
 * A save made while an import (or a returned workbook) commits in the job worker waits for it (up to 10 s) and
 * is then stored, instead of being refused with DB_BUSY after a quarter of a second; reads keep answering
 * meanwhile. Through the forked core, the real message path. The moment the job holds SQLite's write lock is
 * seen from a connection of the test's own (BEGIN IMMEDIATE refused), so the save is known to meet the lock.
 */
import { readFileSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../shared/api/files';
import type { StagedFile } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { CoreClient, CoreHost } from '../../../electron/core/host/host';
import { kotimSetup, nullPlatform, ok } from '../../helpers/core';
import { makeFamiliesIn } from '../../../electron/core/demo/families';
import { DTKS_HEADERS, dtksRow, kotimDesa, makeFamilies } from '../../helpers/registryFixtures';
import { startForkedCore } from '../../helpers/webApp';
import { xlsxBytes } from '../../helpers/xlsx';
import { sqliteOnly } from '../../helpers/engines';

const hosts: CoreHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PALANGAN = '62.02.01.2003';

async function waitJob(client: CoreClient, id: string): Promise<JobStatus> {
  for (;;) {
    const status = await ok<JobStatus>(client, 'jobs.status', { id });
    if (status.state !== 'running') return status;
    await sleep(50);
  }
}
const program = { nama: 'Bantuan Sembako Antre', jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: 2026, kategori: 'bansos', keterangan: null };

function dtksSheet(people: number) {
  const rows: (string | number)[][] = [[...DTKS_HEADERS]];
  for (const k of makeFamilies(people, 5)) for (const a of k.anggota) if (rows.length <= people) rows.push(dtksRow(k, a, rows.length));
  return xlsxBytes([{ name: 'DTKS', rows }]);
}

/** Whether another connection holds the database's write lock now (tried without waiting, released at once). */
function writeLocked(db: sqlite3.Database): Promise<boolean> {
  return new Promise((resolve, reject) => {
    db.exec('BEGIN IMMEDIATE', (error) => {
      if (error) return (error as { code?: string }).code === 'SQLITE_BUSY' ? resolve(true) : reject(error);
      db.exec('ROLLBACK', (e) => (e ? reject(e) : resolve(false)));
    });
  });
}

/**
 * Once `jobId` holds the write lock (seen from `probe`), asks a save and then a read: the save's answer, the order
 * they were answered in, and whether the job still held the lock once the read was answered.
 */
async function saveThenRead(admin: CoreClient, probe: sqlite3.Database, jobId: string, what: string) {
  let locked = false;
  while (!locked) {
    const status = await ok<JobStatus>(admin, 'jobs.status', { id: jobId });
    expect(status.state, `${what} before its write lock was seen`).toBe('running');
    locked = await writeLocked(probe);
    if (!locked) await sleep(10);
  }
  const order: string[] = [];
  const saving = admin.call('programs.create', program).then((r) => (order.push('save'), r));
  // A read asked after the save is answered while the job still holds the write lock (in the job worker, on its
  // own connection), and so before the save, which waits for the job to commit.
  await ok(admin, 'registry.count', {});
  // The job itself still runs then (the lock seen next could also be the save's, once the job had ended).
  const stateAfterRead = (await ok<JobStatus>(admin, 'jobs.status', { id: jobId })).state;
  const lockedAfterRead = await writeLocked(probe);
  order.push('read');
  return { saved: await saving, order, lockedAfterRead, stateAfterRead };
}

describe.skipIf(sqliteOnly("SQLite's one writer: the save waits for the import's write lock, probed on the file"))('a save during an import', () => {
  it('waits for the import and is stored, while reads keep answering', async () => {
    const host = await startForkedCore({ platform: nullPlatform });
    hosts.push(host);
    const admin = host.createClient();
    await ok(admin, 'admin.completeSetup', kotimSetup());
    const staged = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks.xlsx', bytes: await dtksSheet(6_000) });
    const probe = new sqlite3.Database(host.dbPath);
    try {
      probe.configure('busyTimeout', 0);
      const job = await ok<JobStatus>(admin, 'imports.commit', { stagingId: staged.stagingId });
      const { saved, order, lockedAfterRead, stateAfterRead } = await saveThenRead(admin, probe, job.id, 'the import ended');
      // The save waited for the import: once it is stored, the import is done.
      const end = await ok<JobStatus>(admin, 'jobs.status', { id: job.id });

      expect(saved).toMatchObject({ ok: true });
      expect(stateAfterRead, 'the read waited for the import').toBe('running');
      expect(lockedAfterRead, 'the read waited for the import').toBe(true);
      expect(order).toEqual(['read', 'save']);
      expect(end.state).toBe('done');
      expect((end.result as { counts: { imported: number } }).counts.imported).toBe(6_000);
      const programs = await ok<{ nama: string }[]>(admin, 'programs.list', {});
      expect(programs.map((p) => p.nama)).toContain('Bantuan Sembako Antre');
    } finally {
      probe.close();
    }
  }, 180_000);
});

describe.skipIf(sqliteOnly("SQLite's one writer: the save waits for the workbook's write lock, probed on the file"))('a save during a returned workbook', () => {
  it('waits for the workbook to be stored, while reads answer before it', async () => {
    const people = 4_000;
    const host = await startForkedCore({ platform: nullPlatform });
    hosts.push(host);
    const admin = host.createClient();
    await ok(admin, 'admin.completeSetup', kotimSetup());
    // One desa's registry, then its workbook as the operator brings it back.
    const palangan = kotimDesa().filter((d) => d.kode === PALANGAN);
    const rows: (string | number)[][] = [[...DTKS_HEADERS]];
    for (const k of makeFamiliesIn(palangan, people, 11)) for (const a of k.anggota) if (rows.length <= people) rows.push(dtksRow(k, a, rows.length));
    const sheet = await ok<StagedFile>(admin, 'imports.upload', { fileName: 'dtks.xlsx', bytes: await xlsxBytes([{ name: 'DTKS', rows }]) });
    const imported = await waitJob(admin, (await ok<JobStatus>(admin, 'imports.commit', { stagingId: sheet.stagingId })).id);
    expect(imported.state).toBe('done');
    const workbook = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
    const returned = await ok<StagedFile>(admin, 'imports.upload', { fileName: workbook.name, bytes: new Uint8Array(readFileSync(host.outbox.get(workbook.id).path)) });

    const probe = new sqlite3.Database(host.dbPath);
    try {
      probe.configure('busyTimeout', 0);
      const job = await ok<JobStatus>(admin, 'workbooks.apply', { stagingId: returned.stagingId });
      const { saved, order, lockedAfterRead, stateAfterRead } = await saveThenRead(admin, probe, job.id, 'the workbook was stored');
      const end = await waitJob(admin, job.id);

      expect(saved).toMatchObject({ ok: true });
      expect(stateAfterRead, 'the read waited for the workbook').toBe('running');
      expect(lockedAfterRead, 'the read waited for the workbook').toBe(true);
      expect(order).toEqual(['read', 'save']);
      expect(end.state).toBe('done');
      const programs = await ok<{ nama: string }[]>(admin, 'programs.list', {});
      expect(programs.map((p) => p.nama)).toContain('Bantuan Sembako Antre');
    } finally {
      probe.close();
    }
  }, 240_000);
});
