/**
 * "Satu komputer" or "Server kantor" (issue 18), through the contract as the set-up wizard and Pengaturan call
 * it, on a real PostgreSQL with a password user: the test answers an admin can act on, the first PC setting the
 * office up on an empty server database, a second PC joining it, the choice surviving a restart with the
 * password stored only as ciphertext, and the way back to this PC's own file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../../shared/api/admin';
import type { ConnectionInfo, ConnectionTest } from '../../../shared/api/connection';
import type { Core } from '../../../electron/core/app';
import { openCore } from '../../../electron/core/app';
import { connectionFile, fakeSecrets, passwordUser, platformWith, startPc } from '../../helpers/connection';
import { fail, kotimSetup, ok, signedIn } from '../../helpers/core';
import { coreScripts, RESOURCES } from '../../helpers/webApp';
import { childEnv } from '../../bench/bundle';
import { CoreHost } from '../../../electron/core/host/host';
import { forkNodeCore } from '../../../electron/core/host/nodeChild';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';
const PASSWORD = 'Sandi-Server#2026';

describe.runIf(run)('choosing the office server from the app', () => {
  const pg = useCluster({ own: 'passwordUser sets the whole cluster to ask for passwords' });
  let port: number;
  const cores: Core[] = [];
  const server = (over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', password: PASSWORD, ssl: false, ...over });
  let pcA: { core: Core; dataDir: string };
  /** This PC's own SQLite file, as it was when the PC went over to the server. */
  const localFile = () => join(pcA.dataDir, 'dinsos.sqlite');
  const localHash = () => createHash('sha256').update(readFileSync(localFile())).digest('hex');
  let leftLocal = '';
  let pcB: { core: Core; dataDir: string };
  let leftLocalB = '';
  const localHashOf = (dataDir: string) => createHash('sha256').update(readFileSync(join(dataDir, 'dinsos.sqlite'))).digest('hex');

  beforeAll(async () => {
    port = pg.port;
    await passwordUser(pg, 'kantor', PASSWORD, 'dinsos_kantor');
    pcA = await startPc();
    cores.push(pcA.core);
  }, 120_000);
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  it('a new PC starts on "Satu komputer" and, before any account exists, may see and test the connection', async () => {
    const wizard = pcA.core.createClient();
    expect(await ok<ConnectionInfo>(wizard, 'connection.status')).toEqual({ mode: 'lokal', server: null, fixedByStart: false, unreadable: false, lost: null });
    expect(pcA.core.paths.dbPath).toBe(join(pcA.dataDir, 'dinsos.sqlite'));
  });

  it('answers a wrong password, an unreachable port, a missing database, a foreign and a newer database in words to act on', async () => {
    const wizard = pcA.core.createClient();
    const wrong = await fail(wizard, 'connection.test', server({ password: 'salah-sandi' }));
    expect(wrong).toMatchObject({ code: 'SERVER_AUTH', message: 'Server menolak pengguna "kantor" atau sandinya. Periksa nama pengguna dan sandi basis data.' });

    const closed = await fail(wizard, 'connection.test', server({ port: 1 }));
    expect(closed.code).toBe('SERVER_UNREACHABLE');
    expect(closed.message).toContain('Server 127.0.0.1:1 tidak dapat dihubungi');
    expect(closed.message).toContain('firewall membuka port 1');

    const missing = await fail(wizard, 'connection.test', server({ database: 'tidak_ada' }));
    expect(missing).toMatchObject({ code: 'SERVER_NO_DATABASE' });
    expect(missing.message).toContain('Basis data "tidak_ada" tidak ada di server 127.0.0.1:');

    await pg.query('create database gudang owner kantor');
    await pg.query('create table barang (id int)', 'gudang');
    await pg.query('alter table barang owner to kantor', 'gudang');
    const foreign = await fail(wizard, 'connection.test', server({ database: 'gudang' }));
    expect(foreign.code).toBe('DB_FOREIGN');
    expect(foreign.message).toContain('berisi tabel aplikasi lain, bukan Dinsos Desk');
    expect(foreign.message).not.toContain(PASSWORD);

    await pg.query('create database masa_depan owner kantor');
    await pg.query('create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null)', 'masa_depan');
    await pg.query("insert into kysely_migration values ('9999_versi_baru', '2030-01-01')", 'masa_depan');
    await pg.query('alter table kysely_migration owner to kantor', 'masa_depan');
    const newer = await fail(wizard, 'connection.test', server({ database: 'masa_depan' }));
    expect(newer.code).toBe('DB_TOO_NEW');
    expect(newer.message).toContain('versi Dinsos Desk yang lebih baru');

    // Nothing was switched or stored by testing.
    expect(pcA.core.paths.dbPath).toBe(join(pcA.dataDir, 'dinsos.sqlite'));
    expect(() => statSync(join(pcA.dataDir, 'koneksi.json'))).toThrow();
  });

  it('the first PC sets the office up on the empty server database; the password is kept only as ciphertext', async () => {
    const wizard = pcA.core.createClient();
    expect(await ok<ConnectionTest>(wizard, 'connection.test', server())).toEqual({
      state: 'kosong',
      officeName: null,
      message: 'Koneksi berhasil. Basis data ini masih kosong: kantor baru akan dibuat di server ini.',
    });
    const saved = await ok<ConnectionInfo>(wizard, 'connection.save', { mode: 'server', ...server() });
    expect(saved).toMatchObject({ mode: 'server', server: { host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', ssl: false }, fixedByStart: false });
    expect(JSON.stringify(saved)).not.toContain(PASSWORD);
    leftLocal = localHash();

    expect(await ok<SetupStatus>(wizard, 'admin.setupStatus')).toMatchObject({ needsSetup: true, officeName: null });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    // The office and its admin are on the server, not in this PC's file.
    expect(await pg.query<{ username: string }>('select username from app_user', 'dinsos_kantor')).toEqual([{ username: 'admin' }]);

    const file = connectionFile(pcA.dataDir);
    expect(JSON.parse(file)).toMatchObject({ mode: 'server', host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', ssl: false });
    expect(file).not.toContain(PASSWORD);
    expect(file).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    if (process.platform !== 'win32') expect(statSync(join(pcA.dataDir, 'koneksi.json')).mode & 0o777).toBe(0o600);
  });

  it('a second PC is told it will join the office, joins it, and signs in with the first PC\'s account', async () => {
    pcB = await startPc();
    cores.push(pcB.core);
    leftLocalB = localHashOf(pcB.dataDir);
    const wizard = pcB.core.createClient();
    expect(await ok<SetupStatus>(wizard, 'admin.setupStatus')).toMatchObject({ needsSetup: true });
    const tested = await ok<ConnectionTest>(wizard, 'connection.test', server());
    expect(tested).toEqual({
      state: 'kantor',
      officeName: 'Dinas Sosial Kabupaten Kotawaringin Timur',
      message: 'Koneksi berhasil. Server ini sudah berisi kantor Dinas Sosial Kabupaten Kotawaringin Timur: komputer ini akan bergabung dengan kantor Dinas Sosial Kabupaten Kotawaringin Timur.',
    });
    const saved = await ok<{ joined: ConnectionTest }>(wizard, 'connection.save', { mode: 'server', ...server() });
    expect(saved.joined.state).toBe('kantor');
    // No second set-up: straight to sign-in.
    expect(await ok<SetupStatus>(wizard, 'admin.setupStatus')).toMatchObject({ needsSetup: false, officeName: 'Dinas Sosial Kabupaten Kotawaringin Timur' });
    const admin = await signedIn(pcB.core, 'admin', kotimSetup().admin.password);
    expect(await ok<{ namaInstansi: string }>(admin, 'admin.getOffice')).toMatchObject({ namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur' });
    // Once set up, the connection is an admin's: nobody signed out may look or change it.
    expect((await fail(pcB.core.createClient(), 'connection.status')).code).toBe('UNAUTHENTICATED');
    expect((await fail(pcB.core.createClient(), 'connection.save', { mode: 'lokal' })).code).toBe('UNAUTHENTICATED');
  });

  it('after a restart the PC opens the server again from its saved choice (the password decrypted), and the admin sees no password', async () => {
    await pcA.core.close();
    const again = await startPc(pcA.dataDir);
    cores.push(again.core);
    pcA = again;
    expect(pcA.core.paths.dbPath.startsWith('postgres://')).toBe(true);
    const admin = await signedIn(pcA.core, 'admin', kotimSetup().admin.password);
    const status = await ok<ConnectionInfo>(admin, 'connection.status');
    expect(status).toEqual({ mode: 'server', server: { host: '127.0.0.1', port, database: 'dinsos_kantor', user: 'kantor', ssl: false, certCheck: 'none', caCert: null }, fixedByStart: false, unreadable: false, lost: null });
    expect(JSON.stringify(status)).not.toContain(PASSWORD);
  });

  it('the app\'s core process does the same, asking its parent (the window\'s process) to decrypt the password', async () => {
    const scripts = coreScripts();
    const host = new CoreHost({
      spawn: forkNodeCore(scripts.child, { env: childEnv() }),
      init: { dataDir: pcA.dataDir, resourcesDir: RESOURCES, autoBackup: false, workerPath: scripts.worker },
      platform: platformWith(fakeSecrets),
    });
    await host.start();
    try {
      expect(host.dbPath.startsWith('postgres://kantor:')).toBe(true);
      const admin = await signedIn(host, 'admin', kotimSetup().admin.password);
      expect(await ok<ConnectionInfo>(admin, 'connection.status')).toMatchObject({ mode: 'server', fixedByStart: false });
    } finally {
      await host.close();
    }
  });

  it('switching back to "Satu komputer" opens this PC\'s own file as it was left, and each switch is recorded', async () => {
    // PC B joined the server from a fresh start: its own file is untouched (the same bytes as when it went over).
    expect(localHashOf(pcB.dataDir)).toBe(leftLocalB);
    const admin = await signedIn(pcB.core, 'admin', kotimSetup().admin.password);
    expect(await ok<ConnectionInfo>(admin, 'connection.save', { mode: 'lokal' })).toMatchObject({ mode: 'lokal', server: null });
    expect(pcB.core.paths.dbPath).toBe(join(pcB.dataDir, 'dinsos.sqlite'));
    expect(JSON.parse(connectionFile(pcB.dataDir))).toEqual({ mode: 'lokal' });
    // Its own file never held an office: the set-up wizard again (from where it may join the server again).
    const wizard = pcB.core.createClient();
    expect(await ok<SetupStatus>(wizard, 'admin.setupStatus')).toMatchObject({ needsSetup: true, needsRecovery: false, officeName: null });
    expect(await ok<ConnectionInfo>(wizard, 'connection.status')).toMatchObject({ mode: 'lokal' });
    const here = await pcB.core.db.selectFrom('audit_log').select(['action', 'username']).where('action', '=', 'connection.save').execute();
    expect(here).toEqual([{ action: 'connection.save', username: 'admin' }]);
    // On the server: the two PCs going over during their set-up (nobody signed in yet).
    const there = await pg.query<{ action: string; username: string | null }>("select action, username from audit_log where action = 'connection.save'", 'dinsos_kantor');
    expect(there).toEqual([{ action: 'connection.save', username: null }, { action: 'connection.save', username: null }]);
  });

  it('the PC that set the office up on the server is not sent back to its empty file (it would open on the recovery screen)', async () => {
    expect(localHash()).toBe(leftLocal);
    const admin = await signedIn(pcA.core, 'admin', kotimSetup().admin.password);
    const refused = await fail(admin, 'connection.save', { mode: 'lokal' });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Kantor ini disiapkan langsung di server, sehingga basis data di komputer ini kosong.');
    expect(pcA.core.paths.dbPath.startsWith('postgres://')).toBe(true);
    expect(JSON.parse(connectionFile(pcA.dataDir))).toMatchObject({ mode: 'server' });
    expect(localHash()).toBe(leftLocal);
  });

  it('an office already set up on this PC is not moved onto an empty server database (nobody could sign in there); the test says so first', async () => {
    await pg.query('create database dinsos_kosong owner kantor');
    const solo = await startPc();
    cores.push(solo.core);
    await ok(solo.core.createClient(), 'admin.completeSetup', kotimSetup());
    const admin = await signedIn(solo.core, 'admin', kotimSetup().admin.password);

    const tested = await ok<ConnectionTest>(admin, 'connection.test', server({ database: 'dinsos_kosong' }));
    expect(tested).toMatchObject({ state: 'kosong', blocked: true });
    expect(tested.message).toContain('npm run cli -- migrate-to-server');
    const refused = await fail(admin, 'connection.save', { mode: 'server', ...server({ database: 'dinsos_kosong' }) });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('Basis data "dinsos_kosong" di server masih kosong.');
    expect(refused.message).toContain('npm run cli -- migrate-to-server');

    // Nothing moved: the PC stays on its file, stores no choice, and the admin still signs in there.
    expect(solo.core.paths.dbPath).toBe(join(solo.dataDir, 'dinsos.sqlite'));
    expect(() => statSync(join(solo.dataDir, 'koneksi.json'))).toThrow();
    expect(await ok<SetupStatus>(solo.core.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false });
    await signedIn(solo.core, 'admin', kotimSetup().admin.password);
    const there = await pg.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'", 'dinsos_kosong');
    expect(Number(there[0]?.n)).toBe(0);
  });

  it('without protected password storage nothing is switched or stored; a start that names its database keeps it', async () => {
    const bare = await startPc(undefined, platformWith());
    cores.push(bare.core);
    const refused = await fail(bare.core.createClient(), 'connection.save', { mode: 'server', ...server() });
    expect(refused.code).toBe('SECRETS_UNAVAILABLE');
    expect(bare.core.paths.dbPath).toBe(join(bare.dataDir, 'dinsos.sqlite'));
    expect(() => statSync(join(bare.dataDir, 'koneksi.json'))).toThrow();

    const named = await openCore({ dbPath: join(bare.dataDir, 'lain.sqlite'), resourcesDir: RESOURCES, platform: platformWith(fakeSecrets) });
    cores.push(named);
    expect(await ok<ConnectionInfo>(named.createClient(), 'connection.status')).toMatchObject({ mode: 'lokal', fixedByStart: true });
    expect((await fail(named.createClient(), 'connection.save', { mode: 'server', ...server() })).code).toBe('CONFLICT');
  });
});
