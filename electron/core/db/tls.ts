/**
 * TLS to the office server (issue 18) as an IT person knows it from libpq: `sslmode=require` encrypts without
 * checking the certificate, `verify-ca` checks it was signed by the CA in `sslrootcert`, `verify-full` also
 * checks the server's name. node-postgres reads those modes differently unless told to behave like libpq
 * (its own `require` checks the certificate against the public CAs, so a self-made office certificate failed).
 */
import { existsSync } from 'node:fs';
import { AppError } from '../api/errors';

/**
 * The connection string node-postgres is given: libpq's meaning of sslmode, and a CA file that is not there
 * said in words (node-postgres would fail on reading it with ENOENT).
 */
export function pgConnectionString(url: string): string {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  const rootCert = params.get('sslrootcert');
  if (rootCert && !existsSync(rootCert)) {
    throw new AppError('SERVER_TLS', `Berkas sertifikat CA ${rootCert} tidak ditemukan. Pilih lagi berkas sertifikat CA dari admin TI (Pengaturan › Koneksi basis data), atau perbaiki sslrootcert pada alamat --db.`);
  }
  if (params.has('sslmode') && !params.has('uselibpqcompat')) params.set('uselibpqcompat', 'true');
  return parsed.toString();
}

/** Node's TLS errors that mean the certificate could not be trusted (not a network failure). */
const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

/**
 * The server's certificate refused by the check the connection asked for, explained; null for any other
 * failure. `where` names the server as the admin typed it.
 */
export function certificateRefusal(error: unknown, where: string): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const advice = 'Periksa bahwa berkas sertifikat CA yang dipilih adalah CA yang menandatangani sertifikat server (minta dari admin TI), atau matikan "Periksa sertifikat server".';
  if (UNTRUSTED.has(code)) {
    return new AppError('SERVER_TLS_CERT', `Sertifikat server ${where} tidak dapat dipercaya: tidak ditandatangani oleh sertifikat CA yang dipilih. Koneksi ditolak. ${advice}`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError('SERVER_TLS_CERT', `Sertifikat server ${where} dibuat untuk nama lain, bukan "${where.replace(/:\d+$/, '')}". Koneksi ditolak. Pakai nama atau alamat IP yang tertulis di sertifikat, atau matikan "Nama server harus cocok dengan sertifikat".`);
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return new AppError('SERVER_TLS_CERT', `Sertifikat server ${where} ${code === 'CERT_HAS_EXPIRED' ? 'sudah kedaluwarsa' : 'belum berlaku'}. Koneksi ditolak. Minta admin TI memperbarui sertifikat server.`);
  }
  return null;
}

