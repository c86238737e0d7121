/**
 * Test stand-ins for the connection choice (issue 18): a reversible secrets store (never the plain text, so a
 * test can tell the password did not reach the file), and a server user that must give its password.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../electron/core/app';
import type { Platform, Secrets } from '../../electron/core/platform';
import type { PgCluster } from '../support/postgres';
import { RESOURCES } from './webApp';

const KEY = 0x5a;

/** Reverses the bytes and XORs them: what it stores never contains the password (nor its base64). */
export const fakeSecrets: Secrets = {
  async encrypt(plain) {
    return Uint8Array.from(Buffer.from(`rahasia:${plain}`, 'utf8').reverse(), (b) => b ^ KEY);
  },
  async decrypt(cipher) {
    const text = Buffer.from(Uint8Array.from(cipher, (b) => b ^ KEY).reverse()).toString('utf8');
    if (!text.startsWith('rahasia:')) throw new Error('not our ciphertext');
    return text.slice('rahasia:'.length);
  },
};

/** A browser-mode platform (no PDFs here) with the given secrets store. */
export const platformWith = (secrets?: Secrets): Platform => ({
  kind: 'web',
  async htmlToPdf() {
    throw new Error('no PDF in this test');
  },
  ...(secrets ? { secrets } : {}),
});

/** One PC as the app starts it: its own data folder, no --db; the database is whatever the PC chose. */
export async function startPc(dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-')), platform = platformWith(fakeSecrets)) {
  const core = await openCore({ dataDir, resourcesDir: RESOURCES, platform });
  return { core, dataDir };
}

export const connectionFile = (dataDir: string) => readFileSync(join(dataDir, 'koneksi.json'), 'utf8');

const OTHER_KEY = 0x33;

/** Another Windows profile's safeStorage: what fakeSecrets encrypted, it cannot decrypt (nor the other way round). */
export const otherProfileSecrets: Secrets = {
  async encrypt(plain) {
    return Uint8Array.from(Buffer.from(`profil-lain:${plain}`, 'utf8').reverse(), (b) => b ^ OTHER_KEY);
  },
  async decrypt(cipher) {
    const text = Buffer.from(Uint8Array.from(cipher, (b) => b ^ OTHER_KEY).reverse()).toString('utf8');
    if (!text.startsWith('profil-lain:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice('profil-lain:'.length);
  },
};

/**
 * A PC whose koneksi.json names a server (by default one set up by another profile, whose password this one
 * cannot decrypt): it starts with no database open, the saved server unreadable.
 */
export async function unreadableServerPc(dataDir = mkdtempSync(join(tmpdir(), 'dinsos-pc-')), server = { host: '127.0.0.1', port: 5432, database: 'dinsos', user: 'kantor', ssl: false }) {
  if (!existsSync(join(dataDir, 'koneksi.json'))) {
    writeFileSync(join(dataDir, 'koneksi.json'), JSON.stringify({ mode: 'server', ...server, passwordCipher: Buffer.from(await fakeSecrets.encrypt('sandi')).toString('base64') }));
  }
  return startPc(dataDir, platformWith(otherProfileSecrets));
}

/**
 * The throw-away cluster trusts everyone; an office server asks for a password. Makes `user` (owner of a new,
 * empty `database`) log in with `password` over TCP, the superuser staying trusted.
 */
export async function passwordUser(pg: Pick<PgCluster, 'query'>, user: string, password: string, database: string): Promise<void> {
  const [hba] = await pg.query<{ hba_file: string }>('show hba_file');
  writeFileSync(hba!.hba_file, ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n'));
  await pg.query('select pg_reload_conf()');
  await pg.query(`create role ${user} login password '${password}'`);
  await pg.query(`create database ${database} owner ${user}`);
}
