/**
 * The office server goes away and comes back (issue 18): while it is down every call answers DB_UNREACHABLE
 * with a message the clerk understands (never "kesalahan tak terduga"), a save made then is not stored, and
 * once the server is up again the next call on the same core succeeds: no app restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { fail, nullPlatform, ok, setUpOffice } from '../../helpers/core';
import { RESOURCES } from '../../helpers/webApp';
import { useCluster } from '../../helpers/cluster';
import { postgresTestsRun as run } from '../../support/postgres';

const programme = (nama: string) => ({ nama, jenis: 'barang', satuan: 'paket', nilaiSatuan: 250_000, sumberDana: 'apbd_kab', opd: 'Dinas Sosial', tahun: 2026, kategori: 'bansos', keterangan: null }) as const;

describe.runIf(run)('the office server stops and starts again (PostgreSQL)', () => {
  const pg = useCluster({ own: 'stops the server' });
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-data-'));
    core = await openCore({ dbPath: await pg.createDatabase('connection_lost'), dataDir, resourcesDir: RESOURCES, platform: nullPlatform });
    admin = await setUpOffice(core);
    await ok(admin, 'programs.create', programme('Bantuan Sembako'));
  }, 120_000);
  afterAll(async () => {
    await core?.close();
  });

  it('answers DB_UNREACHABLE in Indonesian while the server is down, and the next call after it returns succeeds', async () => {
    pg.pause();
    try {
      // A read, a save in a transaction, and the cheap public call the window retries with.
      for (const [name, input] of [
        ['programs.list', {}],
        ['programs.create', programme('Bantuan Beras Saat Putus')],
        ['admin.setupStatus', undefined],
      ] as const) {
        const refused = await fail(admin, name, input);
        expect({ name, code: refused.code }).toEqual({ name, code: 'DB_UNREACHABLE' });
        expect(refused.message).toMatch(/^Server basis data kantor tidak dapat dihubungi\. Perubahan ini belum disimpan/);
      }
    } finally {
      pg.resume();
    }

    const listed = await ok<{ nama: string }[]>(admin, 'programs.list', {});
    const names = listed.map((p) => p.nama);
    expect(names).toContain('Bantuan Sembako');
    // The save refused while the server was down was not half-written.
    expect(names).not.toContain('Bantuan Beras Saat Putus');
    // A save now is stored, on the same core and the same sign-in.
    await ok(admin, 'programs.create', programme('Bantuan Beras Setelah Pulih'));
    const stored = await core.db.selectFrom('program').select('nama').where('nama', '=', 'Bantuan Beras Setelah Pulih').execute();
    expect(stored).toHaveLength(1);
  }, 120_000);
});
