/**
 * `npm run cli -- migrate-to-server --from FILE.sqlite --to postgres://…` (issue 18): a one-PC office moves onto
 * its server. Seeded as an office uses the app (families with their history, a request, a printed handover with
 * recipients, operators and a meeting, interventions, the audit log), moved by the command, then opened on the
 * server by the real core and checked as a clerk would: the same lists and records, the same sign-in, the next
 * BAST number. A server that already holds data, and any difference found after the copy, are refused with
 * nothing kept.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { officeProfileSchema, type Office } from '../../../shared/api/admin';
import type { AuditRow } from '../../../shared/api/audit';
import type { Foto, PenyerahanDetail, PenyerahanSummary } from '../../../shared/api/handovers';
import type { AnggotaListItem, KeluargaDetail } from '../../../shared/api/registry';
import { runCli } from '../../../electron/cli/run';
import { openCore, type Core } from '../../../electron/core/app';
import type { AppError } from '../../../electron/core/api/errors';
import { APPLICATION_ID, openDatabase, schemaVersion } from '../../../electron/core/db/database';
import { migrationNames, migrations } from '../../../electron/core/db/migrations';
import { foreignKeysTo, userTables } from '../../../electron/core/db/dialect';
import { migrateToServer } from '../../../electron/core/db/migrateToServer';
import { copyPlan, newDatabaseCounts, officeDataTables, tableChecksum, type TableCopy } from '../../../electron/core/db/tableCopy';
import { fillDemo, type DemoCall } from '../../../electron/core/demo/fill';
import { ensureRegionsLoaded } from '../../../electron/core/regions';
import { kotimSetup, nullPlatform, ok } from '../../helpers/core';
import { openPc } from '../../helpers/engines';
import { asOldPhotoFile } from '../../helpers/oldPhotoFile';
import { uploadingClients } from '../../helpers/uploads';
import { RESOURCES, emptyDbPath } from '../../helpers/webApp';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';
const PASSWORD = 'SandiServer-Rahasia-77';
const TODAY = '2026-05-08';
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
/** The same picture with a trailing byte: a photo whose bytes came from its file, not from the database. */
const OLD_PNG = Uint8Array.from([...PNG, 0]);
const loadReference = (db: Parameters<typeof ensureRegionsLoaded>[0]) => ensureRegionsLoaded(db, RESOURCES).then(() => undefined);

/** The server's URL with a password in it (the test cluster trusts local connections, so any password works). */
const withPassword = (url: string) => url.replace('postgres@', `postgres:${PASSWORD}@`);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The whole audit log as the audit page lists it, page by page. */
async function wholeAudit(client: Parameters<typeof ok>[0]): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  for (let page = 0; ; page++) {
    const got = (await ok<{ rows: AuditRow[] }>(client, 'audit.list', { filter: {}, page, pageSize: 200 })).rows;
    rows.push(...got);
    if (got.length < 200) return rows;
  }
}

/** Every table's rows and checksum, in the copy's order: what "unchanged" is checked by. */
async function contents(url: string): Promise<TableCopy[]> {
  const db = await openDatabase(url);
  try {
    const plans = await copyPlan(db, db);
    const out: TableCopy[] = [];
    for (const p of plans) out.push(await tableChecksum(db, p, 5000));
    return out;
  } finally {
    await db.destroy();
  }
}

describe.runIf(run)('moving a one-PC office onto the office server (migrate-to-server)', () => {
  const pg = useCluster({ own: 'turns on passwords in pg_hba.conf and makes a role, both the whole cluster\'s' });
  let file: string;
  let attachmentsDir: string;
  const before: { families: { rows: AnggotaListItem[] }; keluarga: KeluargaDetail; handover: PenyerahanDetail; audit: AuditRow[]; tables: string[] } = {} as never;

  beforeAll(async () => {
    file = emptyDbPath();
    // The app's own layout: the data folder holds dinsos.sqlite and lampiran/. Its clients upload a picked photo
    // as the app's transport does.
    const office: Core = uploadingClients(await openCore({ dbPath: file, dataDir: dirname(file), resourcesDir: RESOURCES, platform: nullPlatform }), () => office.paths.dataDir);
    attachmentsDir = office.paths.attachmentsDir;
    try {
      const admin = office.createClient();
      const password = kotimSetup().admin.password;
      // The practice-data filler makes what an office makes through the app, with the real admin's password.
      const call: DemoCall = (name, input) =>
        admin.call(name as string, name === 'admin.completeSetup' ? { ...kotimSetup(), admin: { ...(input as { admin: object }).admin, password } } : input);
      const profile: Office = { ...officeProfileSchema.parse(kotimSetup().office), kopPemerintah: '', provinsiNama: 'Kalimantan Tengah', kabKotaNama: 'Kotawaringin Timur', updatedAt: `${TODAY}T00:00:00.000Z` };
      await fillDemo({ call, regions: await office.services.regions(), office: profile, admin: { nama: 'Siti Rahmawati', username: 'admin' }, today: TODAY });
      await ok(admin, 'auth.login', { username: 'admin', password });
      const handover = (await ok<PenyerahanSummary[]>(admin, 'handovers.list', {}))[0]!;
      await ok(admin, 'handovers.print', { penyerahanId: handover.id, kind: 'bast' });
      await ok(admin, 'handovers.addPhoto', { penyerahanId: handover.id, keterangan: 'Penyerahan sembako', file: { fileName: 'IMG_2026.png', bytes: PNG } });
      // Two photos as a version before migration 0018 left them: one a file in lampiran/, one whose file is gone.
      for (const fileName of ['IMG_LAMA.png', 'IMG_HILANG.png']) {
        const foto = await ok<Foto>(admin, 'handovers.addPhoto', { penyerahanId: handover.id, file: { fileName, bytes: PNG } });
        await asOldPhotoFile(office.db, attachmentsDir, foto.id, fileName === 'IMG_HILANG.png' ? null : OLD_PNG);
      }
      before.handover = await ok<PenyerahanDetail>(admin, 'handovers.get', { id: handover.id });
      before.families = await ok(admin, 'registry.list', { q: '' });
      const keluargaId = before.handover.penerima[0]!.orang.keluargaId;
      before.keluarga = await ok<KeluargaDetail>(admin, 'registry.keluarga', { id: keluargaId });
      before.audit = await wholeAudit(admin);
      before.tables = await userTables(office.db);
    } finally {
      await office.close();
    }
  }, 240_000);

  it('copies every table of the schema in foreign-key order, prints progress, answers JSON with rows and checksums, never the password', async () => {
    const url = withPassword(await pg.createDatabase('kantor'));
    const result = await cli(['migrate-to-server', '--from', file, '--to', url, '--json']);
    expect(result.err).not.toContain('migrate-to-server failed');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as { tables: TableCopy[]; to: string; photos: { dir: string; rows: number; checksum: string; missing: string[] } };
    // The table list is the schema's (a table added by a later migration is copied without changing the code) …
    expect(json.tables.map((t) => t.name).sort()).toEqual([...before.tables].sort());
    // … each after the tables its foreign keys point to.
    const db = await openDatabase(url);
    try {
      const order = json.tables.map((t) => t.name);
      for (const fk of await foreignKeysTo(db, order)) {
        if (fk.table !== fk.target) expect(order.indexOf(fk.target), `${fk.table}.${fk.column} → ${fk.target}`).toBeLessThan(order.indexOf(fk.table));
      }
    } finally {
      await db.destroy();
    }
    const rows = Object.fromEntries(json.tables.map((t) => [t.name, t.rows]));
    expect(rows.keluarga).toBeGreaterThanOrEqual(25);
    expect(rows.penerima).toBe(10);
    expect(rows.rapat_peserta).toBe(4);
    expect(rows.intervensi).toBe(12);
    expect(json.tables.every((t) => /^[0-9a-f]{64}$/.test(t.checksum))).toBe(true);
    // The server holds exactly what was reported (the audit log one more: the move itself; the photos' bytes one
    // more: the photo copied from its file).
    const server = await contents(url);
    for (const t of json.tables.filter((x) => x.name !== 'audit_log' && x.name !== 'penyerahan_foto_berkas')) expect(server.find((s) => s.name === t.name)).toEqual(t);
    expect(server.find((s) => s.name === 'audit_log')!.rows).toBe(rows.audit_log! + 1);
    // Progress per table on stderr; the password nowhere.
    expect(result.err).toMatch(/\[\d+\/\d+\] keluarga: [\d.]+ baris disalin/);
    expect(result.err).toMatch(/diperiksa penerima: 10 baris, checksum [0-9a-f]{12} cocok/);
    expect(result.out + result.err).not.toContain(PASSWORD);
    expect(json.to).toContain('***');
    // The photo kept in the database came with its table; the one kept as a file was copied from it and checked.
    expect(rows.penyerahan_foto_berkas).toBe(1);
    expect(json.photos).toEqual({ dir: attachmentsDir, rows: 1, checksum: expect.stringMatching(/^[0-9a-f]{64}$/), missing: ['IMG_HILANG.png'] });
    expect(server.find((s) => s.name === 'penyerahan_foto_berkas')!.rows).toBe(2);
  }, 240_000);

  it('the server, opened by the app, shows the same office: families, history, the handover and its recipients, the audit log; the same sign-in; the next BAST number follows on', async () => {
    // The app was already started once on the server (its structure and region list are there): still empty.
    const pc = await openPc(await pg.createDatabase('kantor_dibuka'));
    await pc.close();
    const url = pg.url('kantor_dibuka');
    const moved = await cli(['migrate-to-server', '--from', file, '--to', url]);
    expect(moved.code).toBe(0);
    expect(moved.out).toContain(`berkas di ${attachmentsDir}: 1 foto disalin ke server; jumlah dan checksum cocok.`);
    expect(moved.out).toContain('1 foto sudah tidak ada berkasnya di komputer ini (IMG_HILANG.png)');
    const server: Core = await openPc(url);
    try {
      const clerk = server.createClient();
      await ok(clerk, 'auth.login', { username: 'admin', password: kotimSetup().admin.password });
      expect(await ok(clerk, 'registry.list', { q: '' })).toEqual(before.families);
      expect(await ok(clerk, 'registry.keluarga', { id: before.keluarga.id })).toEqual(before.keluarga);
      expect(before.keluarga.history.length).toBeGreaterThan(0);
      const handover = await ok<PenyerahanDetail>(clerk, 'handovers.get', { id: before.handover.id });
      expect(handover).toEqual(before.handover);
      expect(handover.penerima).toHaveLength(10);
      expect(handover.foto.map((f) => f.fileName)).toEqual(['IMG_2026.png', 'IMG_LAMA.png', 'IMG_HILANG.png']);
      // Every PC of the server shows the photos: their bytes are in the server's database, not on this PC.
      const shown = async (i: number) => (await ok<{ dataUrl: string }>(clerk, 'handovers.photo', { id: handover.foto[i]!.id })).dataUrl;
      expect(await shown(0)).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
      expect(await shown(1)).toBe(`data:image/png;base64,${Buffer.from(OLD_PNG).toString('base64')}`);
      expect(handover.nomorBast).toMatch(/^001\//);

      // A second handover printed on the server takes 002: no number given twice, none skipped.
      const next = await ok<PenyerahanDetail>(clerk, 'handovers.create', {
        programId: handover.program.id, tanggal: TODAY, tempat: 'Aula Dinas Sosial', mode: 'kolektif', dasarNomor: null, dasarTanggal: null, dasarTentang: null,
        pertamaNama: 'Hj. Rina Kartika, S.Sos', pertamaNip: '19750312 200003 2 004', pertamaJabatan: 'Kepala Bidang Rehabilitasi Sosial', saksi: [],
      });
      const notYet = before.families.rows.find((a) => !handover.penerima.some((p) => p.orang.anggotaId === a.id))!;
      await ok(clerk, 'handovers.addRecipients', { penyerahanId: next.id, anggotaIds: [notYet.id] });
      await ok(clerk, 'handovers.print', { penyerahanId: next.id, kind: 'bast' });
      const printed = await ok<PenyerahanDetail>(clerk, 'handovers.get', { id: next.id });
      expect(printed.nomorBast).toMatch(/^002\//);
      expect(next.id).toBeGreaterThan(handover.id);

      // The office's history is all there, with one entry saying it was moved, by the command line.
      const audit = await wholeAudit(clerk);
      expect(before.audit.length).toBeGreaterThan(100);
      for (const row of before.audit) expect(audit.find((r) => r.id === row.id)).toEqual(row);
      const moved = audit.filter((r) => r.action === 'migrate');
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ username: 'cli', entity: 'database', note: 'Kantor dipindahkan dari SQLite ke server kantor (baris perintah)' });
      expect(moved[0]!.id).toBeGreaterThan(Math.max(...before.audit.map((r) => r.id)));
    } finally {
      await server.close();
    }
  }, 240_000);

  it('refuses a server that already holds an office, naming its tables, and leaves it as it was', async () => {
    const url = await pg.createDatabase('kantor_terisi');
    const other = await openPc(url);
    await ok(other.createClient(), 'admin.completeSetup', kotimSetup({ namaInstansi: 'Dinas Sosial Kota Palangka Raya' }));
    await other.close();
    const unchanged = await contents(url);

    const result = await cli(['migrate-to-server', '--from', file, '--to', withPassword(url), '--json']);
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.out) as { error: { code: string; message: string } };
    expect(error.code).toBe('SERVER_NOT_EMPTY');
    expect(error.message).toMatch(/^Basis data server sudah berisi data \(tabel .*app_user.*office.*\); pemindahan dibatalkan agar tidak menimpa\.$/);
    expect(result.err).toContain(error.message);
    expect(result.out + result.err).not.toContain(PASSWORD);
    expect(await contents(url)).toEqual(unchanged);
  }, 240_000);

  it('refuses a live office server of an older version without upgrading it, so its PCs still open it', async () => {
    // An office server the PCs of the previous version use: one schema behind, one account.
    const url = await pg.createDatabase('kantor_versi_lama');
    const live = await openDatabase(url, { migrate: false });
    const previous = migrationNames[migrationNames.length - 2]!;
    expect((await new Migrator({ db: live, provider: { getMigrations: async () => migrations } }).migrateTo(previous)).error).toBeUndefined();
    await sql`insert into app_user (username, nama, role, password_hash, created_at, updated_at) values ('admin', 'Admin Kantor', 'admin', 'x', ${TODAY}, ${TODAY})`.execute(live);
    const applied = (await schemaVersion(live)).migrations;
    await live.destroy();

    const result = await cli(['migrate-to-server', '--from', file, '--to', withPassword(url), '--json']);
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.out) as { error: { code: string; message: string } };
    expect(error.code).toBe('SERVER_NOT_EMPTY');
    expect(error.message).toContain('app_user');
    // Still the previous version's schema: a PC of that version opens it (no DB_TOO_NEW).
    const after = await openDatabase(url, { migrate: false });
    try {
      expect((await schemaVersion(after)).migrations).toEqual(applied);
      expect(applied).not.toContain(migrationNames[migrationNames.length - 1]);
    } finally {
      await after.destroy();
    }
  }, 240_000);

  it('takes the server password from PGPASSWORD, so it is never written in the command; a mistyped address does not echo it', async () => {
    // A server that checks passwords (the test cluster trusts everyone else): the role dinsos_sandi must give one.
    const secret = 'Sandi-Lewat-Env-91';
    const hba = (await pg.query<{ hba_file: string }>('show hba_file'))[0]!.hba_file;
    writeFileSync(hba, `host all dinsos_sandi 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
    await pg.query('select pg_reload_conf()');
    await pg.query(`create role dinsos_sandi login password '${secret}'`);
    const url = (await pg.createDatabase('kantor_sandi')).replace('postgres@', 'dinsos_sandi@');
    await pg.query('alter database kantor_sandi owner to dinsos_sandi');
    await pg.query('alter schema public owner to dinsos_sandi', 'kantor_sandi');
    const saved = process.env.PGPASSWORD;
    try {
      delete process.env.PGPASSWORD;
      const without = await cli(['migrate-to-server', '--from', file, '--to', url, '--json']);
      expect(without.code).toBe(1);
      expect(JSON.parse(without.out).error.code).toBe('DB_UNREACHABLE');

      process.env.PGPASSWORD = secret;
      const result = await cli(['migrate-to-server', '--from', file, '--to', url, '--json']);
      expect(result.code).toBe(0);
      expect(result.out + result.err).not.toContain(secret);
      const copied = (JSON.parse(result.out) as { tables: TableCopy[] }).tables;
      expect(copied.map((t) => t.name).sort()).toEqual([...before.tables].sort());
      expect(copied.find((t) => t.name === 'keluarga')!.rows).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }

    const typo = await cli(['migrate-to-server', '--from', file, '--to', 'postgress://dinsos:RahasiaSalahKetik@127.0.0.1/kantor', '--json']);
    expect(typo.code).toBe(1);
    const { error } = JSON.parse(typo.out) as { error: { code: string; message: string } };
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('postgress://dinsos:***@127.0.0.1/kantor');
    expect(typo.out + typo.err).not.toContain('RahasiaSalahKetik');

    const usage = await cli(['migrate-to-server', '--from', file]);
    expect(usage.err).toContain('--to postgres://pengguna@host:5432/basisdata');
    expect(usage.err).toContain('PGPASSWORD');
  }, 240_000);

  it('a difference found after the copy rolls it all back, naming the table', async () => {
    const url = withPassword(await pg.createDatabase('kantor_beda'));
    const error = (await migrateToServer({
      from: file,
      to: url,
      actor: null,
      loadReference,
      // As if the server had stored one address differently.
      beforeVerify: async (trx) => {
        await sql`update keluarga set alamat = alamat || ' ' where id = (select min(id) from keluarga)`.execute(trx);
      },
    }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('MIGRATE_MISMATCH');
    expect(error.message).toBe('Pemeriksaan tabel keluarga gagal: isi baris di server berbeda dari berkas (checksum tidak sama). Pemindahan dibatalkan; basis data server tidak diubah.');
    expect(error.message).not.toContain(PASSWORD);
    const db = await openDatabase(url);
    try {
      expect(await officeDataTables(db, await newDatabaseCounts(loadReference))).toEqual([]);
      expect(await db.selectFrom('keluarga').select('id').execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 240_000);

  it('a value the server would store differently (bytes in a text column) is refused, not silently changed', async () => {
    const copy = join(emptyDbPath(), '..', 'salinan.sqlite');
    copyFileSync(file, copy);
    const db = await openDatabase(copy);
    await sql`update keluarga set catatan = x'00ff10' where id = (select min(id) from keluarga)`.execute(db);
    await db.destroy();
    const url = await pg.createDatabase('kantor_blob');
    const result = await cli(['migrate-to-server', '--from', copy, '--to', url, '--json']);
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.out) as { error: { code: string; message: string } };
    expect(error.code).toBe('MIGRATE_MISMATCH');
    expect(error.message).toContain('Pemeriksaan tabel keluarga gagal');
    expect(await contents(url).then((t) => t.find((x) => x.name === 'keluarga')!.rows)).toBe(0);
  }, 240_000);

  it('a file of an older version is first brought up to date, as the app does when it opens it, then moved', async () => {
    const older = join(emptyDbPath(), '..', 'lama.sqlite');
    const db = await openDatabase(older, { migrate: false });
    await sql.raw(`pragma application_id = ${APPLICATION_ID}`).execute(db);
    const previous = migrationNames[migrationNames.length - 2]!;
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(previous);
    expect(error).toBeUndefined();
    await db.destroy();

    const url = await pg.createDatabase('kantor_lama');
    const result = await cli(['migrate-to-server', '--from', older, '--to', url, '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`diperbarui ke versi skema ${migrationNames.length}`);
    const json = JSON.parse(result.out) as { schemaVersion: number; tables: TableCopy[] };
    expect(json.schemaVersion).toBe(migrationNames.length);
    expect(json.tables.map((t) => t.name).sort()).toEqual([...before.tables].sort());
    const file = await openDatabase(older, { readonly: true });
    expect((await schemaVersion(file)).version).toBe(migrationNames.length);
    await file.destroy();
  }, 240_000);

  it('refuses a file that is not the app\'s or is from a newer version, and asks for --from and --to', async () => {
    const url = await pg.createDatabase('kantor_salah');
    const notOurs = join(emptyDbPath(), '..', 'catatan.sqlite');
    writeFileSync(notOurs, 'bukan basis data');
    const foreign = await cli(['migrate-to-server', '--from', notOurs, '--to', url, '--json']);
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.out).error.code).toBe('DB_NOT_DATABASE');

    const newer = join(emptyDbPath(), '..', 'baru.sqlite');
    copyFileSync(file, newer);
    const db = await openDatabase(newer);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_dari_versi_baru', '2030-01-01T00:00:00.000Z')`.execute(db);
    await db.destroy();
    const tooNew = await cli(['migrate-to-server', '--from', newer, '--to', url, '--json']);
    expect(tooNew.code).toBe(1);
    expect(JSON.parse(tooNew.out).error.code).toBe('DB_TOO_NEW');
    // Refused before the server was touched: it has no tables at all.
    expect(await pg.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'", 'kantor_salah')).toEqual([{ n: 0 }]);

    const usage = await cli(['migrate-to-server', '--from', file]);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('migrate-to-server --from BERKAS.sqlite --to postgres://');
  }, 240_000);
});
