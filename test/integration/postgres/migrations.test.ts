import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/api/errors';
import { openDatabase, schemaVersion, type Db } from '../../../electron/core/db/database';
import { engineOf } from '../../../electron/core/db/dialect';
import { migrationNames } from '../../../electron/core/db/migrations';
import { runCli } from '../../../electron/cli/run';
import { RESOURCES } from '../../helpers/webApp';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';

async function openError(url: string): Promise<AppError> {
  const error = await openDatabase(url).then(
    (db) => db.destroy().then(() => null),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.runIf(run)('PostgreSQL: migrations and the schema guard (issue 18)', () => {
  const pg = useCluster();

  it('bring a new database to the latest version, and reopen it without migrating again', async () => {
    const url = await pg.createDatabase('fresh');
    const db = await openDatabase(url);
    try {
      expect(engineOf(db)).toBe('postgres');
      expect(await schemaVersion(db)).toEqual({ version: migrationNames.length, latest: migrationNames.length, migrations: migrationNames });
      const tables = await pg.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' order by 1`, 'fresh');
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['anggota', 'anggota_kata', 'keluarga', 'audit_log', 'opd', 'penyerahan', 'region_alias_kantor', 'jenis_alias']));
      // The starter programmes and agencies the migrations seed.
      expect((await db.selectFrom('program').select('nama').execute()).length).toBe(7);
      expect((await db.selectFrom('opd').select('nama').where('nama', '=', 'Dinas Kesehatan').execute()).length).toBe(1);
    } finally {
      await db.destroy();
    }
    const again = await openDatabase(url);
    expect((await schemaVersion(again)).version).toBe(migrationNames.length);
    await again.destroy();
  });

  describe('the triggers do on PostgreSQL what they do on SQLite', () => {
    let db: Db;
    beforeAll(async () => {
      db = await openDatabase(await pg.createDatabase('triggers'));
      await db.insertInto('region').values([
        { kode: '62.02.01', nama: 'Mentawa Baru Ketapang', level: 'kecamatan', parent_kode: '62.02', search_key: 'mentawabaruketapang' },
        { kode: '62.02.01.1001', nama: 'Baamang Hulu', level: 'desa', parent_kode: '62.02.01', search_key: 'baamanghulu' },
        { kode: '62.02.02', nama: 'Baamang', level: 'kecamatan', parent_kode: '62.02', search_key: 'baamang' },
      ]).execute();
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it('keep the audit log append-only', async () => {
      const now = new Date().toISOString();
      await db.insertInto('audit_log').values({ at: now, action: 'create', entity: 'test', user_id: null, username: null, entity_id: null, before_json: null, after_json: null, note: null }).execute();
      await expect(db.updateTable('audit_log').set({ note: 'ubah' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      expect((await db.selectFrom('audit_log').select('note').execute()).map((r) => r.note)).toEqual([null]);
    });

    it("give a member its family's kecamatan and every later word of its name, and follow renames and moves", async () => {
      const now = new Date().toISOString();
      const fam = await db
        .insertInto('keluarga')
        .values({ no_kk: '6202010101010001', desa_kode: '62.02.01.1001', kecamatan_kode: '62.02.01', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const member = await db
        .insertInto('anggota')
        .values({ keluarga_id: fam.id, nik: '6202014101900001', nama: 'SITI NUR HALIZA', nama_key: 'siti nur haliza', kec_kode: '99.99.99', created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const read = () => db.selectFrom('anggota').select(['kec_kode']).where('id', '=', member.id).executeTakeFirstOrThrow();
      const words = async () => (await db.selectFrom('anggota_kata').select('kata').where('anggota_id', '=', member.id).orderBy('kata').execute()).map((r) => r.kata);
      expect((await read()).kec_kode).toBe('62.02.01');
      expect(await words()).toEqual(['haliza', 'nur']);
      await db.updateTable('anggota').set({ nama: 'SITI AMINAH', nama_key: 'siti aminah' }).where('id', '=', member.id).execute();
      expect(await words()).toEqual(['aminah']);
      await db.updateTable('keluarga').set({ kecamatan_kode: '62.02.02' }).where('id', '=', fam.id).execute();
      expect((await read()).kec_kode).toBe('62.02.02');
    });

    it('resolve an intervention written by name only to its agency and kind', async () => {
      const now = new Date().toISOString();
      const row = await db
        .insertInto('intervensi')
        .values({ opd: 'dinkes', jenis: 'imunisasi', tanggal: '2026-01-05', nilai: 0, sumber: 'manual', created_at: now, anggota_id: null, keluarga_id: null, program_id: null, penyerahan_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const stored = await db.selectFrom('intervensi').select(['opd', 'jenis', 'opd_id', 'jenis_id']).where('id', '=', row.id).executeTakeFirstOrThrow();
      expect(stored.opd).toBe('Dinas Kesehatan');
      expect(stored.jenis).toBe('Imunisasi');
      expect(stored.opd_id).not.toBeNull();
    });

    it('count as numbers, as SQLite gives them', async () => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from region`.execute(db);
      expect(rows[0]!.n).toBe(3);
    });
  });

  it('refuses a database written by a newer version (the schema guard)', async () => {
    const url = await pg.createDatabase('newer');
    await (await openDatabase(url)).destroy();
    await pg.query(`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`, 'newer');
    const error = await openError(url);
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.details).toEqual({ unknownMigrations: ['9999_from_the_future'] });
  });

  it("refuses another application's database and leaves it as it was", async () => {
    const url = await pg.createDatabase('other_app');
    await pg.query('create table pelanggan (id serial primary key, nama text)', 'other_app');
    const error = await openError(url);
    expect(error.code).toBe('DB_FOREIGN');
    const tables = await pg.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public'`, 'other_app');
    expect(tables.map((t) => t.table_name)).toEqual(['pelanggan']);
  });

  it('the CLI sets up an office on the server with --db postgres://… or DINSOS_DB, and never prints the password', async () => {
    const url = (await pg.createDatabase('cli_office')).replace('postgres@', 'postgres:rahasia-kantor@');
    const saved = { xdg: process.env.XDG_CONFIG_HOME, db: process.env.DINSOS_DB };
    process.env.XDG_CONFIG_HOME = mkdtempSync(join(tmpdir(), 'dinsos-cli-home-')); // this PC's data folder
    try {
      const cli = async (args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
      const init = await cli(['init', '--db', url, '--kabupaten', '62.02', '--kantor', 'Dinas Sosial Kabupaten Kotawaringin Timur', '--json']);
      expect(init.err).toBe('');
      expect(init.code).toBe(0);
      expect(JSON.parse(init.out)).toMatchObject({ regions: 91_599, office: { kabKotaKode: '62.02', namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur' } });
      process.env.DINSOS_DB = url;
      const info = await cli(['info', '--json']);
      expect(info.code).toBe(0);
      const shown = JSON.parse(info.out) as { db: string; schemaVersion: number; counts: Record<string, number>; office: { kabKotaNama: string } };
      expect(shown.schemaVersion).toBe(migrationNames.length);
      expect(shown.office.kabKotaNama).toBe('Kabupaten Kotawaringin Timur');
      expect(shown.counts.region).toBe(91_599);
      expect(`${init.out}${info.out}`).not.toContain('rahasia-kantor');
      expect(shown.db).toContain('***');
    } finally {
      for (const [key, value] of [['XDG_CONFIG_HOME', saved.xdg], ['DINSOS_DB', saved.db]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }, 120_000);

  it('says clearly when the server cannot be reached, without the password', async () => {
    const error = await openError('postgres://dinsos:rahasia@127.0.0.1:1/dinsos');
    expect(error.code).toBe('DB_UNREACHABLE');
    expect(error.message).toMatch(/tidak dapat dihubungi/);
    expect(error.message).not.toContain('rahasia');
  });
});
