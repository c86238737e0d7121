/**
 * A PC whose saved server password can no longer be decrypted (issue 18): a Windows profile reset or a data folder
 * copied to another PC leaves koneksi.json with ciphertext this user's DPAPI cannot open. The app no longer stops:
 * it opens no database and the recovery screen asks for the server again (electron/core/connection/unreadable.ts
 * says why anyone at the PC may do that). Only the server connection can be entered there; the saved server then
 * asks for its own office's sign-in, so nobody reaches data without an account on it.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../../shared/api/admin';
import type { ConnectionInfo, ConnectionTest } from '../../../shared/api/connection';
import { openCore, type Core } from '../../../electron/core/app';
import { CoreHost } from '../../../electron/core/host/host';
import { forkNodeCore } from '../../../electron/core/host/nodeChild';
import { otherProfileSecrets, passwordUser, platformWith, startPc, unreadableServerPc } from '../../helpers/connection';
import { fail, kotimSetup, ok, signedIn } from '../../helpers/core';
import { withUploads } from '../../helpers/uploads';
import { coreScripts, RESOURCES } from '../../helpers/webApp';
import { childEnv } from '../../bench/bundle';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';
const PASSWORD = 'Sandi-Server#2026';
const OFFICE = 'Dinas Sosial Kabupaten Kotawaringin Timur';

describe.runIf(run)('a PC whose saved server password cannot be decrypted here', () => {
  const pg = useCluster({ own: 'passwordUser sets the whole cluster to ask for passwords' });
  let port: number;
  let dataDir: string;
  let pc: Core;
  const cores: Core[] = [];
  const server = (over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', password: PASSWORD, ssl: false, ...over });
  const savedFile = () => readFileSync(join(dataDir, 'koneksi.json'), 'utf8');

  beforeAll(async () => {
    port = pg.port;
    await passwordUser(pg, 'kantor', PASSWORD, 'dinsos_kantor');
    await pg.query('create database dinsos_kosong owner kantor');
    // The office is set up on the server from this PC (its password encrypted by this profile), then the profile goes.
    const first = await startPc();
    dataDir = first.dataDir;
    const wizard = first.core.createClient();
    await ok(wizard, 'connection.save', { mode: 'server', ...server() });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    await first.core.close();
    pc = (await startPc(dataDir, platformWith(otherProfileSecrets))).core;
    cores.push(pc);
  }, 120_000);
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  it('starts on the recovery screen that asks for the saved server again: no database open, no wizard, nothing else open', async () => {
    const visitor = pc.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true, connectionUnreadable: true, officeName: null });
    const status = await ok<ConnectionInfo>(visitor, 'connection.status');
    expect(status).toMatchObject({ mode: 'server', server: { host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', ssl: false }, fixedByStart: false, unreadable: true });
    expect(JSON.stringify(status)).not.toContain(PASSWORD);
    for (const [name, input] of [['admin.completeSetup', kotimSetup()], ['backup.chooseSetupFolder', undefined], ['admin.getOffice', undefined], ['registry.list', {}]] as const) {
      expect((await fail(visitor, name, input)).code, name).toBe('UNAUTHENTICATED');
    }
    // Only the server: "Satu komputer" is this PC's own file, not the office's data.
    const local = await fail(visitor, 'connection.save', { mode: 'lokal' });
    expect(local).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Masukkan lagi alamat, pengguna dan sandi server kantor') });
    expect((await fail(visitor, 'connection.save', { mode: 'server', ...server({ password: 'salah-sandi' }) })).code).toBe('SERVER_AUTH');
    // A server database without an office has no sign-in to go to (it would offer the set-up wizard): refused.
    expect(await ok<ConnectionTest>(visitor, 'connection.test', server({ database: 'dinsos_kosong' }))).toMatchObject({ state: 'kosong', blocked: true });
    const empty = await fail(visitor, 'connection.save', { mode: 'server', ...server({ database: 'dinsos_kosong' }) });
    expect(empty).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('tidak ada akun untuk masuk') });
    // Nor a backup: it would restore this PC's own file, which is not where the office's data is.
    const backup = await fail({ call: withUploads(pc.paths.dataDir, visitor.call) }, 'backup.recover', { fileName: 'cadangan.dsbak', bytes: new Uint8Array([80, 75, 3, 4]), username: 'admin', password: kotimSetup().admin.password });
    expect(backup).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Sambungkan lagi ke server kantor') });
    expect(pc.paths.dbPath).toBe(':memory:');
    expect(existsSync(resolve(':memory:'))).toBe(false);
    expect(JSON.parse(savedFile())).toMatchObject({ database: 'dinsos_kantor' });
  });

  it('entering the server again opens it, signs nobody in, and the office\'s own sign-in is required', async () => {
    const visitor = pc.createClient();
    const saved = await ok<ConnectionInfo & { joined: ConnectionTest }>(visitor, 'connection.save', { mode: 'server', ...server() });
    expect(saved).toMatchObject({ mode: 'server', unreadable: false, joined: { state: 'kantor', officeName: OFFICE } });
    expect(pc.paths.dbPath.startsWith('postgres://')).toBe(true);
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false, connectionUnreadable: false, officeName: OFFICE });
    expect(await ok(visitor, 'auth.current')).toBeNull();
    expect((await fail(visitor, 'admin.getOffice')).code).toBe('UNAUTHENTICATED');
    // The connection is an admin's again.
    expect((await fail(visitor, 'connection.status')).code).toBe('UNAUTHENTICATED');
    const admin = await signedIn(pc, 'admin', kotimSetup().admin.password);
    expect(await ok(admin, 'admin.getOffice')).toMatchObject({ namaInstansi: OFFICE });
    expect(savedFile()).not.toContain(PASSWORD);

    // Saved with this profile's protected storage: the next start opens the server directly.
    await pc.close();
    pc = (await startPc(dataDir, platformWith(otherProfileSecrets))).core;
    cores.push(pc);
    expect(pc.paths.dbPath.startsWith('postgres://')).toBe(true);
    expect(await ok<SetupStatus>(pc.createClient(), 'admin.setupStatus')).toMatchObject({ needsRecovery: false, connectionUnreadable: false });
  });
});

it('the app\'s core process starts too when its parent cannot decrypt the saved password, on the recovery screen', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  // Writes koneksi.json as another profile would; the forked core below asks its parent, which cannot decrypt it.
  await (await unreadableServerPc(dataDir)).core.close();
  const scripts = coreScripts();
  const host = new CoreHost({
    spawn: forkNodeCore(scripts.child, { env: childEnv() }),
    init: { dataDir, resourcesDir: RESOURCES, autoBackup: false, workerPath: scripts.worker },
    platform: platformWith(otherProfileSecrets),
  });
  try {
    await host.start();
    const client = host.createClient();
    const status = await client.call('admin.setupStatus', undefined);
    expect(status.ok && status.value).toMatchObject({ needsRecovery: true, connectionUnreadable: true });
    const info = await client.call('connection.status', undefined);
    expect(info.ok && info.value).toMatchObject({ mode: 'server', unreadable: true, server: { database: 'dinsos' } });
  } finally {
    await host.close().catch(() => undefined);
  }
}, 60_000);

it('its job worker, handed the core\'s ":memory:", opens no file either (neither one named so nor this PC\'s own)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-'));
  const pc = await unreadableServerPc(dataDir);
  expect(pc.core.paths.dbPath).toBe(':memory:');
  // What serve.ts hands the job worker (workerInit), which opens its own core with it.
  const worker = await openCore({ dbPath: pc.core.paths.dbPath, dataDir, resourcesDir: RESOURCES, platform: platformWith() });
  try {
    expect(worker.paths.dbPath).toBe(':memory:');
    expect(existsSync(resolve(':memory:'))).toBe(false);
    expect(existsSync(join(dataDir, 'dinsos.sqlite'))).toBe(false);
  } finally {
    await worker.close();
    await pc.core.close();
  }
});
