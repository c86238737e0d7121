/**
 * A finished file (an export, a workbook, a rejected-rows sheet) belongs to the user whose call produced it,
 * by the same rule as an uploaded sheet in import staging. Through the forked core (the real message path), a
 * second user who learns the file's id, an admin of the same office or an operator, can neither save it
 * through the desktop's save dialog (files.saveAs) nor download it from browser mode's /files/<id>: the id
 * answers exactly as an id nobody has. Its producer still can, after signing in again too.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileRef } from '../../../shared/api/files';
import type { ApiResult } from '../../../shared/api/result';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import type { CoreClient, CoreHost } from '../../../electron/core/host/host';
import type { Platform } from '../../../electron/core/platform';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { kotimSetup, ok, signedIn } from '../../helpers/core';
import { ROOT, startForkedCore } from '../../helpers/webApp';

const KEC = '62.02.01';
const PALANGAN = '62.02.01.2003';
const saveDir = mkdtempSync(join(tmpdir(), 'dinsos-saveas-'));
/** The desktop's save dialog, as the user answers it: each request gets a fresh path, and is counted. */
const asked: string[] = [];
const platform: Platform = {
  kind: 'desktop',
  async htmlToPdf() {
    throw new Error('no PDF in this test');
  },
  async chooseSavePath(name) {
    asked.push(name);
    return join(saveDir, `${asked.length}-${name}`);
  },
};

let host: CoreHost;
let admin: CoreClient;
let operator: CoreClient;

const signIn = (username: string, password: string) => signedIn(host, username, password);

const answer = (r: ApiResult<unknown>) => (r.ok ? { ok: r.value } : { code: r.error.code, message: r.error.message });

beforeAll(async () => {
  host = await startForkedCore({ platform });
  admin = host.createClient();
  await ok(admin, 'admin.completeSetup', kotimSetup());
  await ok(admin, 'users.create', { nama: 'Operator Baamang', username: 'op.satu', role: 'operator', wilayah: [KEC], password: 'operator-satu-0001' });
  operator = await signIn('op.satu', 'operator-satu-0001');
}, 120_000);
afterAll(() => host?.close());

describe("another user and a user's finished file", () => {
  it('files.saveAs answers anyone else exactly as an unknown id and asks no save dialog; its producer saves it', async () => {
    const nobody = 'f'.repeat(32);
    const ofAdmin = await ok<FileRef>(admin, 'workbooks.issue', { desa: PALANGAN });
    const ofOperator = await ok<FileRef>(operator, 'workbooks.issue', { desa: PALANGAN });
    for (const [who, client, foreign] of [['operator', operator, ofAdmin], ['admin', admin, ofOperator]] as const) {
      const missing = answer(await client.call('files.saveAs', { id: nobody }));
      expect(missing, who).toMatchObject({ code: 'NOT_FOUND' });
      expect(answer(await client.call('files.saveAs', { id: foreign.id })), who).toEqual(missing);
    }
    expect(asked).toEqual([]);

    // The producer, also after signing in again, gets the save dialog and the file's bytes where it chose.
    await ok(operator, 'auth.logout');
    operator = await signIn('op.satu', 'operator-satu-0001');
    const saved = await ok<{ path: string }>(operator, 'files.saveAs', { id: ofOperator.id });
    expect(asked).toEqual([ofOperator.name]);
    expect(readFileSync(saved.path).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(saved.path).byteLength).toBe(ofOperator.size);
  }, 120_000);
});

describe("browser mode's /files/<id>", () => {
  const servers: WebServer[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  /** One browser (its own token, its own sign-in) on the same core, speaking the page's HTTP. */
  async function browser(username: string | null, password = '') {
    const web = await startWebServer(host, { rendererDir: join(ROOT, 'out/renderer') });
    servers.push(web);
    const headers = { 'x-dinsos-token': web.token };
    const api = async <T>(name: string, input?: unknown): Promise<T> => {
      const res = await fetch(`${web.url}/api/${name}`, { method: 'POST', headers, body: encodeWire({ input }) });
      const result = decodeWire(await res.text()) as ApiResult<T>;
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    if (username) await api('auth.login', { username, password });
    const download = async (id: string) => {
      const res = await fetch(`${web.url}/files/${id}`, { headers });
      return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    return { api, download };
  }

  it('serves a file to the browser of the user who produced it and to nobody else', async () => {
    const opBrowser = await browser('op.satu', 'operator-satu-0001');
    const adminBrowser = await browser('admin', kotimSetup().admin.password);
    const signedOut = await browser(null);
    const file = await opBrowser.api<FileRef>('workbooks.issue', { desa: PALANGAN });

    const own = await opBrowser.download(file.id);
    expect(own.status).toBe(200);
    expect(own.bytes.byteLength).toBe(file.size);
    expect(Buffer.from(own.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');

    const unknown = await adminBrowser.download('f'.repeat(32));
    expect(unknown.status).toBe(404);
    for (const other of [adminBrowser, signedOut]) {
      const got = await other.download(file.id);
      expect(got.status).toBe(404);
      expect(got.bytes).toEqual(unknown.bytes);
    }
    // The admin's own file is the admin's only.
    const ofAdmin = await adminBrowser.api<FileRef>('workbooks.issue', { desa: PALANGAN });
    expect((await adminBrowser.download(ofAdmin.id)).status).toBe(200);
    expect((await opBrowser.download(ofAdmin.id)).status).toBe(404);
  }, 120_000);
});
