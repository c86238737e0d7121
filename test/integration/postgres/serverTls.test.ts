/**
 * "Periksa sertifikat server" (issue 18): an office server with TLS on and a certificate signed by the office's
 * own CA (made here with openssl, as an IT person makes one). With that CA the app connects and keeps the choice
 * across a restart; with another CA, or a certificate made for another name, it is refused in words the admin
 * can act on; plain "Gunakan TLS" (sslmode=require) still connects without checking; the command line's
 * --db URL with sslmode=verify-full&sslrootcert=… works as libpq's does.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionInfo, ConnectionTest } from '../../../shared/api/connection';
import type { Core } from '../../../electron/core/app';
import { runCli } from '../../../electron/cli/run';
import { openDatabase } from '../../../electron/core/db/database';
import { connectionFile, passwordUser, startPc } from '../../helpers/connection';
import { fail, kotimSetup, ok } from '../../helpers/core';
import { RESOURCES } from '../../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../../support/postgres';

const run = hasPostgres || process.env.CI === 'true';
const PASSWORD = 'Sandi-TLS#2026';
const DATABASE = 'dinsos_tls';

function openssl(dir: string, ...args: string[]) {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

/** A self-made CA: its key and certificate in `dir`. */
function makeCa(dir: string, name: string) {
  openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '3650', '-subj', `/CN=${name}`);
  return join(dir, `${name}.crt`);
}

/** A server certificate for `altNames` (e.g. IP:127.0.0.1) signed by the CA `ca`. */
function makeServerCert(dir: string, name: string, ca: string, altNames: string) {
  openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${altNames}\n`);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '365', '-extfile', `${name}.ext`);
  // The server refuses a key others can read; as root (CI) it runs as `postgres`, who must own it.
  chmodSync(join(dir, `${name}.key`), 0o600);
  if (userInfo().uid === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const f of [`${name}.key`, `${name}.crt`]) chownSync(join(dir, f), uid, gid);
  }
}

/** Turns TLS on (or changes its certificate) in the running server. */
async function serveTls(pg: PgCluster, dir: string, name: string) {
  await pg.query(`alter system set ssl_cert_file = '${join(dir, `${name}.crt`)}'`);
  await pg.query(`alter system set ssl_key_file = '${join(dir, `${name}.key`)}'`);
  await pg.query('alter system set ssl = on');
  await pg.query('select pg_reload_conf()');
}

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
    certs = mkdtempSync(join(tmpdir(), 'dinsos-tls-'));
    if (userInfo().uid === 0) chmodSync(certs, 0o755);
    officeCa = readFileSync(makeCa(certs, 'ca-kantor'), 'utf8');
    otherCa = readFileSync(makeCa(certs, 'ca-lain'), 'utf8');
    makeServerCert(certs, 'server-ip', 'ca-kantor', 'IP:127.0.0.1');
    await serveTls(pg, certs, 'server-ip');
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
