/**
 * The app's own backup on an office server (PostgreSQL, issue 18): the same file and manifest as a one-PC
 * office's, made from one snapshot of the server and restored into it in one transaction; a backup of either
 * engine restores into the other. A restore that fails (a forged file, a copy that does not match, the server
 * gone mid-way) leaves the server's data as it was.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeProfileSchema, type Office } from '../../../shared/api/admin';
import type { StagedRestore } from '../../../shared/api/backup';
import type { Foto, PenyerahanDetail, PenyerahanSummary } from '../../../shared/api/handovers';
import type { JobStatus } from '../../../shared/api/jobs';
import type { KeluargaDetail } from '../../../shared/api/registry';
import { openCore, type Core } from '../../../electron/core/app';
import type { AppError } from '../../../electron/core/api/errors';
import { inspectBackup, inspectBackupFull } from '../../../electron/core/backup/inspect';
import { restoreOffline } from '../../../electron/core/backup/offline';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { CLI_SESSION } from '../../../electron/core/auth';
import { dailyBackupDue, startBackupScheduler } from '../../../electron/core/backup/scheduler';
import { writeBackupSettings } from '../../../electron/core/backup/settings';
import { thisPc } from '../../../electron/core/backup/thisPc';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { copyPlan, tableChecksum, type TableCopy } from '../../../electron/core/db/tableCopy';
import { fillDemo, type DemoCall } from '../../../electron/core/demo/fill';
import { fail, kotimSetup, nullPlatform, ok } from '../../helpers/core';
import { asOldPhotoFile } from '../../helpers/oldPhotoFile';
import { uploadingClients } from '../../helpers/uploads';
import { RESOURCES } from '../../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../../support/postgres';

// CI installs PostgreSQL (.ci/run): there a missing server is a failure, not a skip.
const run = hasPostgres || process.env.CI === 'true';
const TODAY = '2026-05-08';
const PASSWORD = kotimSetup().admin.password;
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
const PNG_URL = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
/** The same picture with a trailing byte: a photo whose bytes came from its file, not from the database. */
const OLD_PNG = Uint8Array.from([...PNG, 0]);
const palangkaRaya = { kabKotaKode: '62.71', namaInstansi: 'Dinas Sosial Kota Palangka Raya', kota: 'Palangka Raya' };

type Client = ReturnType<Core['createClient']>;

/** A one-PC office's database file (whichever engine the run's own test databases are on). */
const oneOfficeFile = () => join(mkdtempSync(join(tmpdir(), 'dinsos-satu-')), 'dinsos.sqlite');

/** Every table's rows and checksum (the copy's own measure, the same on both engines): what "equal" is checked by. */
async function contents(target: string): Promise<Map<string, TableCopy>> {
  const db = await openDatabase(target);
  try {
    const out = new Map<string, TableCopy>();
    for (const p of await copyPlan(db, db)) out.set(p.name, await tableChecksum(db, p, 5000));
    return out;
  } finally {
    await db.destroy();
  }
}

/** Equal in every table but the audit log, which gains the restore's own entry. */
function expectSameOffice(got: Map<string, TableCopy>, want: Map<string, TableCopy>) {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [name, table] of want) if (name !== 'audit_log') expect(got.get(name), name).toEqual(table);
  expect(got.get('audit_log')!.rows).toBe(want.get('audit_log')!.rows + 1);
}

/** Files under a folder with their bytes, by relative path. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name)).toString('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** The handover's first photo as the photo viewer shows it. */
async function photoShown(client: ReturnType<Core['createClient']>, handover: PenyerahanDetail): Promise<string> {
  return (await ok<{ dataUrl: string }>(client, 'handovers.photo', { id: handover.foto[0]!.id })).dataUrl;
}

function sqliteMaxId(path: string, table: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (e) =>
      e ? reject(e) : db.get<{ n: number }>(`select max(id) as n from ${table}`, (err, row) => db.close(() => (err ? reject(err) : resolve(Number(row?.n ?? 0))))),
    );
  });
}

function sqliteExec(path: string, statements: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, (e) => (e ? reject(e) : db.exec(statements, (err) => db.close(() => (err ? reject(err) : resolve())))));
  });
}

describe.runIf(run)("the app's own backup on the office server (PostgreSQL)", () => {
  let pg: PgCluster;
  const cores: Core[] = [];
  /** PC A of the demo office on the server: data filled through the app, a handover with its BAST and a photo. */
  let server: Core;
  let serverUrl: string;
  let admin: Client;
  let handover: PenyerahanDetail;
  let keluarga: KeluargaDetail;
  let backup: Buffer;
  let atBackup: Map<string, TableCopy>;

  async function pc(dbPath: string): Promise<Core> {
    const core: Core = uploadingClients(
      await openCore({ dbPath, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform }),
      () => core.paths.dataDir,
    );
    cores.push(core);
    return core;
  }

  async function signIn(core: Core, username = 'admin', password = PASSWORD): Promise<Client> {
    const client = core.createClient();
    await ok(client, 'auth.login', { username, password });
    return client;
  }

  async function backupOf(client: Client, core: Core): Promise<Buffer> {
    const job = (await core.services.jobs.wait((await ok<JobStatus>(client, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    expect(job.error ?? null).toBeNull();
    return readFileSync(core.services.outbox.get(job.result!.id).path);
  }

  /** Stages and restores `bytes` as the admin does in Pengaturan › Cadangan, accepting what it warns of. */
  async function restoreAs(client: Client, bytes: Buffer, fileName = 'cadangan.dsbak') {
    const staged = await ok<StagedRestore>(client, 'backup.stageUpload', { fileName, bytes });
    return ok<{ keptAsidePath: string }>(client, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: staged.info.warnings.map((w) => w.code) });
  }

  beforeAll(async () => {
    pg = await startPostgres();
    serverUrl = await pg.createDatabase('kantor');
    server = await pc(serverUrl);
    const first = server.createClient();
    const call: DemoCall = (name, input) =>
      first.call(name as string, name === 'admin.completeSetup' ? { ...kotimSetup(), admin: { ...(input as { admin: object }).admin, password: PASSWORD } } : input);
    const profile: Office = { ...officeProfileSchema.parse(kotimSetup().office), kopPemerintah: '', provinsiNama: 'Kalimantan Tengah', kabKotaNama: 'Kotawaringin Timur', updatedAt: `${TODAY}T00:00:00.000Z` };
    await fillDemo({ call, regions: await server.services.regions(), office: profile, admin: { nama: 'Siti Rahmawati', username: 'admin' }, today: TODAY });
    admin = await signIn(server);
    const first_ = (await ok<PenyerahanSummary[]>(admin, 'handovers.list', {}))[0]!;
    await ok(admin, 'handovers.print', { penyerahanId: first_.id, kind: 'bast' });
    await ok(admin, 'handovers.addPhoto', { penyerahanId: first_.id, keterangan: 'Penyerahan sembako', file: { fileName: 'IMG_2026.png', bytes: PNG } });
    handover = await ok<PenyerahanDetail>(admin, 'handovers.get', { id: first_.id });
    keluarga = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: handover.penerima[0]!.orang.keluargaId });
    atBackup = await contents(serverUrl);
    backup = await backupOf(admin, server);
  }, 300_000);
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
    await pg?.stop();
  });

  it('"Unduh cadangan" on the server writes the same file and manifest as a one-PC office, with the photo inside', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-cadangan-')), 'server.dsbak');
    writeFileSync(file, backup);
    const info = await inspectBackup(file, 'server.dsbak');
    // The photo is in the server's database (issue 18), so in the backup's, and counted as its one attachment.
    expect(info).toMatchObject({ kind: 'manual', officeName: 'Dinas Sosial Kabupaten Kotawaringin Timur', officeKabKota: '62.02', warnings: [], attachments: 1 });
    expect(atBackup.get('penyerahan_foto_berkas')!.rows).toBe(1);
    expect(info.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.counts).toMatchObject({ keluarga: atBackup.get('keluarga')!.rows, anggota: atBackup.get('anggota')!.rows, users: atBackup.get('app_user')!.rows, audit: atBackup.get('audit_log')!.rows });
    // The backup's database holds exactly what the server held: every table, row for row.
    const inside = join(file, '..', 'isi.sqlite');
    writeFileSync(inside, backup);
    await sqliteExec(inside, 'drop table backup_file; drop table backup_manifest;');
    const copied = await contents(inside);
    expect(copied).toEqual(atBackup);
  });

  it('a server backup restores into a one-PC office: the families, the BAST number, the audit log and the photo', async () => {
    const office = await pc(oneOfficeFile());
    const own = office.createClient();
    await ok(own, 'admin.completeSetup', kotimSetup());
    const { keptAsidePath } = await restoreAs(own, backup);
    expect(existsSync(keptAsidePath)).toBe(true);
    expectSameOffice(await contents(office.paths.dbPath), atBackup);
    expect((await fail(own, 'registry.list', { q: '' })).code).toBe('UNAUTHENTICATED'); // signed out, as every restore does
    const again = await signIn(office);
    expect(await ok(again, 'registry.keluarga', { id: keluarga.id })).toEqual(keluarga);
    const restored = await ok<PenyerahanDetail>(again, 'handovers.get', { id: handover.id });
    expect(restored.nomorBast).toBe(handover.nomorBast);
    expect(restored.nomorBast).toBeTruthy();
    expect(await photoShown(again, handover)).toBe(PNG_URL);
    const audit = await ok<{ rows: { action: string; note: string }[] }>(again, 'audit.list', { filter: { action: 'restore' } });
    expect(audit.rows[0]?.note).toContain('Dipulihkan dari cadangan.dsbak');
  }, 240_000);

  it('a server backup restores into another office server; the data there before is kept aside as an app backup, and the admin signs in again', async () => {
    const url = await pg.createDatabase('kantor_baru');
    const other = await pc(url);
    const own = other.createClient();
    await ok(own, 'admin.completeSetup', kotimSetup());
    await ok(own, 'users.create', { nama: 'Operator Lama', username: 'operator.lama', role: 'operator', wilayah: ['62.02.01'], password: 'operator-lama-12345' });
    const before = await contents(url);
    const { keptAsidePath } = await restoreAs(own, backup);

    expectSameOffice(await contents(url), atBackup);
    expect(keptAsidePath.startsWith(join(other.paths.dataDir, 'sebelum-pulih'))).toBe(true);
    const kept = await inspectBackup(keptAsidePath, 'sebelum-pulih.dsbak');
    expect(kept.counts).toMatchObject({ users: 2, keluarga: before.get('keluarga')!.rows, audit: before.get('audit_log')!.rows });
    expect((await fail(own, 'registry.list', { q: '' })).code).toBe('UNAUTHENTICATED');
    // The restored accounts are the backup's: the account only the old data had is gone.
    expect((await fail(other.createClient(), 'auth.login', { username: 'operator.lama', password: 'operator-lama-12345' })).code).toBe('LOGIN_FAILED');
    const again = await signIn(other);
    expect((await ok<PenyerahanDetail>(again, 'handovers.get', { id: handover.id })).nomorBast).toBe(handover.nomorBast);
    expect(await photoShown(again, handover)).toBe(PNG_URL);
    const audit = await ok<{ rows: { action: string; note: string }[] }>(again, 'audit.list', { filter: { action: 'restore' } });
    expect(audit.rows[0]?.note).toContain(`data sebelumnya disimpan di ${keptAsidePath}`);
    // New rows continue past the restored ids (the identity counters were moved on).
    await ok(again, 'users.create', { nama: 'Operator Baru', username: 'operator.baru', role: 'operator', wilayah: ['62.02.01'], password: 'operator-baru-12345' });
  }, 240_000);

  it("a one-PC office's backup restores into the server, with its photos kept as files brought into the database", async () => {
    const office = await pc(oneOfficeFile());
    const own = office.createClient();
    await ok(own, 'admin.completeSetup', kotimSetup());
    await restoreAs(own, backup);
    const sqliteAdmin = await signIn(office);
    await ok(sqliteAdmin, 'users.create', { nama: 'Operator Satu', username: 'operator.satu', role: 'operator', wilayah: ['62.02.01'], password: 'operator-satu-12345' });
    // A photo as a version before migration 0018 stored it: a file in lampiran/, no bytes in the database.
    const old = await ok<Foto>(sqliteAdmin, 'handovers.addPhoto', { penyerahanId: handover.id, file: { fileName: 'IMG_LAMA.png', bytes: PNG } });
    await asOldPhotoFile(office.db, office.paths.attachmentsDir, old.id, OLD_PNG);
    const atSqliteBackup = await contents(office.paths.dbPath);
    const fromSqlite = await backupOf(sqliteAdmin, office);

    const url = await pg.createDatabase('kantor_dari_satu');
    const target = await pc(url);
    await ok(target.createClient(), 'admin.completeSetup', kotimSetup());
    await restoreAs(await signIn(target), fromSqlite, 'satu-pc.dsbak');
    const restored = await contents(url);
    expectSameOffice(new Map([...restored].filter(([name]) => name !== 'penyerahan_foto_berkas')), new Map([...atSqliteBackup].filter(([name]) => name !== 'penyerahan_foto_berkas')));
    expect(restored.get('penyerahan_foto_berkas')!.rows).toBe(atSqliteBackup.get('penyerahan_foto_berkas')!.rows + 1);
    await signIn(target, 'operator.satu', 'operator-satu-12345');
    // Another PC of the server, with nothing in its own folder, shows both photos.
    const pcB = await pc(url);
    const clerk = await signIn(pcB);
    const foto = (await ok<PenyerahanDetail>(clerk, 'handovers.get', { id: handover.id })).foto;
    expect(foto.map((f) => f.fileName)).toEqual(['IMG_2026.png', 'IMG_LAMA.png']);
    expect((await ok<{ dataUrl: string }>(clerk, 'handovers.photo', { id: foto[1]!.id })).dataUrl).toBe(`data:image/png;base64,${Buffer.from(OLD_PNG).toString('base64')}`);
    expect(await photoShown(clerk, handover)).toBe(PNG_URL);
  }, 240_000);

  it("a save another PC makes while the server's data is kept aside waits for the restore and lands on the restored data, instead of being in neither", async () => {
    const url = await pg.createDatabase('kantor_sibuk');
    const target = await pc(url);
    await ok(target.createClient(), 'admin.completeSetup', kotimSetup());
    const pcB = await pc(url);
    const clerkB = await signIn(pcB);
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-sibuk-')), 'cadangan.dsbak');
    writeFileSync(file, backup);
    /** PC B's save, made once the restoring PC has kept the server's data aside. */
    let save: Promise<unknown> | null = null;
    let saved = false;
    const waitingForALock = async () => {
      while (!saved) {
        const rows = await pg.query<{ n: string }>("select count(*) as n from pg_locks l join pg_class c on c.oid = l.relation where not l.granted and c.relname = 'app_user'", 'kantor_sibuk');
        if (Number(rows[0]!.n) > 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const { keptAsidePath } = await restoreBackup(file, 'cadangan.dsbak', target.paths, target.services.reopen, new Date(), {
      afterKeptAside: async () => {
        save = ok(clerkB, 'users.create', { nama: 'Operator Sibuk', username: 'operator.sibuk', role: 'operator', wilayah: ['62.02.01'], password: 'operator-sibuk-12345' }).finally(() => (saved = true));
        // Saved at once (no table held), or waiting for the restore's hold on the accounts.
        await Promise.race([save, waitingForALock()]);
      },
    });
    await save;

    const onServer = await pg.query<{ username: string }>("select username from app_user where username = 'operator.sibuk'", 'kantor_sibuk');
    const keptAside = (await inspectBackupFull(keptAsidePath, 'sebelum-pulih.dsbak')).accounts.map((a) => a.username);
    // Not lost: PC B's account is on the restored server (it waited), never only in neither place.
    expect(onServer.length + (keptAside.includes('operator.sibuk') ? 1 : 0)).toBeGreaterThan(0);
    expect(onServer).toHaveLength(1);
    // The rest is the backup's: the restore itself went through.
    expect((await contents(url)).get('keluarga')).toEqual(atBackup.get('keluarga'));
    await signIn(pcB, 'operator.sibuk', 'operator-sibuk-12345');
  }, 240_000);

  it("the command line's restore (no app open) on the server shows the backup's extra accounts and restores only once they are accepted", async () => {
    const url = await pg.createDatabase('kantor_cli');
    const target = await pc(url);
    // The server's admin is 'kepala': the backup's 'admin' would be an account the server lacks.
    await ok(target.createClient(), 'admin.completeSetup', { ...kotimSetup(), admin: { ...kotimSetup().admin, username: 'kepala' } });
    await target.close();
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-cli-')), 'cadangan.dsbak');
    writeFileSync(file, backup);
    const where = { dbPath: url, dataDir: target.paths.dataDir, resourcesDir: RESOURCES };
    const before = await contents(url);
    const refused = (await restoreOffline(file, where, CLI_SESSION, new Date(), { acceptWarnings: [] }).catch((e: unknown) => e)) as AppError;
    expect(refused.code).toBe('RESTORE_NEEDS_CONFIRM');
    expect((refused.details as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(['EXTRA_ACCOUNTS']);
    expect(await contents(url)).toEqual(before);
    const done = await restoreOffline(file, where, CLI_SESSION, new Date(), { acceptWarnings: ['EXTRA_ACCOUNTS'] });
    expect(done.keptAsidePath.startsWith(join(target.paths.dataDir, 'sebelum-pulih'))).toBe(true);
    expectSameOffice(await contents(url), atBackup);
  }, 240_000);

  describe('a restore that fails leaves the server as it was', () => {
    let url: string;
    let target: Core;
    let targetAdmin: Client;
    let before: Map<string, TableCopy>;
    let file: string;

    beforeAll(async () => {
      url = await pg.createDatabase('kantor_gagal');
      target = await pc(url);
      targetAdmin = target.createClient();
      await ok(targetAdmin, 'admin.completeSetup', kotimSetup());
      mkdirSync(target.paths.attachmentsDir, { recursive: true });
      writeFileSync(join(target.paths.attachmentsDir, 'lama.txt'), 'lampiran lama');
      before = await contents(url);
      file = join(mkdtempSync(join(tmpdir(), 'dinsos-gagal-')), 'cadangan.dsbak');
      writeFileSync(file, backup);
    }, 180_000);

    const unchanged = async () => {
      expect(await contents(url)).toEqual(before);
      expect(files(target.paths.attachmentsDir)).toEqual({ 'lama.txt': Buffer.from('lampiran lama').toString('hex') });
    };
    const restore = (path: string, beforeVerify?: (trx: Db) => Promise<void>) =>
      restoreBackup(path, 'cadangan.dsbak', target.paths, target.services.reopen, new Date(), { beforeVerify }).then(
        (): AppError => {
          throw new Error('the restore was expected to fail');
        },
        (e: unknown) => e as AppError,
      );

    it('a forged backup (a row changed after it was written) is refused', async () => {
      const forged = join(file, '..', 'palsu.dsbak');
      writeFileSync(forged, backup);
      await sqliteExec(forged, "update keluarga set alamat = 'Jl. Palsu 1' where id = (select min(id) from keluarga)");
      expect((await restore(forged)).code).toBe('BACKUP_TAMPERED');
      await unchanged();
    });

    it('a copy that does not read back the same is rolled back', async () => {
      const error = await restore(file, async (trx) => {
        await sql`update keluarga set alamat = alamat || ' ' where id = (select min(id) from keluarga)`.execute(trx);
      });
      expect(error.code).toBe('RESTORE_FAILED');
      expect(error.message).toContain('Pemeriksaan tabel keluarga gagal');
      expect(error.message).toContain('data di server tidak diubah');
      await unchanged();
    }, 180_000);

    it('the server stopping in the middle of the copy rolls it back', async () => {
      const error = await restore(file, async () => {
        pg.pause();
      });
      pg.resume();
      expect(error.code).toBe('RESTORE_FAILED');
      expect(error.message).toContain('data di server tidak diubah');
      await unchanged();
      // The app is back on the server once it is.
      await signIn(target);
    }, 240_000);

    it('a failed restore of a backup with a shorter history leaves the numbering of new rows as it was', async () => {
      // The server's history runs past the backup's: the restore moves the audit_log numbering back, then fails.
      const backupMax = await sqliteMaxId(file, 'audit_log');
      await pg.query(`insert into audit_log (id, at, action, entity) select g, '2026-05-08T00:00:00.000Z', 'uji', 'uji' from generate_series((select max(id) + 1 from audit_log), ${backupMax + 50}) g`, 'kantor_gagal');
      await pg.query(`select setval(pg_get_serial_sequence('audit_log', 'id'), (select max(id) from audit_log))`, 'kantor_gagal');
      before = await contents(url);
      const error = await restore(file, async (trx) => {
        await sql`update keluarga set alamat = alamat || ' ' where id = (select min(id) from keluarga)`.execute(trx);
      });
      expect(error.code).toBe('RESTORE_FAILED');
      await unchanged();
      // Signing in writes history: with the numbering left at the backup's, its id was one the server already had.
      await signIn(target);
      const [last] = await pg.query<{ action: string; id: number }>(`select action, id from audit_log order by id desc limit 1`, 'kantor_gagal');
      expect(last).toMatchObject({ action: 'login' });
      expect(Number(last!.id)).toBeGreaterThan(backupMax + 50);
    }, 240_000);

    it("another office's backup is refused until the admin accepts that warning, as on one PC", async () => {
      const pky = await pc(await pg.createDatabase('kantor_pky'));
      const pkyAdmin = pky.createClient();
      await ok(pkyAdmin, 'admin.completeSetup', kotimSetup(palangkaRaya));
      const bytes = await backupOf(pkyAdmin, pky);
      const client = await signIn(target);
      const staged = await ok<StagedRestore>(client, 'backup.stageUpload', { fileName: 'pky.dsbak', bytes });
      expect(staged.info.warnings.map((w) => w.code)).toEqual(['OTHER_OFFICE']);
      const signedIn = await contents(url); // the sign-in is in the audit log now
      expect((await fail(client, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: [] })).code).toBe('RESTORE_NEEDS_CONFIRM');
      expect(await contents(url)).toEqual(signedIn);
    }, 180_000);
  });

  it('the daily backup runs on the PC where the chosen folder is, once for the office; another PC leaves it', async () => {
    const url = await pg.createDatabase('kantor_harian');
    const pcA = await pc(url);
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    const pcB = await pc(url);
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-harian-'));
    const elsewhere = join(folder, 'flashdisk-di-pc-lain');
    await writeBackupSettings(pcA.db, { folder: elsewhere, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true }, thisPc(pcA.paths));
    // A folder that is not on this PC (another PC's flashdisk) is not created here.
    expect(await dailyBackupDue(pcB.services)).toBe(false);
    expect(await pcB.backupOnExit()).toBeNull();
    expect(existsSync(elsewhere)).toBe(false);

    await writeBackupSettings(pcA.db, { folder, keepDaily: 7, keepMonthly: 12, onExit: false, daily: true }, thisPc(pcA.paths));
    expect(await dailyBackupDue(pcA.services)).toBe(true);
    const [a, b] = [startBackupScheduler(pcA.services), startBackupScheduler(pcB.services)];
    try {
      await Promise.all([a.tick(), b.tick()]);
    } finally {
      a.stop();
      b.stop();
    }
    expect(readdirSync(folder).filter((f) => f.endsWith('.dsbak'))).toHaveLength(1);
    expect(await dailyBackupDue(pcB.services)).toBe(false);
    expect((await inspectBackup(join(folder, readdirSync(folder).find((f) => f.endsWith('.dsbak'))!), 'harian.dsbak')).kind).toBe('auto');
  }, 240_000);
});
