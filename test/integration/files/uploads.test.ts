/**
 * Picked files as uploads (issue 16): browser mode streams them to POST /uploads, checked against the purpose's
 * limit without holding the body; an upload is its uploader's only, and goes once its work has ended.
 */
import { request } from 'node:http';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadRef } from '../../../shared/api/files';
import type { StagedFile } from '../../../shared/api/imports';
import type { ApiResult } from '../../../shared/api/result';
import { openCore, type Core } from '../../../electron/core/app';
import { UPLOAD_FAILED_MESSAGE, uploadThrough } from '../../../electron/core/files/incoming';
import { readUpload, sweepStaging } from '../../../electron/core/imports';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { fail, kotimSetup, nullPlatform, ok } from '../../helpers/core';
import { RESOURCES, ROOT, tempDbPath } from '../../helpers/webApp';
import { sqliteOnly } from '../../helpers/engines';

const MB = 1024 * 1024;
let core: Core;
let web: WebServer;

/** POSTs `chunks` of `chunkSize` bytes (one buffer reused: the sender holds 1 MB) to /uploads. */
function post(path: string, opts: { chunks: number; chunkSize?: number; token?: string; length?: number }): Promise<{ status: number; body: string }> {
  const size = opts.chunkSize ?? MB;
  const chunk = Buffer.alloc(size, 0x41);
  return new Promise((resolve, reject) => {
    const req = request(`${web.url}${path}`, {
      method: 'POST',
      headers: { 'x-dinsos-token': opts.token ?? web.token, ...(opts.length !== undefined ? { 'content-length': String(opts.length) } : {}) },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer (413) and close before the whole body is sent. A reset that came before its answer
    // could be read ends the request at once (status 0), instead of leaving the test to wait for its timeout.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!['EPIPE', 'ECONNRESET'].includes(error.code ?? '')) return reject(error);
      req.once('close', () => (answered ? undefined : resolve({ status: 0, body: `connection ${error.code} before an answer` })));
    });
    Readable.from((function* () {
      for (let i = 0; i < opts.chunks; i++) yield chunk;
    })()).pipe(req);
  });
}

async function api<T>(name: string, input?: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`${web.url}/api/${name}`, { method: 'POST', headers: { 'x-dinsos-token': web.token }, body: JSON.stringify({ input }) });
  return (await res.json()) as ApiResult<T>;
}

beforeAll(async () => {
  core = await openCore({ dbPath: tempDbPath(), resourcesDir: RESOURCES, platform: nullPlatform });
  web = await startWebServer({ createClient: () => core.createClient(), dataDir: core.paths.dataDir }, { rendererDir: join(ROOT, 'out/renderer') });
  const setup = await api('admin.completeSetup', kotimSetup());
  if (!setup.ok) throw new Error(setup.error.message);
}, 120_000);
afterAll(async () => {
  await web?.close();
  await core?.close();
});

describe('POST /uploads (browser mode)', () => {
  it('streams a picked sheet into the data folder; the import takes its reference', async () => {
    const csv = 'NIK;No KK;Nama\n6202050101800001;6202050101800002;SITI\n';
    const res = await fetch(`${web.url}/uploads?purpose=import&name=${encodeURIComponent('dtks baamang.csv')}`, { method: 'POST', headers: { 'x-dinsos-token': web.token }, body: csv });
    expect(res.status).toBe(200);
    const upload = (await res.json()) as ApiResult<UploadRef>;
    if (!upload.ok) throw new Error(upload.error.message);
    expect(upload.value).toMatchObject({ fileName: 'dtks baamang.csv', size: Buffer.byteLength(csv) });
    const staged = await api<StagedFile>('imports.upload', upload.value);
    expect(staged).toMatchObject({ ok: true, value: { stagingId: upload.value.uploadId, fileName: 'dtks baamang.csv', size: Buffer.byteLength(csv) } });
    // Nothing is left waiting to be claimed.
    expect(readdirSync(join(core.paths.dataDir, 'staging', 'incoming'))).toEqual([]);
  });

  it('is token-checked like /api', async () => {
    const res = await fetch(`${web.url}/uploads?purpose=import&name=a.csv`, { method: 'POST', headers: { 'x-dinsos-token': 'f'.repeat(48) }, body: 'x' });
    expect(res.status).toBe(403);
  });

  it('answers 413 with the Indonesian limit over the purpose\'s size, declared or streamed, without holding the body', async () => {
    // Declared too large: refused before a byte is read.
    const declared = await post('/uploads?purpose=photo&name=foto.jpg', { chunks: 1, length: 9 * MB });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ ok: false, error: { code: 'TOO_LARGE', message: 'Berkas terlalu besar: batasnya 8 MB.' } });

    // Streamed without a length: 260 MB for an import (limit 200 MB), read chunk by chunk and cut off at the limit.
    global.gc?.();
    const before = process.memoryUsage().rss;
    const streamed = await post('/uploads?purpose=import&name=besar.xlsx', { chunks: 260 });
    const grown = (process.memoryUsage().rss - before) / MB;
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.message).toBe('Berkas terlalu besar: batasnya 200 MB.');
    // The old transport read a call's whole body (up to 300 MB) into memory, then decoded it again.
    expect(grown).toBeLessThan(100);
    expect(readdirSync(join(core.paths.dataDir, 'staging', 'incoming'))).toEqual([]);

    // Within the limit: 150 MB arrives whole, and the server held about a chunk of it at a time.
    const beforeOk = process.memoryUsage().rss;
    const accepted = await post('/uploads?purpose=import&name=besar.csv', { chunks: 150 });
    expect(accepted.status).toBe(200);
    expect((JSON.parse(accepted.body) as ApiResult<UploadRef>)).toMatchObject({ ok: true, value: { size: 150 * MB } });
    expect((process.memoryUsage().rss - beforeOk) / MB).toBeLessThan(100);
  }, 180_000);
});

describe('an upload belongs to its uploader', () => {
  it('another user, or a caller not signed in, gets the answer of an unknown file; its work done, the upload goes', async () => {
    const admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'op.baamang', role: 'operator', wilayah: ['62.02.05'], password: 'operator-baamang-01' });
    const operator = core.createClient();
    await ok(operator, 'auth.login', { username: 'op.baamang', password: 'operator-baamang-01' });
    const visitor = core.createClient();

    const csv = 'nama_kec;nama_desa;nik_usulan;program_bansos;hasil;padan;nama_lgkp;ket_vali\nBAAMANG;BAAMANG HILIR;6202050101800001;PKH;DITOLAK;TIDAK PADAN;X;-\n';
    const upload = await uploadThrough(admin.call, core.paths.dataDir, [Buffer.from(csv)], 'hasil siks-ng.csv', 'import');
    if (!upload.ok) throw new Error(upload.error.message);
    const ref = upload.value;

    for (const other of [operator, visitor]) {
      const refused = await fail(other, 'imports.upload', ref);
      expect(refused).toMatchObject({ code: other === visitor ? 'UNAUTHENTICATED' : 'NOT_FOUND' });
    }
    expect(await fail(operator, 'exports.importHasil', { file: ref })).toMatchObject({ code: 'NOT_FOUND', message: 'Berkas unggahan tidak ditemukan (mungkin sudah kedaluwarsa). Pilih berkas lagi.' });
    // A reference whose size understates its file: the purpose's limit is checked on the file itself.
    const big = await uploadThrough(admin.call, core.paths.dataDir, [Buffer.alloc(9 * MB)], 'foto.jpg', 'import');
    if (!big.ok) throw new Error(big.error.message);
    expect(await fail(admin, 'handovers.addPhoto', { penyerahanId: 1, file: { ...big.value, size: 1000 } })).toMatchObject({ code: 'INVALID_INPUT', message: 'Berkas terlalu besar: batasnya 8 MB.' });

    // The uploader reads it; the result import is its whole work, after which the file is gone.
    const done = await ok<{ updated: number }>(admin, 'exports.importHasil', { file: ref });
    expect(done).toBeDefined();
    expect(existsSync(join(core.paths.dataDir, 'staging', ref.uploadId))).toBe(false);
    expect(await fail(admin, 'exports.importHasil', { file: ref })).toMatchObject({ code: 'NOT_FOUND' });

    // Before sign-in (the recovery page) the upload is the caller's own: another caller not signed in cannot use it.
    const early = await uploadThrough(visitor.call, core.paths.dataDir, [Buffer.from('bukan cadangan')], 'cadangan.dsbak', 'backup');
    if (!early.ok) throw new Error(early.error.message);
    const stranger = core.createClient();
    // The one call that reads it before sign-in (backup.recover) is refused here, with a database in place:
    // the rule it reads the upload by is asked directly.
    const asCaller = (c: typeof visitor) => ({ session: null, client: c.client, paths: core.paths });
    expect(readUpload(asCaller(visitor), early.value, 'backup')).toMatchObject({ fileName: 'cadangan.dsbak', size: 14 });
    expect(() => readUpload(asCaller(stranger), early.value, 'backup')).toThrow('Berkas unggahan tidak ditemukan');
    expect(await stranger.call('backup.recover', { ...early.value, username: 'admin', password: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 120_000);
});

describe('what an upload leaves behind', () => {
  it('a source failing at its first chunk leaves no file, and a received file never claimed is swept after an hour', async () => {
    const incoming = join(core.paths.dataDir, 'staging', 'incoming');
    const before = new Set(readdirSync(incoming));
    const admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    for (let i = 0; i < 20; i++) {
      const broken = (async function* () {
        yield* [];
        throw new Error('EIO: i/o error, read /home/clerk/dtks.xlsx');
      })();
      const result = await uploadThrough(admin.call, core.paths.dataDir, broken, 'dtks.xlsx', 'import');
      // The answer is Indonesian and names neither the path nor the system's error.
      expect(result).toEqual({ ok: false, error: { code: 'UPLOAD_FAILED', message: UPLOAD_FAILED_MESSAGE } });
    }
    expect(readdirSync(incoming).filter((f) => !before.has(f))).toEqual([]);

    // A crash between receiving and claiming leaves a file: gone at the next sweep once an hour old, even though
    // every upload since refreshed the folder it sits in.
    const left = join(incoming, 'c'.repeat(32));
    const recent = join(incoming, 'd'.repeat(32));
    writeFileSync(left, 'sisa');
    writeFileSync(recent, 'baru');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(left, twoHoursAgo, twoHoursAgo);
    sweepStaging(core.paths.dataDir);
    expect(existsSync(left)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });
});

describe('an upload outlives a call that fails', () => {
  it.skipIf(sqliteOnly("SQLite's one writer: another program's write lock makes the import DB_BUSY"))('a SIKS-NG result file refused while the database is busy can be imported again without picking it again', async () => {
    const admin = core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    const csv = 'nama_kec;nama_desa;nik_usulan;program_bansos;hasil;padan;nama_lgkp;ket_vali\nBAAMANG;BAAMANG HILIR;6202050101800002;PKH;DITOLAK;TIDAK PADAN;X;-\n';
    const upload = await uploadThrough(admin.call, core.paths.dataDir, [Buffer.from(csv)], 'hasil siks-ng.csv', 'import');
    if (!upload.ok) throw new Error(upload.error.message);
    // Another program (or PC) holds the write lock: the import is refused, nothing is written.
    const other = new sqlite3.Database(core.paths.dbPath);
    const exec = (q: string) => new Promise<void>((resolve, reject) => other.exec(q, (e) => (e ? reject(e) : resolve())));
    await exec('BEGIN IMMEDIATE');
    try {
      expect(await fail(admin, 'exports.importHasil', { file: upload.value })).toMatchObject({ code: 'DB_BUSY' });
    } finally {
      await exec('ROLLBACK');
      await new Promise((r) => other.close(r));
    }
    // The same reference, once the lock is gone: imported, and only then is the file removed.
    await ok(admin, 'exports.importHasil', { file: upload.value });
    expect(await fail(admin, 'exports.importHasil', { file: upload.value })).toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
