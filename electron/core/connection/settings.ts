/**
 * This PC's connection setting (issue 18): `koneksi.json` in the PC's data folder says whether the office's data
 * is this PC's SQLite file ("Satu komputer", also when the file is missing) or the office's PostgreSQL ("Server
 * kantor": host, port, database, user, TLS). The server's password is kept only as ciphertext made by
 * Platform.secrets (Electron's safeStorage on the desktop): the file never holds it in plain text. Written
 * atomically (a .part file renamed over it) and readable by this user only.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { certChecks, type CertCheck, type ServerConnection } from '../../../shared/api/connection';
import { AppError } from '../api/errors';
import { isPostgresTarget } from '../db/dialect';
import { DB_ENV, writePrivateFile } from '../paths';
import type { Platform } from '../platform';

export const CONNECTION_FILE = 'koneksi.json';

const storedSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('lokal') }),
  z.object({
    mode: z.literal('server'),
    host: z.string(),
    port: z.number().int(),
    database: z.string(),
    user: z.string(),
    ssl: z.boolean(),
    /** Files written before the certificate check existed have neither field: encrypted only, as they were. */
    certCheck: z.enum(certChecks).default('none'),
    /** The CA certificate (PEM text) the server's certificate is checked against; null: the public CAs. */
    caCert: z.string().nullable().default(null),
    /** Base64 of the ciphertext Platform.secrets made; null for a server that asks no password. */
    passwordCipher: z.string().nullable(),
  }),
]);
export type StoredConnection = z.infer<typeof storedSchema>;

const filePath = (dataDir: string) => join(dataDir, CONNECTION_FILE);

/** The stored choice; null when this PC never chose (Satu komputer). A damaged file is said, not guessed. */
export function readConnection(dataDir: string): StoredConnection | null {
  const path = filePath(dataDir);
  if (!existsSync(path)) return null;
  const parsed = (() => {
    try {
      return storedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return null;
    }
  })();
  if (!parsed?.success) {
    throw new AppError('CONNECTION_FILE_INVALID', `Berkas pengaturan koneksi ${path} rusak. Hapus berkas itu untuk kembali ke "Satu komputer", lalu atur koneksi lagi di Pengaturan.`);
  }
  return parsed.data;
}

export function writeConnection(dataDir: string, stored: StoredConnection) {
  writePrivateFile(filePath(dataDir), JSON.stringify(stored, null, 2));
}

const invalidCa = (message: string) => new AppError('INVALID_INPUT', message, { issues: [{ path: 'caCert', message }] });

/**
 * The CA certificate as a file node-postgres can read (sslrootcert), in the data folder, named by its content:
 * testing another CA never replaces the one in use, and writing the same one again changes nothing.
 */
function caCertFile(dataDir: string, pem: string): string {
  try {
    new X509Certificate(pem);
  } catch {
    throw invalidCa('Berkas sertifikat CA tidak dapat dibaca. Pilih berkas .crt atau .pem dari admin TI (teks yang diawali -----BEGIN CERTIFICATE-----).');
  }
  const dir = join(dataDir, 'server-ca');
  const path = join(dir, `${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.pem`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.part`, pem);
    renameSync(`${path}.part`, path);
  }
  return path;
}

/** libpq's sslmode for each certificate check (db/tls.ts makes node-postgres read it as libpq does). */
const SSL_MODES = { none: 'require', ca: 'verify-ca', full: 'verify-full' } as const satisfies Record<CertCheck, string>;

/**
 * The postgres:// URL for a server connection. With TLS the link is encrypted; the server's certificate is
 * checked only when asked (an office server's certificate is usually self-made), against the chosen CA, kept
 * as a file in the data folder (`dataDir`) because the URL can only name it.
 */
export function serverUrl(c: ServerConnection, dataDir: string): string {
  const url = new URL('postgres://localhost');
  url.hostname = c.host;
  // The URL ignores a host it cannot parse (e.g. "[:::]"): it would stay localhost, a server nobody chose.
  if (url.hostname === 'localhost' && c.host.toLowerCase() !== 'localhost') {
    const message = `Alamat server "${c.host}" tidak valid. Tulis nama komputer atau alamat IP, mis. 192.168.1.10, server-dinsos atau [fe80::1].`;
    throw new AppError('INVALID_INPUT', message, { issues: [{ path: 'host', message }] });
  }
  url.port = String(c.port);
  url.pathname = `/${encodeURIComponent(c.database)}`;
  url.username = encodeURIComponent(c.user);
  if (c.password) url.password = encodeURIComponent(c.password);
  // The certificate check is a part of TLS: with "Gunakan TLS" unticked the form may still hold a check, unused.
  if (c.ssl) {
    url.searchParams.set('sslmode', SSL_MODES[c.certCheck]);
    if (c.certCheck !== 'none' && c.caCert) url.searchParams.set('sslrootcert', caCertFile(dataDir, c.caCert));
    else if (c.certCheck === 'ca') throw invalidCa('Pilih berkas sertifikat CA: tanpa CA, pemeriksaan sertifikat memerlukan "Nama server harus cocok dengan sertifikat".');
  }
  return url.toString();
}

/** Where a postgres:// target points, without its password; null for a SQLite file. */
export function serverOf(target: string): Omit<ServerConnection, 'password'> | null {
  if (!isPostgresTarget(target)) return null;
  try {
    const url = new URL(target);
    const sslmode = url.searchParams.get('sslmode') ?? '';
    const rootCert = url.searchParams.get('sslrootcert');
    return {
      host: url.hostname,
      port: url.port ? Number(url.port) : 5432,
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
      user: decodeURIComponent(url.username),
      ssl: ['require', 'verify-ca', 'verify-full', 'no-verify'].includes(sslmode),
      certCheck: sslmode === 'verify-full' ? 'full' : sslmode === 'verify-ca' ? 'ca' : 'none',
      caCert: rootCert && existsSync(rootCert) ? readFileSync(rootCert, 'utf8') : null,
    };
  } catch {
    return null;
  }
}

/** Stores a server choice: the password only as ciphertext (refused where no protected storage exists). */
export async function storedServer(c: ServerConnection, platform: Platform): Promise<StoredConnection> {
  let passwordCipher: string | null = null;
  if (c.password) {
    if (!platform.secrets) {
      throw new AppError('SECRETS_UNAVAILABLE', 'Sandi server tidak dapat disimpan dengan aman di mode ini. Jalankan aplikasi desktop, atau berikan alamat server dengan --db / DINSOS_DB.');
    }
    passwordCipher = Buffer.from(await platform.secrets.encrypt(c.password)).toString('base64');
  }
  return { mode: 'server', host: c.host, port: c.port, database: c.database, user: c.user, ssl: c.ssl, certCheck: c.ssl ? c.certCheck : 'none', caCert: c.ssl ? c.caCert : null, passwordCipher };
}

/**
 * The database this PC opens at start when nothing names one (--db, DINSOS_DB win, as the command line and
 * tests give them): the saved server's URL, its password decrypted by Platform.secrets; undefined for "Satu
 * komputer". The command line never reads the file: it is always told its target.
 */
export async function savedTarget(dataDir: string, platform: Platform): Promise<string | undefined> {
  if (platform.kind === 'cli') return undefined;
  const stored = readConnection(dataDir);
  if (!stored || stored.mode === 'lokal') return undefined;
  let password = '';
  if (stored.passwordCipher) {
    if (!platform.secrets) {
      throw new AppError('SECRETS_UNAVAILABLE', 'Komputer ini terhubung ke server kantor, tetapi sandinya tidak dapat dibuka di mode ini. Jalankan aplikasi desktop, atau berikan alamat server dengan --db / DINSOS_DB.');
    }
    try {
      password = await platform.secrets.decrypt(new Uint8Array(Buffer.from(stored.passwordCipher, 'base64')));
    } catch (error) {
      if (error instanceof AppError && error.code === 'SECRETS_UNAVAILABLE') throw error;
      throw new AppError(
        'SECRETS_UNREADABLE',
        `Sandi server kantor yang tersimpan tidak dapat dibuka lagi di komputer ini (misalnya profil Windows diatur ulang, atau folder data disalin dari komputer lain). Hapus berkas ${filePath(dataDir)}, jalankan aplikasi lagi, lalu atur koneksi ke server lagi di Pengaturan › Koneksi basis data (admin).`,
      );
    }
  }
  return serverUrl({ ...stored, password }, dataDir);
}

/** Cores whose target was named at start (--db / DINSOS_DB): the saved choice cannot switch them. */
const fixedTargets = new WeakSet<object>();

export function markFixedTarget(paths: object) {
  fixedTargets.add(paths);
}

export function isFixedTarget(paths: object): boolean {
  return fixedTargets.has(paths);
}

/** Whether a start names its target itself (an option or DINSOS_DB), so the saved choice is not read. */
export const namesTarget = (dbPath: string | undefined) => Boolean(dbPath ?? process.env[DB_ENV]);
