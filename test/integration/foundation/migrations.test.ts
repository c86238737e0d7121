import { copyFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/api/errors';
import { APPLICATION_ID, openDatabase, schemaVersion } from '../../../electron/core/db/database';
import { migrationNames, migrations } from '../../../electron/core/db/migrations';
import { emptyDbPath as tempDbPath } from '../../helpers/webApp';

async function tables(path: string): Promise<string[]> {
  const db = await openDatabase(path, { migrate: false });
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
  await db.destroy();
  return rows.rows.map((r) => r.name);
}

function rawExec(path: string, statements: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const raw = new sqlite3.Database(path, (err) => {
      if (err) return reject(err);
      raw.exec(statements, (e) => raw.close(() => (e ? reject(e) : resolve())));
    });
  });
}

async function expectOpenError(path: string, code: string) {
  const error = await openDatabase(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(/[a-z]/);
  return error as AppError;
}

/** A database of ours brought only up to migration `name` (as an older version left it), opened raw. */
async function migratedTo(path: string, name: string) {
  const { Kysely, Migrator } = await import('kysely');
  const { Sqlite3Dialect } = await import('../../../electron/core/db/sqlite3-dialect');
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, (e) => (e ? reject(e) : resolve(d)));
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const old = new Kysely<any>({ dialect: new Sqlite3Dialect(raw) });
  await sql.raw(`pragma application_id = ${APPLICATION_ID}`).execute(old);
  const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo(name)).error).toBeUndefined();
  return old;
}

describe('migrations', () => {
  it('are named in order and statically listed', () => {
    expect(migrationNames).toEqual([...migrationNames].sort());
    expect(migrationNames[0]).toBe('0001_foundation');
    for (const name of migrationNames) expect(typeof migrations[name]!.up).toBe('function');
  });

  it('bring a new database to the latest version and mark it as ours', async () => {
    const path = tempDbPath();
    const db = await openDatabase(path);
    const version = await schemaVersion(db);
    expect(version.version).toBe(migrationNames.length);
    const appId = await sql<{ application_id: number }>`pragma application_id`.execute(db);
    expect(appId.rows[0]!.application_id).toBe(APPLICATION_ID);
    await db.destroy();
  });

  // One check per migration: applying the history up to it creates what it promises.
  const expectedTables: Record<string, string[]> = {
    '0001_foundation': ['meta', 'office', 'app_user', 'region', 'region_alias', 'region_bps', 'document_counter', 'audit_log'],
    '0002_registry': ['keluarga', 'anggota', 'anggota_program', 'import_batch', 'import_change', 'duplikat_keputusan', 'import_mapping'],
    '0003_aid': ['program', 'permohonan', 'penyerahan', 'penerima', 'penerima_item', 'penyerahan_foto', 'intervensi'],
    '0004_meetings': ['operator_desa', 'rapat', 'rapat_agenda', 'rapat_peserta', 'tindak_lanjut'],
    '0005_exports': ['export_template', 'usulan'],
    '0007_name_words': ['anggota_kata'],
    '0010_opd_reference': ['opd', 'opd_nama', 'jenis_intervensi'],
    '0014_region_alias_kantor': ['region_alias_kantor'],
    '0015_jenis_alias_sk_tentang': ['jenis_alias'],
    '0018_photo_bytes': ['penyerahan_foto_berkas'],
  };
  for (const [name, expected] of Object.entries(expectedTables)) {
    it(`${name} creates its tables`, async () => {
      const path = tempDbPath();
      await (await openDatabase(path)).destroy();
      const present = await tables(path);
      for (const table of expected) expect(present).toContain(table);
    });
  }

  it('upgrades an older database in place, keeping its data', async () => {
    const path = tempDbPath();
    const old = await migratedTo(path, '0002_registry');
    const now = '2024-01-01T00:00:00Z';
    await old.insertInto('region').values({ kode: '62.02.01.2003', nama: 'Palangan', level: 'desa', parent_kode: '62.02.01', search_key: 'palangan' }).execute();
    const fam = await old.insertInto('keluarga').values({ no_kk: '6202011501240001', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', desil: 2, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    await old.insertInto('anggota').values({ keluarga_id: fam.id, nik: '6202011501800001', nama: 'Budi Santoso Wijaya', nama_key: 'budi santoso wijaya', created_at: now, updated_at: now }).execute();
    await old.destroy();

    const db = await openDatabase(path);
    expect((await schemaVersion(db)).migrations).toEqual(migrationNames);
    const kept = await db.selectFrom('keluarga').select(['no_kk', 'desil']).execute();
    expect(kept).toEqual([{ no_kk: '6202011501240001', desil: 2 }]);
    // Later migrations filled what they add for the rows already there (0006 kec_kode, 0007 name words).
    const member = await db.selectFrom('anggota').select(['id', 'kec_kode']).executeTakeFirstOrThrow();
    expect(member.kec_kode).toBe('62.02.01');
    const words = await db.selectFrom('anggota_kata').select(['kata', 'anggota_id']).orderBy('kata').execute();
    expect(words).toEqual([{ kata: 'santoso', anggota_id: member.id }, { kata: 'wijaya', anggota_id: member.id }]);
    await db.destroy();
  });

  it('has a check above for every migration that creates tables', () => {
    const creating = migrationNames.filter((n) => /createTable\(/.test(String(migrations[n]!.up)));
    expect(creating.filter((n) => !(n in expectedTables))).toEqual([]);
  });

  it('0001 keeps the audit log append-only', async () => {
    const db = await openDatabase(tempDbPath());
    await db.insertInto('audit_log').values({ at: '2024-01-01', action: 'create', entity: 'x', user_id: null, username: null, entity_id: null, before_json: null, after_json: null, note: null }).execute();
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await db.destroy();
  });

  it('0002 refuses a desil outside 1–10 and a family in an unknown village', async () => {
    const db = await openDatabase(tempDbPath());
    const now = '2024-01-01T00:00:00Z';
    await db.insertInto('region').values({ kode: '62.02.01.2001', nama: 'Desa Uji', level: 'desa', parent_kode: '62.02.01', search_key: 'desauji' }).execute();
    const base = { no_kk: '6202011501240001', desa_kode: '62.02.01.2001', kecamatan_kode: '62.02.01', created_at: now, updated_at: now, dusun: null, rt: null, rw: null, id_dtks: null, sumber: null, import_batch_id: null, catatan: null };
    await expect(db.insertInto('keluarga').values({ ...base, desil: 11 }).execute()).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('keluarga').values({ ...base, desil: 2, desa_kode: '99.99.99.9999' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    await db.insertInto('keluarga').values({ ...base, desil: 2 }).execute();
    await db.destroy();
  });

  it('0006 gives every member its family kecamatan and keeps it when the family moves', async () => {
    const db = await openDatabase(tempDbPath());
    const now = '2024-01-01T00:00:00Z';
    for (const [kode, parent] of [['62.02.01.2003', '62.02.01'], ['62.02.05.1001', '62.02.05']] as const) {
      await db.insertInto('region').values({ kode, nama: kode, level: 'desa', parent_kode: parent, search_key: kode }).execute();
    }
    const k = await db.insertInto('keluarga').values({ no_kk: '6202011501240001', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', created_at: now, updated_at: now, dusun: null, rt: null, rw: null, id_dtks: null, desil: null, sumber: null, import_batch_id: null, catatan: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('anggota').values({ keluarga_id: k.id, nik: '6202011501800001', nama: 'BUDI', nama_key: 'budi', jenis_kelamin: 'L', tempat_lahir: null, tanggal_lahir: null, hubungan: null, ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now }).execute();
    const kec = async () => (await sql<{ kec_kode: string }>`select kec_kode from anggota`.execute(db)).rows[0]!.kec_kode;
    expect(await kec()).toBe('62.02.01');
    await db.updateTable('keluarga').set({ desa_kode: '62.02.05.1001', kecamatan_kode: '62.02.05' }).where('id', '=', k.id).execute();
    expect(await kec()).toBe('62.02.05');
    await db.destroy();
  });

  it('0007 keeps the later words of each name through insert, rename and delete', async () => {
    const db = await openDatabase(tempDbPath());
    const now = '2024-01-01T00:00:00Z';
    await db.insertInto('region').values({ kode: '62.02.01.2003', nama: 'Palangan', level: 'desa', parent_kode: '62.02.01', search_key: 'palangan' }).execute();
    const k = await db.insertInto('keluarga').values({ no_kk: '6202011501240001', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', created_at: now, updated_at: now, dusun: null, rt: null, rw: null, id_dtks: null, desil: null, sumber: null, import_batch_id: null, catatan: null }).returning('id').executeTakeFirstOrThrow();
    const person = { keluarga_id: k.id, jenis_kelamin: 'L' as const, tempat_lahir: null, tanggal_lahir: null, hubungan: null, ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now };
    const a = await db.insertInto('anggota').values({ ...person, nik: '6202011501800001', nama: 'Ahmad Budi Budi', nama_key: 'ahmad budi budi' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('anggota').values({ ...person, nik: '6202011501800002', nama: 'Siti', nama_key: 'siti' }).execute();
    const words = async () => (await db.selectFrom('anggota_kata').select(['kata', 'anggota_id']).orderBy('kata').execute()).map((w) => `${w.kata}:${w.anggota_id === a.id ? 'a' : '?'}`);
    expect(await words()).toEqual(['budi:a']);
    await db.updateTable('anggota').set({ nama_key: 'ahmad santoso' }).where('id', '=', a.id).execute();
    expect(await words()).toEqual(['santoso:a']);
    await db.deleteFrom('anggota').where('id', '=', a.id).execute();
    expect(await words()).toEqual([]);
    await db.destroy();
  });

  it('0008 corrects members whose kecamatan copy went stale, and keeps it whatever a writer puts in kec_kode', async () => {
    const path = tempDbPath();
    const old = await migratedTo(path, '0007_name_words');
    const now = '2024-01-01T00:00:00Z';
    for (const [kode, parent] of [['62.02.01.2003', '62.02.01'], ['62.02.05.1001', '62.02.05']] as const) {
      await old.insertInto('region').values({ kode, nama: kode, level: 'desa', parent_kode: parent, search_key: kode }).execute();
    }
    const family = (no_kk: string, desa_kode: string, kecamatan_kode: string) =>
      old.insertInto('keluarga').values({ no_kk, desa_kode, kecamatan_kode, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const k1 = await family('6202011501240001', '62.02.01.2003', '62.02.01');
    const k2 = await family('6202051501240002', '62.02.05.1001', '62.02.05');
    const person = (nik: string, keluarga_id: number, kec_kode: string | null) =>
      old.insertInto('anggota').values({ keluarga_id, nik, nama: 'BUDI', nama_key: 'budi', kec_kode, created_at: now, updated_at: now }).execute();
    // Under 0006, a given kec_kode was trusted and a direct write of it was kept: stale copies.
    await person('6202011501800001', k1.id, '62.02.05');
    await person('6202011501800002', k1.id, null);
    await person('6202051501800003', k2.id, '62.02.05');
    await old.updateTable('anggota').set({ kec_kode: '62.02.01' }).where('nik', '=', '6202051501800003').execute();
    const copies = async (db: { selectFrom: typeof old.selectFrom }) =>
      (await db.selectFrom('anggota').select(['nik', 'kec_kode']).orderBy('nik').execute()).map((m) => `${m.nik}:${m.kec_kode}`);
    expect(await copies(old)).toEqual(['6202011501800001:62.02.05', '6202011501800002:62.02.01', '6202051501800003:62.02.01']);
    await old.destroy();

    const db = await openDatabase(path);
    const fresh = async () => copies(db as unknown as typeof old);
    expect(await fresh()).toEqual(['6202011501800001:62.02.01', '6202011501800002:62.02.01', '6202051501800003:62.02.05']);
    // From now on a wrong value, given or written directly, does not stick; moves carry the family's.
    const base = { nama: 'SITI', nama_key: 'siti', jenis_kelamin: 'P' as const, tempat_lahir: null, tanggal_lahir: null, hubungan: null, ibu_kandung: null, status_kawin: null, pekerjaan: null, pendidikan: null, disabilitas: null, status_tanggal: null, status_alasan: null, id_dtks: null, import_batch_id: null, created_at: now, updated_at: now };
    await db.insertInto('anggota').values({ ...base, keluarga_id: k1.id, nik: '6202014501800004', kec_kode: '62.02.05' }).execute();
    await db.updateTable('anggota').set({ kec_kode: '62.02.05' }).where('nik', '=', '6202011501800002').execute();
    await db.updateTable('anggota').set({ keluarga_id: k2.id }).where('nik', '=', '6202011501800001').execute();
    expect(await fresh()).toEqual(['6202011501800001:62.02.05', '6202011501800002:62.02.01', '6202014501800004:62.02.01', '6202051501800003:62.02.05']);
    await db.destroy();
  });

  it('0010 turns free-text OPD and kinds into reference rows: "Dinkes" and "Dinas Kesehatan" become one agency', async () => {
    const path = tempDbPath();
    const old = await migratedTo(path, '0009_handover_parties');
    const now = '2024-01-01T00:00:00Z';
    await old.insertInto('region').values({ kode: '62.02.01.2003', nama: 'Palangan', level: 'desa', parent_kode: '62.02.01', search_key: 'palangan' }).execute();
    const fam = await old.insertInto('keluarga').values({ no_kk: '6202011501240001', desa_kode: '62.02.01.2003', kecamatan_kode: '62.02.01', desil: 1, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const row = (opd: string, jenis: string, tanggal: string) => ({ anggota_id: null, keluarga_id: fam.id, opd, jenis, tanggal, nilai: 0, sumber: 'manual', created_at: now });
    await old.insertInto('intervensi').values([row('Dinkes', 'PMT balita', '2024-01-02'), row('Dinas Kesehatan', 'pmt balita', '2024-01-03'), row('  DINKES ', 'Imunisasi', '2024-01-04'), row('Yayasan Peduli Sampit', 'Sembako', '2024-01-05')]).execute();
    await old.destroy();

    const db = await openDatabase(path);
    const rows = await db.selectFrom('intervensi as i').innerJoin('opd as o', 'o.id', 'i.opd_id').innerJoin('jenis_intervensi as j', 'j.id', 'i.jenis_id').select(['i.tanggal', 'i.opd', 'o.nama', 'o.singkatan', 'i.jenis', 'j.nama as jenisNama', 'i.jenis_id']).orderBy('i.tanggal').execute();
    expect(rows.map((r) => [r.opd, r.nama, r.singkatan])).toEqual([
      ['Dinas Kesehatan', 'Dinas Kesehatan', 'Dinkes'],
      ['Dinas Kesehatan', 'Dinas Kesehatan', 'Dinkes'],
      ['Dinas Kesehatan', 'Dinas Kesehatan', 'Dinkes'],
      ['Yayasan Peduli Sampit', 'Yayasan Peduli Sampit', null],
    ]);
    // One kind for the two spellings of "PMT balita", named as first seen; the text column follows it.
    expect(rows[0]!.jenis_id).toBe(rows[1]!.jenis_id);
    expect(rows.map((r) => r.jenis)).toEqual(rows.map((r) => r.jenisNama));
    expect(new Set(rows.map((r) => r.jenis_id)).size).toBe(3);
    // The seeded agencies of Kotim/Palangka Raya are there with their kinds.
    const seeded = await db.selectFrom('opd').select('singkatan').where('singkatan', 'is not', null).execute();
    expect(seeded.map((s) => s.singkatan)).toEqual(expect.arrayContaining(['Dinsos', 'Dinkes', 'Disdik', 'Disperkim', 'DPMD', 'Disnakertrans', 'Baznas', 'DP3AP2KB']));
    const perkim = await db.selectFrom('jenis_intervensi as j').innerJoin('opd as o', 'o.id', 'j.opd_id').select('j.nama').where('o.singkatan', '=', 'Disperkim').execute();
    expect(perkim.map((j) => j.nama)).toEqual(expect.arrayContaining(['Bedah rumah (RTLH)', 'Jamban sehat', 'Air bersih']));
    // A writer that gives names only (handover receipts) is resolved through the same keys.
    await db.insertInto('intervensi').values({ ...row('dinsos', 'Sembako', '2024-02-01'), sumber: 'manual' }).execute();
    const late = await db.selectFrom('intervensi as i').innerJoin('opd as o', 'o.id', 'i.opd_id').select(['i.opd', 'o.singkatan', 'i.jenis_id']).where('i.tanggal', '=', '2024-02-01').executeTakeFirstOrThrow();
    expect(late).toMatchObject({ opd: 'Dinas Sosial', singkatan: 'Dinsos' });
    expect(late.jenis_id).not.toBeNull();
    await db.destroy();
  });

  it('re-opening an up-to-date database changes nothing', async () => {
    const path = tempDbPath();
    await (await openDatabase(path)).destroy();
    const db = await openDatabase(path);
    expect((await schemaVersion(db)).migrations).toEqual(migrationNames);
    await db.destroy();
  });
});

describe('schema guard', () => {
  it('refuses a database from a newer version with a clear message and leaves it untouched', async () => {
    const path = tempDbPath();
    await (await openDatabase(path)).destroy();
    await rawExec(path, `insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`);
    const copy = `${path}.copy`;
    copyFileSync(path, copy);
    const error = await expectOpenError(path, 'DB_TOO_NEW');
    expect(error.message).toContain('versi Dinsos Desk yang lebih baru');
    expect(error.details).toEqual({ unknownMigrations: ['9999_from_the_future'] });
  });

  it('refuses a file that is not a database', async () => {
    const path = tempDbPath();
    writeFileSync(path, 'NIK,NAMA\n6202011501900001,BUDI\n');
    const error = await expectOpenError(path, 'DB_NOT_DATABASE');
    expect(error.message).toContain('bukan basis data Dinsos Desk');
  });

  it("refuses another application's SQLite database instead of migrating into it", async () => {
    const path = tempDbPath();
    await rawExec(path, 'create table customers (id integer primary key, name text)');
    await expectOpenError(path, 'DB_FOREIGN');
    const db = await openDatabase(path, { migrate: false }).catch(() => null);
    expect(db).toBeNull();
  });

  it('refuses a corrupt database', async () => {
    const path = tempDbPath();
    await (await openDatabase(path)).destroy();
    const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
    const fd = openSync(path, 'r+');
    // Overwrite the middle of the file (table pages) with garbage, keeping the header intact.
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(Math.min(8192, size - 4096), 0x5a), 0, Math.min(8192, size - 4096), 4096);
    closeSync(fd);
    const error = await openDatabase(path).then(() => null, (e: unknown) => e as AppError);
    expect(error).not.toBeNull();
    expect(['DB_CORRUPT', 'DB_NOT_DATABASE']).toContain(error!.code);
  });
});
