/**
 * A PC whose saved server connection cannot be opened here (issue 18): koneksi.json says "Server kantor", but the
 * password's ciphertext cannot be decrypted by this user on this PC (a Windows profile reset, a data folder copied
 * from another PC or user) or in this mode at all (browser mode has no protected storage). The core then opens no
 * database (an empty one in memory: no office, no account), and the recovery screen asks for the server's
 * connection again instead of stopping the start. The same screen follows when koneksi.json is gone or damaged
 * (kept aside) and this PC's own file holds no office: not the backup-only recovery of a one-PC office.
 *
 * Why anyone at the PC may then test and save a server connection (access 'connect' is open in this state):
 * - with no database open there is no account, so nobody could sign in to allow it, and nothing on this PC is
 *   exposed: the office's data is on the server;
 * - saving only points the app at a server whose user and password the clerk types; the next screen is that
 *   server's sign-in, so nobody reaches data without an account there. A server database without accounts is
 *   refused (it would open the set-up wizard), and so is "Satu komputer" (this PC's own file is not the office's
 *   data, and an empty one would offer the wizard too);
 * - a stranger at the PC can at most point the app at another server, which a fresh install allows anyway.
 * Nothing else is opened: the set-up wizard's calls ('setup') stay closed, every other call needs a sign-in.
 */
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionInfo, LostReason } from '../../../shared/api/connection';
import { AppError } from '../api/errors';
import type { Platform } from '../platform';
import { lastKnownServer } from './known';
import { CONNECTION_FILE, readConnection, savedTarget } from './settings';

type SavedServer = NonNullable<ConnectionInfo['server']>;

/**
 * Why this PC asks for the office server again: its password cannot be decrypted here ('password'), or at all in
 * this mode ('noSecrets': browser mode without protected storage), or koneksi.json is gone ('missing') or
 * damaged ('damaged', kept aside as `keptAside`) while this PC's own file holds no office.
 */
export interface LostConnection {
  server: SavedServer | null;
  reason: LostReason;
  keptAside: string | null;
  /** koneksi.json lost while this PC's own file holds an office: "Satu komputer" may be chosen again here. */
  localAllowed: boolean;
}

const unreadable = new WeakMap<object, LostConnection>();

/** A damaged koneksi.json, renamed beside it (never deleted: an admin may read what it held). */
function setAside(dataDir: string, now: Date): string {
  const aside = join(dataDir, `koneksi-rusak-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(join(dataDir, CONNECTION_FILE), aside);
  return aside;
}

/**
 * The database a start opens (savedTarget), or, when the saved server cannot be opened here, none: `unreadable`
 * then says where that server is (no password) and why, for the form to show it again. `fileLost`: koneksi.json
 * is missing or was damaged; this PC's own file is opened, and the start asks for the server again (the one this
 * PC's saved choice last named, ./known.ts, filled in) when there is one, or when the own file holds no office
 * (askAfterLoss).
 */
export async function startTarget(
  dataDir: string,
  platform: Platform,
  now: Date,
): Promise<{ target: string | undefined; unreadable: LostConnection | null; fileLost: LostConnection | null }> {
  const none = { target: undefined, unreadable: null, fileLost: null };
  if (platform.kind === 'cli') return none;
  let stored;
  try {
    stored = readConnection(dataDir);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONNECTION_FILE_INVALID')) throw error;
    return { ...none, fileLost: { server: lastKnownServer(dataDir), reason: 'damaged', keptAside: setAside(dataDir, now), localAllowed: false } };
  }
  if (!stored) {
    const last = lastKnownServer(dataDir);
    return { ...none, fileLost: last ? { server: last, reason: 'missing', keptAside: null, localAllowed: false } : null };
  }
  try {
    return { ...none, target: await savedTarget(dataDir, platform) };
  } catch (error) {
    const code = error instanceof AppError ? error.code : null;
    if (stored.mode !== 'server' || (code !== 'SECRETS_UNREADABLE' && code !== 'SECRETS_UNAVAILABLE')) throw error;
    const { mode: _mode, passwordCipher: _cipher, ...server } = stored;
    return { ...none, unreadable: { server, reason: code === 'SECRETS_UNAVAILABLE' ? 'noSecrets' : 'password', keptAside: null, localAllowed: false } };
  }
}

/**
 * After a start whose koneksi.json was lost (`fileLost`), once this PC's own file is open: whether to ask for the
 * server again. A server it worked on is asked for even when the own file holds an office (after a move to the
 * server the file stays as the last one-PC copy: opening it silently would have clerks work on old data), with
 * "Satu komputer" allowed then; a damaged file with no server known opens the own office as before.
 */
export function askAfterLoss(fileLost: LostConnection, localHasOffice: boolean): LostConnection | null {
  if (localHasOffice && !fileLost.server) return null;
  return { ...fileLost, localAllowed: localHasOffice };
}

export function markUnreadable(paths: object, lost: LostConnection) {
  unreadable.set(paths, lost);
}

/** Why this running core asks for the server again; null once a connection was saved again. */
export function unreadableServer(paths: object): LostConnection | null {
  return unreadable.get(paths) ?? null;
}

/** What the recovery screen says of a lost connection, with what to do. */
export function lostMessage(lost: LostConnection): string {
  const where = lost.server ? ` ${lost.server.host}:${lost.server.port}/${lost.server.database}` : '';
  switch (lost.reason) {
    case 'password':
      return 'Sandi server yang tersimpan tidak dapat dibuka lagi di komputer ini, biasanya karena profil Windows diatur ulang, atau folder data disalin dari komputer atau pengguna lain. Data kantor tetap aman di server. Masukkan lagi sandi basis data server (tanyakan kepada admin TI bila perlu), lalu masuk dengan akun Dinsos Desk Anda.';
    case 'noSecrets':
      return `Komputer ini terhubung ke server kantor${where}, tetapi sandinya tersimpan terenkripsi dan tidak dapat dibuka di sini: tidak ada penyimpanan sandi yang terlindungi (mode peramban, atau sistem tanpa penyimpanan kunci). Data kantor tetap aman di server. Jalankan aplikasi desktop Dinsos Desk dengan akun Windows yang menyimpan koneksi ini, atau jalankan dengan alamat server lengkap: DINSOS_DB=postgres://pengguna:sandi@alamat:5432/basisdata (tanyakan kepada admin TI).`;
    case 'missing':
      return `Pengaturan koneksi komputer ini (berkas ${CONNECTION_FILE}) tidak ditemukan, padahal komputer ini sebelumnya memakai server kantor${where}. Data kantor tetap aman di server. Periksa alamatnya, masukkan lagi sandi basis data server, lalu masuk dengan akun Dinsos Desk Anda.${localChoice(lost)}`;
    case 'damaged':
      return `Pengaturan koneksi komputer ini (berkas ${CONNECTION_FILE}) rusak, sehingga tidak dapat dipakai. Berkas itu disimpan terpisah sebagai ${lost.keptAside ?? 'salinan'}; tidak ada data yang dihapus. Masukkan lagi koneksi server kantor${lost.server ? ' (alamat terakhir sudah diisi)' : ' (tanyakan alamat, nama basis data, pengguna dan sandinya kepada admin TI)'}, lalu masuk dengan akun Dinsos Desk Anda.${localChoice(lost)}`;
  }
}

const localChoice = (lost: LostConnection) =>
  lost.localAllowed
    ? ' Basis data "Satu komputer" di komputer ini juga masih berisi kantor, tetapi mungkin data lama (mis. salinan sebelum pindah ke server): pilih "Satu komputer" hanya bila komputer ini memang tidak lagi memakai server.'
    : '';

/** A connection was saved and opened: the core is no longer in the unreadable state. */
export function reconnected(paths: object) {
  unreadable.delete(paths);
}

/** What may not be done while the saved server cannot be opened: going back to this PC's own file. */
export function refuseLocalWhileUnreadable(paths: object) {
  const lost = unreadableServer(paths);
  if (!lost || lost.localAllowed) return;
  throw new AppError(
    'FORBIDDEN',
    'Komputer ini memakai server kantor. Masukkan lagi alamat, pengguna dan sandi server kantor; pindah ke "Satu komputer" hanya dapat dilakukan admin setelah masuk.',
  );
}
