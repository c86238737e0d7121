/**
 * TLS on a throw-away PostgreSQL cluster (issue 18), the way an office's IT person sets it up: a self-made CA
 * (and another one, which did not sign anything of this server), a server certificate signed by the first.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { PgCluster } from '../support/postgres';

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
export function makeServerCert(dir: string, name: string, ca: string, altNames: string) {
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
export async function serveTls(pg: PgCluster, dir: string, name: string) {
  await pg.query(`alter system set ssl_cert_file = '${join(dir, `${name}.crt`)}'`);
  await pg.query(`alter system set ssl_key_file = '${join(dir, `${name}.key`)}'`);
  await pg.query('alter system set ssl = on');
  await pg.query('select pg_reload_conf()');
}

/**
 * Turns TLS on in `pg` with a certificate for 127.0.0.1 signed by the office's CA (ca-kantor.crt in `certs`);
 * also makes another CA (ca-lain.crt). Returns both CAs' PEM text.
 */
export async function serverWithTls(pg: PgCluster): Promise<{ certs: string; officeCa: string; otherCa: string }> {
  const certs = mkdtempSync(join(tmpdir(), 'dinsos-tls-'));
  if (userInfo().uid === 0) chmodSync(certs, 0o755);
  const officeCa = readFileSync(makeCa(certs, 'ca-kantor'), 'utf8');
  const otherCa = readFileSync(makeCa(certs, 'ca-lain'), 'utf8');
  makeServerCert(certs, 'server-ip', 'ca-kantor', 'IP:127.0.0.1');
  await serveTls(pg, certs, 'server-ip');
  return { certs, officeCa, otherCa };
}
