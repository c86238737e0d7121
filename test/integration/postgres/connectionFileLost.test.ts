/**
 * A PC that worked on the office server and lost its connection setting (issue 18, from H4): koneksi.json deleted
 * or damaged, or a browser-mode start that has no protected storage for the saved password. The start no longer
 * stops or opens the backup-only recovery of a one-PC office: it asks for the server again (the one this PC last
 * worked with filled in) and says why in words to act on; a damaged file is kept aside, never deleted.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SetupStatus } from '../../../shared/api/admin';
import type { ConnectionInfo } from '../../../shared/api/connection';
import { openCore, type Core } from '../../../electron/core/app';
import { fakeSecrets, platformWith, startPc } from '../../helpers/connection';
import { PG_TEMPLATE, RESOURCES } from '../../helpers/webApp';
import { useCluster } from '../../helpers/cluster';
import { fail, kotimSetup, ok, signedIn } from '../../helpers/core';
import { CONNECTION_REQUIRED_MESSAGE } from '../../../electron/core/auth/handlers';
import { postgresTestsRun } from '../../support/postgres';

const PASSWORD = kotimSetup().admin.password;
const KOTIM = 'Dinas Sosial Kabupaten Kotawaringin Timur';

describe.runIf(postgresTestsRun)('a server PC whose connection setting is lost', () => {
  const cluster = useCluster();
  const cores: Core[] = [];
  const started = async (...args: Parameters<typeof startPc>) => {
    const pc = await startPc(...args);
    cores.push(pc.core);
    return pc;
  };
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  /** A PC that set the office up on the server from the wizard, then closed. */
  async function serverPc(name: string) {
    const target = await cluster.createDatabase(name, PG_TEMPLATE);
    const url = new URL(target);
    const server = { host: url.hostname, port: Number(url.port), database: decodeURIComponent(url.pathname.slice(1)), user: 'postgres', password: '' };
    const first = await startPc();
    const wizard = first.core.createClient();
    await ok(wizard, 'connection.save', { mode: 'server', ...server });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    await first.core.close();
    return { dataDir: first.dataDir, server };
  }

  it('koneksi.json deleted: the PC asks for the server it last worked with, not for a backup, and signs in there again', async () => {
    const { dataDir, server } = await serverPc('lost_file');
    rmSync(join(dataDir, 'koneksi.json'));
    const pc = await started(dataDir);
    const visitor = pc.core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true, connectionUnreadable: true });
    const status = await ok<ConnectionInfo>(visitor, 'connection.status');
    expect(status).toMatchObject({ mode: 'server', unreadable: true, server: { host: server.host, port: server.port, database: server.database, user: 'postgres' }, lost: { reason: 'missing' } });
    expect(status.lost?.message).toMatch(/koneksi\.json\) tidak ditemukan.*Data kantor tetap aman di server/);

    await ok(visitor, 'connection.save', { mode: 'server', ...server });
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false, officeName: KOTIM });
    await signedIn(pc.core, 'admin', PASSWORD);
    expect(JSON.parse(readFileSync(join(dataDir, 'koneksi.json'), 'utf8'))).toMatchObject({ mode: 'server', database: server.database });
  }, 120_000);

  it('koneksi.json deleted on a PC whose own file still holds its office (the copy left by the move): the server is asked for, not the old copy opened silently', async () => {
    const { server } = await serverPc('moved_office');
    const moved = await startPc();
    await ok(moved.core.createClient(), 'admin.completeSetup', kotimSetup({ namaInstansi: 'Salinan Lama' }));
    await ok(await signedIn(moved.core, 'admin', PASSWORD), 'connection.save', { mode: 'server', ...server });
    await moved.core.close();
    rmSync(join(moved.dataDir, 'koneksi.json'));

    const pc = await started(moved.dataDir);
    const visitor = pc.core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true, connectionUnreadable: true });
    const status = await ok<ConnectionInfo>(visitor, 'connection.status');
    expect(status).toMatchObject({ server: { database: server.database }, lost: { reason: 'missing', localAllowed: true } });
    expect(status.lost?.message).toMatch(/mungkin data lama/);
    // Not through the API either: the old copy's admin cannot sign in to it while the server is asked for.
    const logins = async () => (await pc.core.db.selectFrom('audit_log').select('id').where('action', '=', 'login').execute()).length;
    const before = await logins();
    expect(await fail(visitor, 'auth.login', { username: 'admin', password: PASSWORD })).toEqual({ code: 'CONNECTION_REQUIRED', message: CONNECTION_REQUIRED_MESSAGE });
    expect(await logins()).toBe(before);
    // "Satu komputer" may be chosen here, knowingly: its own office opens.
    await ok(visitor, 'connection.save', { mode: 'lokal' });
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsRecovery: false, connectionUnreadable: false, officeName: 'Salinan Lama' });
    await signedIn(pc.core, 'admin', PASSWORD);
  }, 120_000);

  it('koneksi.json damaged: the start goes on, the file is kept aside, and the connection form says so', async () => {
    const { dataDir, server } = await serverPc('damaged_file');
    writeFileSync(join(dataDir, 'koneksi.json'), '{"mode": "server", "host": ');
    const pc = await started(dataDir);
    const visitor = pc.core.createClient();
    const status = await ok<ConnectionInfo>(visitor, 'connection.status');
    expect(status).toMatchObject({ unreadable: true, server: { database: server.database }, lost: { reason: 'damaged' } });
    const aside = readdirSync(dataDir).filter((f) => /^koneksi-rusak-.*\.json$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toBe('{"mode": "server", "host": ');
    expect(existsSync(join(dataDir, 'koneksi.json'))).toBe(false);
    expect(status.lost?.message).toContain(join(dataDir, aside[0]!));
    expect(status.lost?.message).toMatch(/rusak.*tidak ada data yang dihapus/);

    await ok(visitor, 'connection.save', { mode: 'server', ...server });
    await signedIn(pc.core, 'admin', PASSWORD);
  }, 120_000);

  it('a server the command line was pointed at from this PC (no saved choice) is not asked for again as this PC\'s lost connection', async () => {
    const target = await cluster.createDatabase('cli_only', PG_TEMPLATE);
    const pc = await startPc();
    await pc.core.close();
    const cli = await openCore({ dbPath: target, dataDir: pc.dataDir, resourcesDir: RESOURCES, platform: platformWith(fakeSecrets) });
    await ok(cli.createClient(), 'admin.completeSetup', kotimSetup());
    await cli.close();
    const again = await started(pc.dataDir);
    expect(await ok<SetupStatus>(again.core.createClient(), 'admin.setupStatus')).toMatchObject({ connectionUnreadable: false });
  }, 120_000);

  it('browser mode without protected storage: the start goes on and says what to do, instead of stopping', async () => {
    const { dataDir, server } = await serverPc('no_secrets');
    // The saved choice has a password, kept as ciphertext, which this mode cannot open.
    const saved = JSON.parse(readFileSync(join(dataDir, 'koneksi.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dataDir, 'koneksi.json'), JSON.stringify({ ...saved, passwordCipher: Buffer.from('sandi-terenkripsi').toString('base64') }));
    const pc = await started(dataDir, platformWith());
    const visitor = pc.core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, connectionUnreadable: true });
    const status = await ok<ConnectionInfo>(visitor, 'connection.status');
    expect(status).toMatchObject({ server: { database: server.database }, lost: { reason: 'noSecrets' } });
    expect(status.lost?.message).toMatch(/Jalankan aplikasi desktop Dinsos Desk.*DINSOS_DB=postgres:\/\//);
    expect(pc.core.paths.dbPath).toBe(':memory:');
  }, 120_000);
});

describe('a one-PC office whose koneksi.json is damaged', () => {
  it('opens its own data as before; the damaged file is kept aside', async () => {
    const first = await startPc();
    await ok(first.core.createClient(), 'admin.completeSetup', kotimSetup());
    await first.core.close();
    writeFileSync(join(first.dataDir, 'koneksi.json'), 'bukan json');
    const pc = await startPc(first.dataDir);
    try {
      expect(await ok<SetupStatus>(pc.core.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false, connectionUnreadable: false, officeName: KOTIM });
      await signedIn(pc.core, 'admin', PASSWORD);
      expect(readdirSync(first.dataDir).filter((f) => f.startsWith('koneksi-rusak-'))).toHaveLength(1);
    } finally {
      await pc.core.close();
    }
  }, 60_000);
});
