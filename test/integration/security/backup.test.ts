import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import sqlite3 from 'sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import { hashPassword } from '../../../electron/core/auth/password';
import { APPLICATION_ID } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import type { Database } from '../../../electron/core/db/schema';
import { Sqlite3Dialect } from '../../../electron/core/db/sqlite3-dialect';
import type { Core } from '../../../electron/core/app';
import type { JobStatus } from '../../../shared/api/jobs';
import type { BackupResult, StagedRestore } from '../../../shared/api/backup';
import { fail, kotimSetup, openTestCore, setUpOffice, ok, signedIn } from '../../helpers/core';
import { sqliteOnly } from '../../helpers/engines';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});


async function runJob<T>(c: Core, status: JobStatus): Promise<JobStatus<T>> {
  return (await c.services.jobs.wait(status.id)) as JobStatus<T>;
}

const operator = (username: string) => ({ nama: 'Budi Operator', username, role: 'operator', wilayah: ['62.02.01'], password: 'operator-kotim-1' });

function rawQuery<T>(path: string, q: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.all(q, (err: Error | null, rows: T[]) => db.close(() => (err ? reject(err) : resolve(rows))));
    });
  });
}

describe('backup and restore', () => {
  it.skipIf(sqliteOnly('the data kept aside as the database file it was, beside its attachments; the restore on the server: postgres/backupOnServer.test.ts'))('writes a verified backup with the attachments, and restores it: old data kept aside, app reopened, everyone signed out', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-cadangan-'));
    await ok(admin, 'backup.saveSettings', { folder, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
    await ok(admin, 'users.create', operator('budi'));
    mkdirSync(join(core.paths.attachmentsDir, 'intervensi'), { recursive: true });
    writeFileSync(join(core.paths.attachmentsDir, 'intervensi', 'foto-rumah.jpg'), Buffer.from('JPEG-bytes-1'));

    const job = await runJob<BackupResult>(core, await ok(admin, 'backup.runNow'));
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    const backupName = job.result!.fileName;
    expect(readdirSync(folder)).toEqual([backupName]); // no .part left behind
    const manifest = await rawQuery<{ key: string; value: string }>(join(folder, backupName), 'select key, value from backup_manifest');
    expect(manifest.find((m) => m.key === 'attachments')?.value).toBe('1');
    const appId = await rawQuery<{ application_id: number }>(join(folder, backupName), 'pragma application_id');
    expect(appId[0]?.application_id).toBe(0x4453444b);

    // Work after the backup that the restore will take back.
    await ok(admin, 'users.create', operator('sari'));
    writeFileSync(join(core.paths.attachmentsDir, 'intervensi', 'foto-rumah.jpg'), Buffer.from('changed'));
    writeFileSync(join(core.paths.attachmentsDir, 'baru.pdf'), Buffer.from('new'));

    const overview = await ok<{ backups: { fileName: string }[]; folderWarning: string | null }>(admin, 'backup.overview');
    expect(overview.backups.map((b) => b.fileName)).toEqual([backupName]);
    expect(overview.folderWarning).toMatch(/disk yang sama/); // the temp folder shares the data's disk
    const staged = await ok<StagedRestore>(admin, 'backup.stageFromFolder', { fileName: backupName });
    expect(staged.info.counts.users).toBe(2);
    // The staged backup is this admin's: another admin holding its token gets the answer of an unknown one.
    await ok(admin, 'users.create', { nama: 'Admin Dua', username: 'admin.dua', role: 'admin', wilayah: [], password: 'admin-dua-rahasia-01' });
    const otherAdmin = await signedIn(core, 'admin.dua', 'admin-dua-rahasia-01');
    expect(await fail(otherAdmin, 'backup.restore', { token: staged.token, confirm: true })).toMatchObject({ code: 'NOT_FOUND' });
    expect(staged.info.officeName).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
    // Sari's export waiting to be saved, and an upload of hers: owned by her user id, which the restored data
    // does not have (the next account made would get it).
    const sariId = (await core.db.selectFrom('app_user').select('id').where('username', '=', 'sari').executeTakeFirstOrThrow()).id;
    core.services.outbox.for({ userId: sariId }).put('Ekspor Sari.xlsx', 'application/octet-stream', Buffer.from('data sari'));
    writeFileSync(join(core.paths.dataDir, 'staging', 'e'.repeat(32)), 'unggahan sari');
    const restored = await ok<{ keptAsidePath: string }>(admin, 'backup.restore', { token: staged.token, confirm: true });
    expect(readdirSync(core.paths.outboxDir)).toEqual([]);
    expect(readdirSync(join(core.paths.dataDir, 'staging')).filter((f) => f !== 'incoming')).toEqual([]);

    // The caller (like every client) must sign in again on the restored data.
    const after = await admin.call('users.list', undefined);
    expect(after.ok ? 'ok' : after.error.code).toBe('UNAUTHENTICATED');
    const again = core.createClient();
    await ok(again, 'auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const users = await ok<{ username: string }[]>(again, 'users.list');
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'budi']);
    expect(readFileSync(join(core.paths.attachmentsDir, 'intervensi', 'foto-rumah.jpg'), 'utf8')).toBe('JPEG-bytes-1');
    expect(existsSync(join(core.paths.attachmentsDir, 'baru.pdf'))).toBe(false);

    // The data from before the restore is kept, not deleted.
    const aside = await rawQuery<{ username: string }>(restored.keptAsidePath, 'select username from app_user order by username');
    expect(aside.map((u) => u.username)).toEqual(['admin', 'admin.dua', 'budi', 'sari']);
    expect(readFileSync(join(restored.keptAsidePath, '..', 'lampiran', 'baru.pdf'), 'utf8')).toBe('new');
    // The backup's own tables are not part of the restored database; the restore itself is in the audit log.
    const tables = await rawQuery<{ name: string }>(core.paths.dbPath, "select name from sqlite_master where name like 'backup_%'");
    expect(tables).toEqual([]);
    const audit = await ok<{ rows: { action: string; note: string }[] }>(again, 'audit.list', { filter: { action: 'restore' } });
    expect(audit.rows[0]?.note).toContain(backupName);
  });

  it('refuses files that are not a whole Dinsos Desk backup, and changes nothing', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    const refuse = async (fileName: string, bytes: Uint8Array) => {
      const r = await admin.call('backup.stageUpload', { fileName, bytes });
      return r.ok ? 'accepted' : r.error.code;
    };
    expect(await refuse('catatan.dsbak', new TextEncoder().encode('bukan basis data'))).toBe('BACKUP_INVALID');

    // A SQLite database of another application.
    const foreign = join(mkdtempSync(join(tmpdir(), 'dinsos-asing-')), 'lain.sqlite');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(foreign, (e) => (e ? reject(e) : db.exec('create table t(x); insert into t values (1);', (err) => db.close(() => (err ? reject(err) : resolve())))));
    });
    expect(await refuse('lain.dsbak', readFileSync(foreign))).toBe('BACKUP_INVALID');

    // A real backup, then damaged in the middle.
    const file = await ok<JobStatus>(admin, 'backup.toFile');
    const done = await runJob<{ id: string }>(core, file);
    const good = readFileSync(core.services.outbox.get(done.result!.id).path);
    const damaged = Buffer.from(good);
    for (let i = 4096 * 2; i < Math.min(damaged.length, 4096 * 6); i++) damaged[i] = 0x5a;
    expect(await refuse('rusak.dsbak', damaged)).toMatch(/BACKUP_CORRUPT|BACKUP_INVALID|BACKUP_TAMPERED/);

    // From a newer app version: a migration this version does not know.
    const newer = join(mkdtempSync(join(tmpdir(), 'dinsos-baru-')), 'baru.dsbak');
    writeFileSync(newer, good);
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(newer, (e) => (e ? reject(e) : db.exec("insert into kysely_migration (name, timestamp) values ('9999_future', '2030-01-01')", (err) => db.close(() => (err ? reject(err) : resolve())))));
    });
    expect(await refuse('baru.dsbak', readFileSync(newer))).toBe('BACKUP_TOO_NEW');

    // A handover photo far above the 8 MB an upload may be, in the database or among the attachments' files:
    // refused before any of it is read whole (fingerprint, restore, the copy into a server).
    const bigPhoto = async (name: string, statement: string) => {
      const crafted = join(mkdtempSync(join(tmpdir(), 'dinsos-foto-')), name);
      writeFileSync(crafted, good);
      await new Promise<void>((resolve, reject) => {
        const db = new sqlite3.Database(crafted, (e) => (e ? reject(e) : db.exec(statement, (err) => db.close(() => (err ? reject(err) : resolve())))));
      });
      const r = await admin.call('backup.stageUpload', { fileName: name, bytes: readFileSync(crafted) });
      return r.ok ? 'accepted' : `${r.error.code}: ${r.error.message}`;
    };
    const nineMb = 9 * 1024 * 1024;
    expect(await bigPhoto('foto-besar.dsbak', `insert into penyerahan_foto_berkas (stored_name, data, thumb, dihapus_at) values ('${'a'.repeat(32)}.jpg', zeroblob(${nineMb}), null, null)`)).toBe(
      'BACKUP_INVALID: Cadangan "foto-besar.dsbak" memuat 1 foto penyerahan yang lebih besar dari batas 8 MB; foto seperti itu tidak pernah dibuat aplikasi ini, jadi berkas ini telah diubah. Cadangan ini tidak dipulihkan; pilih cadangan lain.',
    );
    expect(await bigPhoto('berkas-besar.dsbak', `create table if not exists backup_file (path text primary key, size integer not null, data blob not null); insert into backup_file values ('foto-penyerahan/${'b'.repeat(32)}.jpg', 10, zeroblob(${nineMb}))`)).toMatch(/^BACKUP_INVALID: .*memuat 1 foto penyerahan yang lebih besar dari batas 8 MB/);
    // At the limit it is a photo like any other (the backup then only lacks a matching fingerprint).
    expect(await bigPhoto('foto-8mb.dsbak', `insert into penyerahan_foto_berkas (stored_name, data, thumb, dihapus_at) values ('${'c'.repeat(32)}.jpg', zeroblob(${8 * 1024 * 1024}), null, null)`)).toMatch(/^BACKUP_TAMPERED/);

    // The good one is accepted and describes itself.
    const staged = await admin.call('backup.stageUpload', { fileName: 'cadangan.dsbak', bytes: good });
    expect(staged.ok && (staged.value as StagedRestore).info.counts.users).toBe(1);
    // Nothing was restored by any of this.
    expect((await ok<unknown[]>(admin, 'users.list')).length).toBe(1);
  });

  it('keeps the newest backup of each of the last N days and M months', async () => {
    const { backupsToRemove } = await import('../../../electron/core/backup/names');
    const names = [
      'dinsos-2026-11-23-170000-keluar.dsbak',
      'dinsos-2026-11-23-090000-otomatis.dsbak',
      'dinsos-2026-11-22-090000-otomatis.dsbak',
      'dinsos-2026-11-20-090000-otomatis.dsbak',
      'dinsos-2026-10-31-090000-otomatis.dsbak',
      'dinsos-2026-10-01-090000-otomatis.dsbak',
      'dinsos-2026-08-15-090000-otomatis.dsbak',
      'catatan-pribadi.txt',
    ];
    // Kept: 23 Nov 17:00 and 22 Nov (the last 2 days), 31 Oct and 15 Aug (newest of the 3 most recent months).
    expect(backupsToRemove(names, 2, 3).sort()).toEqual([
      'dinsos-2026-10-01-090000-otomatis.dsbak',
      'dinsos-2026-11-20-090000-otomatis.dsbak',
      'dinsos-2026-11-23-090000-otomatis.dsbak',
    ]);
  });

  it('a folder that cannot be created is refused when chosen, with the field named', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    // A "folder" below a plain file can never be created (like a drive letter that is a CD-ROM).
    const blocker = join(mkdtempSync(join(tmpdir(), 'dinsos-blok-')), 'berkas.txt');
    writeFileSync(blocker, 'x');
    const r = await admin.call('backup.saveSettings', { folder: join(blocker, 'cadangan'), keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/Folder tidak dapat dipakai/);
    expect(!r.ok && (r.error.details as { issues: { path: string }[] }).issues[0]?.path).toBe('folder');
  });

  it('a full disk or a read-only drive during the backup: clear message, no half-written file, data unchanged', async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'dinsos-kecil-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      console.warn('tmpfs cannot be mounted here (not root): the full-disk case is not exercised');
      return;
    }
    try {
      core = await openTestCore();
      const admin = await setUpOffice(core);
      await ok(admin, 'backup.saveSettings', { folder: mountPoint, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
      const full = await runJob(core, await ok(admin, 'backup.runNow'));
      expect(full.state).toBe('failed');
      expect(full.error?.code).toBe('FILE_WRITE_FAILED');
      expect(full.error?.message).toMatch(/disk penuh/);
      expect(readdirSync(mountPoint)).toEqual([]);

      execFileSync('mount', ['-o', 'remount,ro,size=64m', mountPoint]);
      const readonly = await runJob(core, await ok(admin, 'backup.runNow'));
      expect(readonly.state).toBe('failed');
      expect(readonly.error?.message).toMatch(/hanya-baca|tidak dapat ditulis/);
      // The app's own data is untouched and still works.
      expect((await ok<unknown[]>(admin, 'users.list')).length).toBe(1);
      const overview = await ok<{ lastBackup: { ok: boolean; message: string }; folderWarning: string | null }>(admin, 'backup.overview');
      expect(overview.lastBackup.ok).toBe(false);
      expect(overview.folderWarning).toBeNull(); // a separate (tmpfs) disk
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });

  it('a backup from an older version (fewer migrations) is restored and brought up to date', async () => {
    // An "old" database: only the first two migrations, one admin, an office.
    const oldPath = join(mkdtempSync(join(tmpdir(), 'dinsos-lama-')), 'lama.dsbak');
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(oldPath, (e) => (e ? reject(e) : resolve(d)));
    });
    const old = new Kysely<Database>({ dialect: new Sqlite3Dialect(raw) });
    await sql.raw(`pragma application_id = ${APPLICATION_ID}`).execute(old);
    const early = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0002_registry'));
    const migrated = await new Migrator({ db: old, provider: { getMigrations: async () => early } }).migrateToLatest();
    expect(migrated.error).toBeUndefined();
    const at = '2024-01-02T03:04:05.000Z';
    await old.insertInto('office').values({ id: 1, profile_json: JSON.stringify(kotimSetup().office), updated_at: at }).execute();
    await old.insertInto('app_user').values({ username: 'lama', nama: 'Admin Lama', role: 'admin', password_hash: await hashPassword('sandi-lama-2024'), created_at: at, updated_at: at }).execute();
    await old.destroy();

    core = await openTestCore();
    const admin = await setUpOffice(core);
    const staged = await ok<StagedRestore>(admin, 'backup.stageUpload', { fileName: 'lama.dsbak', bytes: readFileSync(oldPath) });
    expect(staged.info.schemaVersion).toBe(2);
    expect(staged.info.kind).toBe('unknown'); // a plain database copy, not written by the backup feature
    // Older backups carry no content SHA-256, and this one brings an admin account the data does not have:
    // both are shown, and the restore waits until the admin accepts exactly those.
    expect(staged.info.contentSha256).toBeNull();
    expect(staged.info.warnings.map((w) => w.code)).toEqual(['NO_FINGERPRINT', 'EXTRA_ACCOUNTS']);
    expect(staged.info.warnings[1]?.accounts).toEqual([{ username: 'lama', nama: 'Admin Lama', role: 'admin' }]);
    const refused = await admin.call('backup.restore', { token: staged.token, confirm: true, acceptWarnings: ['NO_FINGERPRINT'] });
    expect(refused.ok ? 'restored' : refused.error.code).toBe('RESTORE_NEEDS_CONFIRM');
    expect(!refused.ok && refused.error.message).toContain('lama (admin)');
    await ok(admin, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: ['NO_FINGERPRINT', 'EXTRA_ACCOUNTS'] });
    const client = core.createClient();
    await ok(client, 'auth.login', { username: 'lama', password: 'sandi-lama-2024' });
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(core.db);
    expect(applied.rows.length).toBe(Object.keys(migrations).length);
  }, 120_000); // on the office server the restore first keeps the server's data aside as a backup: 46 s on 2 busy cores
});
