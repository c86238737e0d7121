/**
 * "Periksa sertifikat server" (issue 18): an office server with TLS on and a certificate signed by the office's
 * own CA (made here with openssl, as an IT person makes one). With that CA the app connects and keeps the choice
 * across a restart; with another CA, or a certificate made for another name, it is refused in words the admin
 * can act on; plain "Gunakan TLS" (sslmode=require) still connects without checking; the command line's
 * --db URL with sslmode=verify-full&sslrootcert=… works as libpq's does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionInfo, ConnectionTest } from '../../../shared/api/connection';
import type { Core } from '../../../electron/core/app';
import { runCli } from '../../../electron/cli/run';
import { openDatabase } from '../../../electron/core/db/database';
import { connectionFile, passwordUser, startPc } from '../../helpers/connection';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { serverWithTls, serveTls, makeServerCert } from '../../helpers/tls';
import { RESOURCES } from '../../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../../support/postgres';

const run = hasPostgres || process.env.CI === 'true';
const PASSWORD = 'Sandi-TLS#2026';
const DATABASE = 'dinsos_tls';

describe.runIf(run)('the office server\'s TLS certificate checked against the office\'s CA', () => {
  let pg: PgCluster;
  let port: number;
  let certs: string;
  let officeCa: string;
  let otherCa: string;
  const cores: Core[] = [];
  const server = (over: Record<string, unknown> = {}) => ({ host: '127.0.0.1', port, database: DATABASE, user: 'kantor', password: PASSWORD, ssl: true, ...over });

  beforeAll(async () => {
    pg = await startPostgres();
    port = Number(new URL(pg.url('postgres')).port);
    await passwordUser(pg, 'kantor', PASSWORD, DATABASE);
    ({ certs, officeCa, otherCa } = await serverWithTls(pg));
  }, 120_000);
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
    await pg?.stop();
  });

  it('with the office\'s CA "Uji koneksi" succeeds; with another CA it is refused, saying why', async () => {
    const pc = await startPc();
    cores.push(pc.core);
    const wizard = pc.core.createClient();
    const tested = await ok<ConnectionTest>(wizard, 'connection.test', server({ certCheck: 'full', caCert: officeCa }));
    expect(tested.state).toBe('kosong');

    const refused = await fail(wizard, 'connection.test', server({ certCheck: 'full', caCert: otherCa }));
    expect(refused.code).toBe('SERVER_TLS_CERT');
    expect(refused.message).toContain('Sertifikat server 127.0.0.1:');
    expect(refused.message).toContain('tidak dapat dipercaya: tidak ditandatangani oleh sertifikat CA yang dipilih. Koneksi ditolak.');

    const notACert = await fail(wizard, 'connection.test', server({ certCheck: 'full', caCert: 'ini bukan sertifikat' }));
    expect(notACert.code).toBe('INVALID_INPUT');
    expect(notACert.message).toContain('Berkas sertifikat CA tidak dapat dibaca');
  });

  it('"Gunakan TLS" without the check still connects, encrypted', async () => {
    const pc = await startPc();
    cores.push(pc.core);
    expect((await ok<ConnectionTest>(pc.core.createClient(), 'connection.test', server({ certCheck: 'none' }))).state).toBe('kosong');
    // A check left ticked under an unticked "Gunakan TLS" is not used (nor kept): no TLS, so no certificate to refuse.
    expect((await ok<ConnectionTest>(pc.core.createClient(), 'connection.test', server({ ssl: false, certCheck: 'full', caCert: otherCa }))).state).toBe('kosong');
    const db = await openDatabase(`postgres://kantor:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${DATABASE}?sslmode=require`, { migrate: false });
    try {
      const { rows } = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(db);
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await db.destroy();
    }
  });

  it('the checked connection is saved with its CA and opened again after a restart', async () => {
    const pc = await startPc();
    cores.push(pc.core);
    const wizard = pc.core.createClient();
    const saved = await ok<ConnectionInfo>(wizard, 'connection.save', { mode: 'server', ...server({ certCheck: 'full', caCert: officeCa }) });
    expect(saved.server).toMatchObject({ ssl: true, certCheck: 'full', caCert: officeCa });
    expect(JSON.parse(connectionFile(pc.dataDir))).toMatchObject({ mode: 'server', ssl: true, certCheck: 'full', caCert: officeCa });
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    await pc.core.close();

    const again = await startPc(pc.dataDir);
    cores.push(again.core);
    const url = new URL(again.core.paths.dbPath);
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
    expect(readFileSync(url.searchParams.get('sslrootcert')!, 'utf8')).toBe(officeCa);
    const admin = again.core.createClient();
    await ok(admin, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
    expect((await ok<ConnectionInfo>(admin, 'connection.status')).server).toMatchObject({ certCheck: 'full', caCert: officeCa });
    const { rows } = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(again.core.db);
    expect(rows).toEqual([{ ssl: true }]);
  });

  it('the command line takes --db …?sslmode=verify-full&sslrootcert=FILE, and a wrong CA file is refused', async () => {
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const base = `postgres://kantor:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${DATABASE}?sslmode=verify-full&sslrootcert=`;
    const right = await cli('info', '--db', `${base}${encodeURIComponent(join(certs, 'ca-kantor.crt'))}`, '--json');
    expect(right.err).toBe('');
    expect(right.code).toBe(0);
    expect(JSON.parse(right.out).office).toMatchObject({ namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur' });

    const wrong = await cli('info', '--db', `${base}${encodeURIComponent(join(certs, 'ca-lain.crt'))}`, '--json');
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('tidak dapat dipercaya');
    expect(wrong.err).not.toContain(PASSWORD);

    const missing = await cli('info', '--db', `${base}${encodeURIComponent(join(certs, 'tidak-ada.crt'))}`, '--json');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain(`Berkas sertifikat CA ${join(certs, 'tidak-ada.crt')} tidak ditemukan`);
  });

  it('a certificate made for another name is refused when the name is checked, and accepted by the CA check alone', async () => {
    makeServerCert(certs, 'server-nama', 'ca-kantor', 'DNS:server-dinsos');
    await serveTls(pg, certs, 'server-nama');
    const pc = await startPc();
    cores.push(pc.core);
    const wizard = pc.core.createClient();
    const refused = await fail(wizard, 'connection.test', server({ certCheck: 'full', caCert: officeCa }));
    expect(refused.code).toBe('SERVER_TLS_CERT');
    expect(refused.message).toContain('dibuat untuk nama lain, bukan "127.0.0.1"');
    expect((await ok<ConnectionTest>(wizard, 'connection.test', server({ certCheck: 'ca', caCert: officeCa }))).state).toBe('kantor');
  });
});
