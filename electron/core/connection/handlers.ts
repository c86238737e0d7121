/**
 * The connection choice's calls (issue 18). Who may make them is declared on the calls (access 'connect': anyone
 * in the first-start wizard or while the saved server cannot be opened here (./unreadable.ts), an admin
 * otherwise) and checked by dispatch. Saving
 * switches the running core to the chosen database the way a restore does (ctx.reopen: the job worker stops,
 * every window signs in again) and only then stores the choice, so a choice that cannot be opened is never kept.
 * Switching back to "Satu komputer" opens this PC's own SQLite file as it was left.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionInfo, ConnectionTest } from '../../../shared/api/connection';
import type { Ctx } from '../api/context';
import { AppError } from '../api/errors';
import type { FeatureHandlers } from '../api/handlerTypes';
import { recordAudit } from '../audit/record';
import { dataFolderWasSetUp } from '../backup';
import { openDatabase } from '../db/database';
import { countUsers } from '../users';
import { rememberServerOffice } from './known';
import { probeServer } from './probe';
import { isFixedTarget, serverOf, serverUrl, storedServer, writeConnection, type StoredConnection } from './settings';
import { lostMessage, reconnected, refuseLocalWhileUnreadable, unreadableServer } from './unreadable';

function info(ctx: Ctx): ConnectionInfo {
  const lost = unreadableServer(ctx.paths);
  if (lost) return { mode: 'server', server: lost.server, fixedByStart: false, unreadable: true, lost: { reason: lost.reason, message: lostMessage(lost), localAllowed: lost.localAllowed } };
  const server = serverOf(ctx.paths.dbPath);
  return { mode: server ? 'server' : 'lokal', server, fixedByStart: isFixedTarget(ctx.paths), unreadable: false, lost: null };
}

/** Reopens the core on `target` (restore's way); on failure the core stays on the database it had. */
async function switchTo(ctx: Ctx, target: string) {
  return ctx.reopen(async () => {
    const before = ctx.paths.dbPath;
    ctx.paths.dbPath = target;
    return { undo: async () => void (ctx.paths.dbPath = before) };
  });
}

/**
 * Whether this PC's own file can be gone back to: a data folder set up (on the server, from this PC) whose own
 * file has no account would open on the recovery screen, where nobody may switch back: refused instead.
 */
async function localIsUsable(ctx: Ctx, path: string): Promise<boolean> {
  if (!dataFolderWasSetUp(ctx.paths)) return true;
  if (!existsSync(path)) return false;
  const db = await openDatabase(path, { readonly: true });
  try {
    return (await countUsers(db)) > 0;
  } finally {
    await db.destroy();
  }
}

/** Said when an office already set up on this PC would go over to an empty server database. */
const MOVE_FIRST =
  'Kantor di komputer ini sudah berisi data dan akun; di server itu tidak ada akun, sehingga setelah pindah tidak ada yang dapat masuk. Pindahkan datanya dulu dengan bantuan admin TI: npm run cli -- migrate-to-server --from <berkas dinsos.sqlite> --to postgres://… (lihat README, bagian "Server kantor"), lalu hubungkan komputer ini.';

/** Said when an office set up on this PC would go over to a server office whose accounts are gone. */
const NO_ACCOUNTS_THERE =
  'Di server itu tidak ada lagi akun pengguna, sehingga setelah pindah tidak ada yang dapat masuk dan komputer ini hanya akan membuka layar pemulihan. Minta admin TI memulihkan data kantor di server itu lebih dulu (dari cadangan), lalu hubungkan komputer ini.';

/** Said when the saved server cannot be opened here and the one entered holds no office (no sign-in to go to). */
const NOT_THE_OFFICE = 'Basis data ini belum berisi kantor, sehingga tidak ada akun untuk masuk. Masukkan server kantor yang dipakai komputer ini sebelumnya (tanyakan alamat, nama basis data, pengguna dan sandinya kepada admin TI).';

/**
 * Why this server may not be gone over to, if it may not, in full sentences. A data folder set up (its office and
 * accounts are in this PC's file, or already on another server) going over to a server database without accounts
 * would open on the recovery screen, where nobody may sign in or switch back. A PC whose saved server cannot be
 * opened here (./unreadable.ts) may go only to an office: one whose accounts are gone is that office, to recover.
 * The wizard's first PC is not refused.
 */
function refusal(ctx: Ctx, found: ConnectionTest, database: string): string | null {
  if (found.state === 'kantor') return null;
  if (unreadableServer(ctx.paths)) return found.state === 'kosong' ? `Basis data "${database}" di server masih kosong. ${NOT_THE_OFFICE}` : null;
  if (!dataFolderWasSetUp(ctx.paths)) return null;
  return found.state === 'kosong'
    ? `Basis data "${database}" di server masih kosong. ${MOVE_FIRST}`
    : `Basis data "${database}" di server berisi kantor ${found.officeName ?? '(tanpa nama)'} tanpa akun pengguna. ${NO_ACCOUNTS_THERE}`;
}

export const connectionHandlers: FeatureHandlers<'connection'> = {
  async status(_input, ctx) {
    return info(ctx);
  },

  async test(input, ctx) {
    const found = await probeServer(input, ctx.paths.dataDir);
    const refused = refusal(ctx, found, input.database);
    return refused ? { ...found, blocked: true, message: `Koneksi berhasil, tetapi komputer ini tidak dapat pindah ke sana. ${refused}` } : found;
  },

  async save(choice, ctx) {
    if (isFixedTarget(ctx.paths)) {
      throw new AppError('CONFLICT', 'Basis data aplikasi ini ditentukan saat dijalankan (--db atau DINSOS_DB), sehingga tidak dapat diubah di sini.');
    }
    const session = ctx.session;
    let target: string;
    let stored: StoredConnection;
    let joined = null;
    if (choice.mode === 'lokal') {
      refuseLocalWhileUnreadable(ctx.paths);
      // The file "Satu komputer" always meant: untouched while the server was in use.
      target = join(ctx.paths.dataDir, 'dinsos.sqlite');
      stored = { mode: 'lokal' };
      if (target !== ctx.paths.dbPath && !(await localIsUsable(ctx, target))) {
        throw new AppError(
          'CONFLICT',
          'Kantor ini disiapkan langsung di server, sehingga basis data di komputer ini kosong. Kembali ke "Satu komputer" hanya akan membuka layar pemulihan. Tetap di Server kantor, atau pindahkan data dengan bantuan admin TI.',
        );
      }
    } else {
      const { mode: _mode, ...server } = choice;
      joined = await probeServer(server, ctx.paths.dataDir);
      const refused = refusal(ctx, joined, server.database);
      if (refused) throw new AppError('CONFLICT', refused);
      // Encrypted before switching: without protected storage nothing changes.
      stored = await storedServer(server, ctx.platform);
      target = serverUrl(server, ctx.paths.dataDir);
    }
    const db = target === ctx.paths.dbPath ? ctx.db : await switchTo(ctx, target);
    writeConnection(ctx.paths.dataDir, stored);
    await rememberServerOffice(db, ctx.paths);
    reconnected(ctx.paths);
    const { passwordCipher: _secret, ...after } = stored as StoredConnection & { passwordCipher?: string | null };
    await recordAudit(db, session, { action: 'connection.save', entity: 'database', entityId: null, after }, ctx.now());
    return { ...info(ctx), joined };
  },
};
