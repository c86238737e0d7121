import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { SetupStatus } from '../../../shared/api/admin';
import type { StagedRestore } from '../../../shared/api/backup';
import type { PenyerahanDetail } from '../../../shared/api/handovers';
import type { Program } from '../../../shared/api/programs';
import type { JobStatus } from '../../../shared/api/jobs';
import { version } from '../../../package.json';
import { runCli } from '../../../electron/cli/run';
import { fail, kotimSetup, nullPlatform, ok, openTestCore, setUpOffice, signedIn } from '../../helpers/core';
import { RESOURCES } from '../../helpers/webApp';
import { sqliteOnly } from '../../helpers/engines';
import { handoverInput } from '../handovers/fixtures';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** Desktop and browser mode show the recovery screen; the CLI (the test helper's default platform) refuses. */
const withScreen = { ...nullPlatform, kind: 'web' as const };

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function open(dbPath?: string) {
  const core = await openTestCore({ platform: withScreen, ...(dbPath ? { dbPath } : {}) });
  cores.push(core);
  return core;
}

/** A backup file of the core's data, as "Unduh berkas cadangan" writes it. */
async function backupBytes(core: Core, admin: Parameters<typeof ok>[0]): Promise<Buffer> {
  const job = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
  return readFileSync(core.services.outbox.get(job.result!.id).path);
}

function sqliteExec(path: string, statements: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (e) => (e ? reject(e) : db.exec(statements, (err) => db.close(() => (err ? reject(err) : resolve())))));
  });
}

function sqliteAll<T>(path: string, q: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) => (e ? reject(e) : db.all(q, (err: Error | null, rows: T[]) => db.close(() => (err ? reject(err) : resolve(rows))))));
  });
}

const operator = (username: string) => ({ nama: 'Operator Uji', username, role: 'operator', wilayah: ['62.02.01'], password: 'operator-uji-12345' });
const palangkaRaya = { kabKotaKode: '62.71', namaInstansi: 'Dinas Sosial Kota Palangka Raya', kota: 'Palangka Raya' };

describe('backups say whose they are', () => {
  it('the manifest names the office, its kabupaten/kota code, the app version, the time and the content SHA-256; a hand-edited copy is refused', async () => {
    const core = await open();
    const admin = await setUpOffice(core);
    const bytes = await backupBytes(core, admin);
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-manifest-')), 'cadangan.dsbak');
    writeFileSync(file, bytes);
    const manifest = Object.fromEntries((await sqliteAll<{ key: string; value: string }>(file, 'select key, value from backup_manifest')).map((r) => [r.key, r.value]));
    expect(manifest).toMatchObject({ format: '2', office: 'Dinas Sosial Kabupaten Kotawaringin Timur', office_kabkota: '62.02', app_version: version, kind: 'manual' });
    expect(manifest.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(manifest.created_at!))).toBe(false);

    const staged = await ok<StagedRestore>(admin, 'backup.stageUpload', { fileName: 'cadangan.dsbak', bytes });
    expect(staged.info).toMatchObject({ officeKabKota: '62.02', appVersion: version, contentSha256: manifest.content_sha256, warnings: [] });

    // Someone opens the backup in a SQLite tool and adds an admin account of their own.
    const edited = join(mkdtempSync(join(tmpdir(), 'dinsos-ubah-')), 'cadangan.dsbak');
    copyFileSync(file, edited);
    const hash = (await sqliteAll<{ password_hash: string }>(file, "select password_hash from app_user where username = 'admin'"))[0]!.password_hash;
    await sqliteExec(edited, `insert into app_user (username, nama, role, password_hash, created_at, updated_at) values ('penyusup', 'Penyusup', 'admin', '${hash}', 'x', 'x')`);
    const refused = await fail(admin, 'backup.stageUpload', { fileName: 'cadangan.dsbak', bytes: readFileSync(edited) });
    expect(refused.code).toBe('BACKUP_TAMPERED');
    expect(refused.message).toMatch(/SHA-256/);
    // A changed attachment inside the backup is caught the same way.
    const photo = join(mkdtempSync(join(tmpdir(), 'dinsos-ubah-')), 'cadangan.dsbak');
    copyFileSync(file, photo);
    await sqliteExec(photo, "insert into backup_file values ('palsu.jpg', 1, x'00')");
    expect((await fail(admin, 'backup.stageUpload', { fileName: 'cadangan.dsbak', bytes: readFileSync(photo) })).code).toBe('BACKUP_TAMPERED');
  });

  it("another office's backup with accounts this data lacks: both shown, restore waits for exactly those, and the restored audit log records it", async () => {
    const other = await open();
    const pky = other.createClient();
    await ok(pky, 'admin.completeSetup', kotimSetup(palangkaRaya));
    await ok(pky, 'users.create', { ...operator('operator.pky'), wilayah: ['62.71.01'] });
    const bytes = await backupBytes(other, pky);

    const core = await open();
    const admin = await setUpOffice(core);
    const staged = await ok<StagedRestore>(admin, 'backup.stageUpload', { fileName: 'pky.dsbak', bytes });
    expect(staged.info.warnings.map((w) => w.code)).toEqual(['OTHER_OFFICE', 'EXTRA_ACCOUNTS']);
    expect(staged.info.warnings[0]!.message).toContain('Dinas Sosial Kota Palangka Raya (kode wilayah 62.71)');
    expect(staged.info.warnings[0]!.message).toContain('Dinas Sosial Kabupaten Kotawaringin Timur (kode wilayah 62.02)');
    expect(staged.info.warnings[1]!.accounts).toEqual([{ username: 'operator.pky', nama: 'Operator Uji', role: 'operator' }]);

    for (const accepted of [[], ['OTHER_OFFICE'], ['EXTRA_ACCOUNTS']] as const) {
      const r = await fail(admin, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: accepted });
      expect(r.code).toBe('RESTORE_NEEDS_CONFIRM');
      expect((r.details as { warnings: { code: string }[] }).warnings.length).toBe(2 - accepted.length);
    }
    expect((await ok<{ username: string }[]>(admin, 'users.list')).map((u) => u.username)).toEqual(['admin']); // nothing changed yet

    await ok(admin, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: ['OTHER_OFFICE', 'EXTRA_ACCOUNTS'] });
    const again = core.createClient();
    await ok(again, 'auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    const audit = await ok<{ rows: { action: string; note: string }[] }>(again, 'audit.list', { filter: { action: 'restore' } });
    expect(audit.rows[0]?.note).toMatch(/pky\.dsbak.*peringatan disetujui: OTHER_OFFICE, EXTRA_ACCOUNTS/);
  }, 120_000); // on the office server the restore first keeps the server's data aside as a backup: 30-60 s on 2 busy cores

  it('a backup recording handover photos it carries no picture of names them before the restore; accepted, they stay listed', async () => {
    const core = await open();
    const admin = await setUpOffice(core);
    const sembako = (await ok<Program[]>(admin, 'programs.list', { q: 'Sembako' }))[0]!;
    const h = await ok<PenyerahanDetail>(admin, 'handovers.create', handoverInput(sembako.id));
    // One photo with its bytes; one from before migration 0018 whose file left the attachments folder.
    const photo = (name: string, stored: string) => ({ penyerahan_id: h.id, penerima_id: null, file_name: name, stored_name: stored, mime: 'image/jpeg', size: 4, keterangan: null, created_at: '2026-05-08T03:00:00.000Z' });
    await core.db.insertInto('penyerahan_foto').values([photo('serah-terima-aula.jpg', `${'a'.repeat(32)}.jpg`), photo('serah-terima-desa-hanaut.jpg', `${'b'.repeat(32)}.jpg`)]).execute();
    await core.db.insertInto('penyerahan_foto_berkas').values({ stored_name: `${'a'.repeat(32)}.jpg`, data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), thumb: null, dihapus_at: null }).execute();
    const bytes = await backupBytes(core, admin);

    const staged = await ok<StagedRestore>(admin, 'backup.stageUpload', { fileName: 'kotim.dsbak', bytes });
    expect(staged.info.warnings.map((w) => w.code)).toEqual(['PHOTOS_WITHOUT_PICTURE']);
    expect(staged.info.warnings[0]!.message).toBe(
      'Cadangan ini mencatat 1 foto penyerahan tanpa gambarnya (serah-terima-desa-hanaut.jpg): berkasnya sudah hilang dari folder lampiran sebelum cadangan dibuat. Setelah dipulihkan, foto itu tetap tercatat tetapi tidak dapat ditampilkan.',
    );
    expect(await fail(admin, 'backup.restore', { token: staged.token, confirm: true })).toMatchObject({ code: 'RESTORE_NEEDS_CONFIRM' });

    await ok(admin, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: ['PHOTOS_WITHOUT_PICTURE'] });
    const again = await signedIn(core, 'admin', kotimSetup().admin.password);
    expect((await ok<PenyerahanDetail>(again, 'handovers.get', { id: h.id })).foto.map((f) => f.fileName).sort()).toEqual(['serah-terima-aula.jpg', 'serah-terima-desa-hanaut.jpg']);
  }, 120_000);
});

describe.skipIf(sqliteOnly('a database file gone or damaged in its data folder'))('a data folder that was set up never offers the setup wizard again', () => {
  it('database gone: no empty database is created, setup is refused, and only an admin of the backup can restore it', async () => {
    const first = await open();
    const admin = await setUpOffice(first);
    await ok(admin, 'users.create', operator('budi'));
    const bytes = await backupBytes(first, admin);
    const dbPath = first.paths.dbPath;
    await first.close();
    cores.splice(cores.indexOf(first), 1);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });

    // The command line has no recovery screen: it refuses, points to `restore`, and creates nothing.
    const info = await cli(['info', '--db', dbPath]);
    expect(info.code).toBe(3);
    expect(info.err).toMatch(/tidak ditemukan, padahal folder data ini sudah pernah dipakai[\s\S]*npm run cli -- restore/);
    expect(existsSync(dbPath)).toBe(false);

    const core = await open(dbPath);
    expect(existsSync(dbPath)).toBe(false); // the app did not create an empty one
    const visitor = core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true });
    expect((await fail(visitor, 'admin.completeSetup', kotimSetup())).code).toBe('UNAUTHENTICATED');
    expect(existsSync(dbPath)).toBe(false);

    const recover = (username: string, password: string) => visitor.call('backup.recover', { fileName: 'cadangan.dsbak', bytes, username, password });
    for (const [u, p] of [['admin', 'salah-sekali-ini'], ['budi', 'operator-uji-12345'], ['tidakada', 'rahasia-kotim-2024']] as const) {
      const r = await recover(u, p);
      expect(r.ok ? 'restored' : r.error.code, `${u}`).toBe('RECOVERY_DENIED');
    }
    expect(existsSync(dbPath)).toBe(false);
    const done = await recover('admin', 'rahasia-kotim-2024');
    expect(done.ok).toBe(true);
    expect(done.ok && (done.value as { keptAsidePath: string | null }).keptAsidePath).toBeNull();

    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: false });
    await ok(visitor, 'auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
    expect((await ok<{ username: string }[]>(visitor, 'users.list')).map((u) => u.username).sort()).toEqual(['admin', 'budi']);
    const audit = await ok<{ rows: { note: string }[] }>(visitor, 'audit.list', { filter: { action: 'restore' } });
    expect(audit.rows[0]?.note).toMatch(/pemulihan saat data hilang/);
    // Recovery is only for a folder that lost its data.
    expect((await fail(visitor, 'backup.recover', { fileName: 'cadangan.dsbak', bytes, username: 'admin', password: 'rahasia-kotim-2024' })).code).toBe('FORBIDDEN');
  });

  it('a damaged database: recovery instead of an error or the wizard, and the damaged file is kept aside as it was', async () => {
    const first = await open();
    const admin = await setUpOffice(first);
    const bytes = await backupBytes(first, admin);
    const dbPath = first.paths.dbPath;
    await first.close();
    cores.splice(cores.indexOf(first), 1);
    for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    rmSync(join(dbPath, '..', 'dinsos-data', 'terpasang.json')); // as an install from before the marker existed
    const garbage = Buffer.from('bukan basis data lagi: sektor disk rusak');
    writeFileSync(dbPath, garbage);

    expect((await cli(['info', '--db', dbPath])).code).toBe(3); // the CLI still refuses and points to restore
    const core = await open(dbPath);
    const visitor = core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true });
    expect((await fail(visitor, 'admin.completeSetup', kotimSetup())).code).toBe('UNAUTHENTICATED');
    expect(readFileSync(dbPath)).toEqual(garbage);
    const done = await ok<{ keptAsidePath: string | null }>(visitor, 'backup.recover', { fileName: 'cadangan.dsbak', bytes, username: 'admin', password: 'rahasia-kotim-2024' });
    expect(readFileSync(done.keptAsidePath!)).toEqual(garbage);
    await ok(visitor, 'auth.login', { username: 'admin', password: 'rahasia-kotim-2024' });
  });

  it('a database emptied of accounts in a set-up folder is recovery too, and a fresh folder still gets the wizard', async () => {
    const fresh = await open();
    expect(await ok<SetupStatus>(fresh.createClient(), 'admin.setupStatus')).toMatchObject({ needsSetup: true, needsRecovery: false });
    expect((await fail(fresh.createClient(), 'backup.recover', { fileName: 'x.dsbak', bytes: new Uint8Array([1]), username: 'admin', password: 'x' })).code).toBe('FORBIDDEN');

    const core = await open();
    await setUpOffice(core);
    await core.db.deleteFrom('app_user').execute();
    const visitor = core.createClient();
    expect(await ok<SetupStatus>(visitor, 'admin.setupStatus')).toMatchObject({ needsSetup: false, needsRecovery: true });
    expect((await fail(visitor, 'admin.completeSetup', kotimSetup())).code).toBe('UNAUTHENTICATED');
  });
});

describe.skipIf(sqliteOnly('the CLI restore into a database file (it reads the current owner from the file)'))('CLI restore', () => {
  it("shows another office's backup and restores it only when repeated with --setuju", async () => {
    const other = await open();
    const pky = other.createClient();
    await ok(pky, 'admin.completeSetup', kotimSetup(palangkaRaya));
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-cli-pky-')), 'pky.dsbak');
    writeFileSync(file, await backupBytes(other, pky));

    const core = await open();
    const admin = await setUpOffice(core);
    await ok(admin, 'users.create', operator('budi'));
    const dbPath = core.paths.dbPath;
    await core.close();
    cores.splice(cores.indexOf(core), 1);

    const refused = await cli(['restore', file, '--db', dbPath]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('Dinas Sosial Kota Palangka Raya (kode wilayah 62.71)');
    expect(refused.err).toContain('--setuju');
    const still = await open(dbPath);
    expect((await still.db.selectFrom('app_user').select('username').orderBy('username').execute()).map((u) => u.username)).toEqual(['admin', 'budi']);
    await still.close();
    cores.splice(cores.indexOf(still), 1);

    const done = await cli(['restore', file, '--setuju', '--db', dbPath]);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    const after = await open(dbPath);
    expect((await after.db.selectFrom('app_user').select('username').execute()).map((u) => u.username)).toEqual(['admin']);
    const office = await after.db.selectFrom('office').select('profile_json').executeTakeFirstOrThrow();
    expect(JSON.parse(office.profile_json).kabKotaKode).toBe('62.71');
  });
});
