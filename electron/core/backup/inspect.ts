import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { BackupInfo } from '../../../shared/api/backup';
import { AppError } from '../api/errors';
import { APPLICATION_ID } from '../db/database';
import { migrationNames } from '../db/migrations';
import { integrityProblems, RawDb, tableNames } from './rawDb';

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
 * Checks a file before anything is restored from it: a SQLite file, whole (integrity_check), made by this app
 * (application id), with a schema history this version knows. Never writes to the file.
 */
export async function inspectBackup(path: string, fileName: string): Promise<BackupInfo> {
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
    const manifest = new Map<string, string>();
    if (tables.includes('backup_manifest')) {
      for (const r of await db.all<{ key: string; value: string }>('select key, value from backup_manifest')) manifest.set(r.key, r.value);
    }
    let officeName = manifest.get('office') || null;
    if (!officeName && tables.includes('office')) {
      const office = await db.get<{ profile_json: string }>('select profile_json from office where id = 1');
      try {
        officeName = office ? ((JSON.parse(office.profile_json) as { namaInstansi?: string }).namaInstansi ?? null) : null;
      } catch {
        officeName = null;
      }
    }
    const kind = manifest.get('kind');
    return {
      fileName,
      size,
      createdAt: manifest.get('created_at') ?? null,
      kind: kind === 'auto' || kind === 'manual' || kind === 'exit' ? kind : 'unknown',
      officeName,
      schemaVersion: applied.length,
      attachments: await count(db, tables, 'backup_file'),
      counts: {
        keluarga: await count(db, tables, 'keluarga'),
        anggota: await count(db, tables, 'anggota'),
        users: await count(db, tables, 'app_user'),
        audit: await count(db, tables, 'audit_log'),
      },
    };
  } finally {
    await db.close();
  }
}
