import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { BackupInfo, RestoreWarning } from '../../../shared/api/backup';
import { uploadLimits } from '../../../shared/api/files';
import { AppError } from '../api/errors';
import { APPLICATION_ID } from '../db/database';
import { migrationNames } from '../db/migrations';
import { contentFingerprint } from './fingerprint';
import { integrityProblems, RawDb, tableNames } from './rawDb';
import { officeOf } from './write';

const SQLITE_MAGIC = 'SQLite format 3\0';

const notABackup = (fileName: string) =>
  new AppError('BACKUP_INVALID', `Berkas "${fileName}" bukan cadangan Dinsos Desk. Pilih berkas cadangan (.dsbak) yang dibuat aplikasi ini.`);

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    return n === 16 && header.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

async function count(db: RawDb, tables: string[], table: string): Promise<number> {
  if (!tables.includes(table)) return 0;
  const row = await db.get<{ n: number }>(`select count(*) as n from "${table}"`);
  return Number(row?.n ?? 0);
}

/**
 * Handover photos larger than an upload may be (8 MB): in the database (migration 0018 on) or as files of the
 * attachments folder (foto-penyerahan/, before it). The app never makes one; a hand-made backup could, and a
 * photo is read whole wherever it is used (shown as a data URL, copied into the office server).
 */
async function oversizedPhotos(db: RawDb, tables: string[]): Promise<number> {
  const max = uploadLimits.photo.maxBytes;
  let n = 0;
  // octet_length: bytes, also of a value stored as text (length() counts its characters); neither reads a blob.
  if (tables.includes('penyerahan_foto_berkas')) {
    n += Number((await db.get<{ n: number }>('select count(*) as n from penyerahan_foto_berkas where octet_length(data) > ? or coalesce(octet_length(thumb), 0) > ?', [max, max]))?.n ?? 0);
  }
  if (tables.includes('backup_file')) {
    // Where the restore puts the file (restore.ts safeJoin normalizes the path; on Windows '\\' separates too).
    const big = await db.all<{ path: string }>('select path from backup_file where octet_length(data) > ?', [max]);
    n += big.filter((r) => /^foto-penyerahan\//i.test(posix.normalize(String(r.path).replace(/\\/g, '/')))).length;
  }
  return n;
}

/**
 * Handover photos the backup records but carries no picture of: neither its bytes (migration 0018 on) nor its
 * file among the attachments (before). A PC whose attachments folder lost files backs them up that way; restored,
 * they stay listed without a picture, on this PC or on the server alike.
 */
async function photosWithoutPicture(db: RawDb, tables: string[]): Promise<{ count: number; names: string[] }> {
  if (!tables.includes('penyerahan_foto')) return { count: 0, names: [] };
  const lacks = [
    ...(tables.includes('penyerahan_foto_berkas') ? ['not exists (select 1 from penyerahan_foto_berkas b where b.stored_name = f.stored_name)'] : []),
    ...(tables.includes('backup_file') ? ["not exists (select 1 from backup_file x where x.path = 'foto-penyerahan/' || f.stored_name)"] : []),
  ];
  const where = lacks.length > 0 ? lacks.join(' and ') : '1 = 1';
  const count = Number((await db.get<{ n: number }>(`select count(*) as n from penyerahan_foto f where ${where}`))?.n ?? 0);
  const names = count === 0 ? [] : (await db.all<{ file_name: string }>(`select f.file_name from penyerahan_foto f where ${where} order by f.id limit 5`)).map((r) => r.file_name);
  return { count, names };
}

/** An account inside a backup (the hash only to check the recovering admin's password). */
export interface BackupAccount {
  username: string;
  nama: string;
  role: string;
  active: boolean;
  passwordHash: string;
}

export interface InspectedBackup {
  info: BackupInfo;
  accounts: BackupAccount[];
}

/**
 * Checks a file before anything is restored from it: a SQLite file, whole (integrity_check), made by this app
 * (application id), with a schema history this version knows, and — when its manifest records one — content
 * matching its SHA-256. Never writes to the file. `info.warnings` holds only what the file says about itself
 * (no SHA-256); `restoreWarnings` adds what depends on the current data.
 */
export async function inspectBackup(path: string, fileName: string): Promise<BackupInfo> {
  return (await inspectBackupFull(path, fileName)).info;
}

export async function inspectBackupFull(path: string, fileName: string): Promise<InspectedBackup> {
  const size = statSync(path).size;
  if (size === 0 || !hasSqliteHeader(path)) throw notABackup(fileName);
  let db: RawDb;
  try {
    db = await RawDb.open(path, 'readonly');
  } catch {
    throw notABackup(fileName);
  }
  try {
    let problems: string[];
    try {
      problems = await integrityProblems(db);
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    if (problems.length > 0) {
      throw new AppError('BACKUP_CORRUPT', `Berkas cadangan "${fileName}" rusak dan tidak dapat dipulihkan. Pilih cadangan lain (mis. yang lebih lama).`, { problems });
    }
    const appId = (await db.get<{ application_id: number }>('pragma application_id'))?.application_id ?? 0;
    const tables = await tableNames(db);
    if (appId !== APPLICATION_ID || !tables.includes('kysely_migration') || !tables.includes('app_user')) throw notABackup(fileName);
    const applied = (await db.all<{ name: string }>('select name from kysely_migration order by name')).map((r) => r.name);
    const unknown = applied.filter((n) => !migrationNames.includes(n));
    if (unknown.length > 0) {
      throw new AppError(
        'BACKUP_TOO_NEW',
        `Cadangan "${fileName}" dibuat oleh versi Dinsos Desk yang lebih baru. Pasang versi terbaru aplikasi untuk memulihkannya.`,
        { unknownMigrations: unknown },
      );
    }
    // Before the fingerprint, which reads every photo's bytes.
    const oversized = await oversizedPhotos(db, tables);
    if (oversized > 0) {
      throw new AppError(
        'BACKUP_INVALID',
        `Cadangan "${fileName}" memuat ${oversized} foto penyerahan yang lebih besar dari batas ${uploadLimits.photo.label}; foto seperti itu tidak pernah dibuat aplikasi ini, jadi berkas ini telah diubah. Cadangan ini tidak dipulihkan; pilih cadangan lain.`,
      );
    }
    const manifest = new Map<string, string>();
    if (tables.includes('backup_manifest')) {
      for (const r of await db.all<{ key: string; value: string }>('select key, value from backup_manifest')) manifest.set(r.key, r.value);
    }
    const recorded = manifest.get('content_sha256') || null;
    if (recorded && (await contentFingerprint(db)) !== recorded) {
      throw new AppError(
        'BACKUP_TAMPERED',
        `Isi cadangan "${fileName}" tidak cocok dengan sidik SHA-256 yang dicatat saat cadangan dibuat: berkas telah diubah atau rusak sesudahnya. Cadangan ini tidak dipulihkan; pilih cadangan lain.`,
      );
    }
    const office = await officeOf(db);
    const kind = manifest.get('kind');
    const warnings: RestoreWarning[] = recorded
      ? []
      : [{ code: 'NO_FINGERPRINT', message: 'Cadangan ini dibuat oleh versi lama Dinsos Desk tanpa sidik isi (SHA-256), sehingga tidak dapat dipastikan bahwa isinya belum diubah sejak dibuat. Pulihkan hanya jika Anda yakin asal berkas ini.' }];
    const pictureless = await photosWithoutPicture(db, tables);
    if (pictureless.count > 0) {
      const more = pictureless.count > pictureless.names.length ? `, dan ${(pictureless.count - pictureless.names.length).toLocaleString('id-ID')} lainnya` : '';
      warnings.push({
        code: 'PHOTOS_WITHOUT_PICTURE',
        message: `Cadangan ini mencatat ${pictureless.count.toLocaleString('id-ID')} foto penyerahan tanpa gambarnya (${pictureless.names.join(', ')}${more}): berkasnya sudah hilang dari folder lampiran sebelum cadangan dibuat. Setelah dipulihkan, foto itu tetap tercatat tetapi tidak dapat ditampilkan.`,
      });
    }
    const accounts = (await db.all<{ username: string; nama: string; role: string; active: number | null; password_hash: string }>('select * from app_user order by username')).map((u) => ({
      username: u.username,
      nama: u.nama,
      role: u.role,
      active: u.active !== 0,
      passwordHash: u.password_hash,
    }));
    const info: BackupInfo = {
      fileName,
      size,
      createdAt: manifest.get('created_at') ?? null,
      kind: kind === 'auto' || kind === 'manual' || kind === 'exit' ? kind : 'unknown',
      officeName: manifest.get('office') || office.name,
      officeKabKota: manifest.get('office_kabkota') || office.kabKotaKode,
      appVersion: manifest.get('app_version') || null,
      contentSha256: recorded,
      warnings,
      schemaVersion: applied.length,
      // Handover photos are kept in the database since migration 0018: they are the backup's attachments too.
      attachments: (await count(db, tables, 'backup_file')) + (await count(db, tables, 'penyerahan_foto_berkas')),
      counts: {
        keluarga: await count(db, tables, 'keluarga'),
        anggota: await count(db, tables, 'anggota'),
        users: accounts.length,
        audit: await count(db, tables, 'audit_log'),
      },
    };
    return { info, accounts };
  } finally {
    await db.close();
  }
}

/** What the restore would change about who may sign in and whose data this is, compared with the data now. */
export function restoreWarnings(
  inspected: InspectedBackup,
  current: { office: { name: string | null; kabKotaKode: string | null } | null; usernames: Set<string> | null },
): RestoreWarning[] {
  const warnings = [...inspected.info.warnings];
  const { info } = inspected;
  const here = current.office;
  if (here && (here.kabKotaKode || here.name)) {
    const otherCode = !!here.kabKotaKode && !!info.officeKabKota && here.kabKotaKode !== info.officeKabKota;
    const otherName = !here.kabKotaKode || !info.officeKabKota ? !!info.officeName && !!here.name && info.officeName !== here.name : false;
    if (otherCode || otherName || (!info.officeName && !info.officeKabKota)) {
      warnings.push({
        code: 'OTHER_OFFICE',
        message: `Cadangan ini milik kantor lain: ${info.officeName ?? 'tanpa nama kantor'}${info.officeKabKota ? ` (kode wilayah ${info.officeKabKota})` : ''}, sedangkan data di sini milik ${here.name ?? 'kantor ini'}${here.kabKotaKode ? ` (kode wilayah ${here.kabKotaKode})` : ''}. Seluruh data kantor ini akan diganti dengan data kantor tersebut.`,
      });
    }
  }
  if (current.usernames) {
    const extra = inspected.accounts.filter((a) => !current.usernames!.has(a.username));
    if (extra.length > 0) {
      warnings.push({
        code: 'EXTRA_ACCOUNTS',
        message: `Cadangan ini membawa ${extra.length} akun yang tidak ada di data sekarang; akun tersebut dapat masuk setelah pemulihan: ${extra.map((a) => `${a.username} (${a.role})`).join(', ')}.`,
        accounts: extra.map(({ username, nama, role }) => ({ username, nama, role })),
      });
    }
  }
  return warnings;
}
