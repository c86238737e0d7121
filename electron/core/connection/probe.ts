/**
 * "Uji koneksi": connects to an office server and says, in words an admin can act on, what is wrong or what the
 * database holds. Nothing is created, migrated or written.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { ConnectionTest, ServerConnection } from '../../../shared/api/connection';
import { AppError } from '../api/errors';
import { databaseWasSetUp, readOfficeProfile } from '../admin';
import { openDatabase } from '../db/database';
import { isConnectionLost } from '../db/connectionLost';
import { certificateRefusal, pgConnectionString } from '../db/tls';
import { countUsers } from '../users';
import { serverUrl } from './settings';

const CONNECT_TIMEOUT_MS = 8_000;

/** Why a connection attempt failed, as the admin is told it. */
function explain(error: unknown, c: ServerConnection): AppError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  const where = `${c.host}:${c.port}`;
  const untrusted = certificateRefusal(error, where);
  if (untrusted) return untrusted;
  if (code === '28P01' || code === '28000' || /password|SASL|SCRAM/i.test(text)) {
    return new AppError('SERVER_AUTH', `Server menolak pengguna "${c.user}" atau sandinya. Periksa nama pengguna dan sandi basis data.`);
  }
  if (code === '3D000') {
    return new AppError('SERVER_NO_DATABASE', `Basis data "${c.database}" tidak ada di server ${where}. Buat dulu di server (lihat README, bagian "Server kantor"), atau periksa ejaannya.`);
  }
  if (/does not support SSL/i.test(text)) {
    return new AppError('SERVER_TLS', `Server ${where} tidak mendukung TLS. Matikan "Gunakan TLS", atau aktifkan SSL di server.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('SERVER_UNREACHABLE', `Alamat server "${c.host}" tidak dikenal di jaringan ini. Periksa ejaan nama komputer atau pakai alamat IP-nya.`);
  }
  if (isConnectionLost(error) || /timeout/i.test(text)) {
    return new AppError('SERVER_UNREACHABLE', `Server ${where} tidak dapat dihubungi. Periksa alamat dan port, bahwa PostgreSQL berjalan di server, dan bahwa firewall membuka port ${c.port}.`);
  }
  return new AppError('SERVER_FAILED', `Koneksi ke server ${where} gagal: ${text || 'alasan tidak diketahui'}.`);
}

/** Connects once with the given settings; throws the explained failure. */
async function connectOnce(c: ServerConnection, url: string) {
  const client = new pg.Client({ connectionString: pgConnectionString(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explain(error, c);
  }
  await client.end().catch(() => undefined);
}

/**
 * Tests a server: reachable, the user and password accepted, the database there, ours (or empty) and not
 * written by a newer version; then whether it already holds an office (this PC will join it) or not yet.
 */
export async function probeServer(c: ServerConnection, dataDir: string): Promise<ConnectionTest> {
  const url = serverUrl(c, dataDir);
  await connectOnce(c, url);
  // Whose database it is and its schema history, as opening it at start checks them (DB_FOREIGN, DB_TOO_NEW).
  const db = await openDatabase(url, { migrate: false });
  try {
    const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name = 'kysely_migration'`.execute(db);
    if (Number(tables.rows[0]?.n ?? 0) === 0) {
      return { state: 'kosong', officeName: null, message: 'Koneksi berhasil. Basis data ini masih kosong: kantor baru akan dibuat di server ini.' };
    }
    const [users, office, setUp] = await Promise.all([countUsers(db), readOfficeProfile(db), databaseWasSetUp(db)]);
    const officeName = office?.profile.namaInstansi ?? null;
    if (users > 0) {
      return { state: 'kantor', officeName, message: `Koneksi berhasil. Server ini sudah berisi kantor ${officeName ?? '(tanpa nama)'}: komputer ini akan bergabung dengan kantor ${officeName ?? 'itu'}.` };
    }
    if (setUp) {
      return {
        state: 'tanpaAkun',
        officeName,
        message: `Koneksi berhasil. Server ini berisi kantor ${officeName ?? '(tanpa nama)'} yang sudah diatur, tetapi tidak ada lagi akun pengguna di dalamnya: setelah tersambung, data kantor perlu dipulihkan dari cadangan dengan akun admin yang ada di cadangan itu.`,
      };
    }
    return { state: 'kosong', officeName, message: 'Koneksi berhasil. Basis data ini belum punya akun: pengaturan awal kantor dilanjutkan di server ini.' };
  } finally {
    await db.destroy().catch(() => undefined);
  }
}
