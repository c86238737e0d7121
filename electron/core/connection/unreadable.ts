/**
 * A PC whose saved server connection cannot be opened here (issue 18): koneksi.json says "Server kantor", but the
 * password's ciphertext cannot be decrypted by this user on this PC (a Windows profile reset, a data folder copied
 * from another PC or user). The core then opens no database (an empty one in memory: no office, no account), and
 * the recovery screen asks for the server's connection again instead of stopping the start.
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
import type { ConnectionInfo } from '../../../shared/api/connection';
import { AppError } from '../api/errors';
import type { Platform } from '../platform';
import { readConnection, savedTarget } from './settings';

type SavedServer = NonNullable<ConnectionInfo['server']>;

const unreadable = new WeakMap<object, SavedServer>();

/**
 * The database a start opens (savedTarget), or, when the saved server's password cannot be decrypted here, none:
 * `unreadable` is then where that server is (no password), for the form to show it again.
 */
export async function startTarget(dataDir: string, platform: Platform): Promise<{ target: string | undefined; unreadable: SavedServer | null }> {
  try {
    return { target: await savedTarget(dataDir, platform), unreadable: null };
  } catch (error) {
    const stored = error instanceof AppError && error.code === 'SECRETS_UNREADABLE' ? readConnection(dataDir) : null;
    if (stored?.mode !== 'server') throw error;
    const { mode: _mode, passwordCipher: _cipher, ...server } = stored;
    return { target: undefined, unreadable: server };
  }
}

export function markUnreadable(paths: object, server: SavedServer) {
  unreadable.set(paths, server);
}

/** The saved server this running core could not open at start; null once a connection was saved again. */
export function unreadableServer(paths: object): SavedServer | null {
  return unreadable.get(paths) ?? null;
}

/** A connection was saved and opened: the core is no longer in the unreadable state. */
export function reconnected(paths: object) {
  unreadable.delete(paths);
}

/** What may not be done while the saved server cannot be opened: going back to this PC's own file. */
export function refuseLocalWhileUnreadable(paths: object) {
  if (!unreadableServer(paths)) return;
  throw new AppError(
    'FORBIDDEN',
    'Komputer ini memakai server kantor. Masukkan lagi alamat, pengguna dan sandi server kantor; pindah ke "Satu komputer" hanya dapat dilakukan admin setelah masuk.',
  );
}
