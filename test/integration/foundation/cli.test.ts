import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { migrationNames } from '../../../electron/core/db/migrations';
import { DTKS_HEADERS, dtksRow, makeFamilies } from '../../helpers/registryFixtures';
import { RESOURCES, emptyDbPath } from '../../helpers/webApp';
import { headerRow, tempDir, writeXlsx } from '../../helpers/xlsx';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, RESOURCES);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('prints help listing its commands', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('Pemakaian: npm run cli -- <perintah>');
    expect(out).toMatch(/init \[--db PATH\]/);
    expect(out).toMatch(/info \[--db PATH\]/);
  });

  it('init creates and migrates a database at --db and loads the regions; info reports it as JSON', async () => {
    const db = emptyDbPath();
    const init = await cli('init', '--db', db, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toEqual({ db, regions: 91_599 });
    const info = await cli('info', '--db', db, '--json');
    const parsed = JSON.parse(info.out);
    expect(parsed.schemaVersion).toBe(migrationNames.length);
    expect(parsed.latestSchemaVersion).toBe(migrationNames.length);
    expect(parsed.office).toBeNull();
    expect(parsed.counts.region).toBe(91_599);
  });

  it('init --kabupaten sets the office up as the wizard would; info shows it; a sheet without a kabupaten column then imports', async () => {
    const db = emptyDbPath();
    const init = await cli('init', '--db', db, '--kabupaten', '62.02', '--kantor', 'Dinas Sosial Kabupaten Kotawaringin Timur', '--kota', 'Sampit', '--kertas', 'f4', '--nip', '19680412 199303 1 007');
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toContain('Kabupaten Kotawaringin Timur, Kalimantan Tengah (62.02)');
    expect(init.out).toContain('Akun admin dibuat saat aplikasi pertama kali dibuka.');
    expect(init.out).toMatch(/Belum diisi.*--alamat.*--kepala/);

    const info = await cli('info', '--db', db, '--json');
    expect(JSON.parse(info.out).office).toMatchObject({
      namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur',
      provinsiKode: '62',
      kabKotaKode: '62.02',
      kota: 'Sampit',
      kertas: 'F4',
      kepalaNip: '196804121993031007',
      nomorPola: { bast: '{seq3}/BAST/DINSOS/{bulanRomawi}/{tahun}' },
    });
    expect((await cli('info', '--db', db)).out).toContain('Kantor     : Dinas Sosial Kabupaten Kotawaringin Timur');
    // The app's first start then asks only for the admin account: the office is there, no user yet.
    const { openTestCore } = await import('../../helpers/core');
    const core = await openTestCore({ dbPath: db });
    try {
      const status = await core.createClient().call('admin.setupStatus', undefined);
      expect(status).toMatchObject({ ok: true, value: { needsSetup: true, officeName: 'Dinas Sosial Kabupaten Kotawaringin Timur' } });
    } finally {
      await core.close();
    }

    // An operator's sheet without Provinsi and Kabupaten/Kota columns: the office's kabupaten fills them in.
    const families = makeFamilies(6, 11);
    const headers = DTKS_HEADERS.filter((h) => h !== 'Provinsi' && h !== 'Kabupaten/Kota');
    let no = 0;
    const rows = families.flatMap((k) => k.anggota.map((a) => dtksRow(k, a, ++no).filter((_, i) => i !== 2 && i !== 3)));
    const sheet = await writeXlsx(`${await tempDir()}/tanpa-kabupaten.xlsx`, [{ name: 'DTKS', rows: [headerRow(headers), ...rows] }]);
    const imported = await cli('import', sheet, '--db', db, '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.out);
    expect(report.rejected).toEqual([]);
    expect(report.imported).toBe(no);
  });

  it('init refuses a profile the wizard would refuse, with its message, and writes nothing', async () => {
    const db = emptyDbPath();
    const badPaper = await cli('init', '--db', db, '--kabupaten', '62.02', '--kertas', 'Legal');
    expect(badPaper.code).toBe(1);
    expect(badPaper.err).toContain('Pilih ukuran kertas A4 atau F4.');
    const badNip = await cli('init', '--db', db, '--kabupaten', '62.71', '--nip', '1968');
    expect(badNip.err).toContain('NIP harus 18 angka');
    const unknown = await cli('init', '--db', db, '--kabupaten', '99.99');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Kode kabupaten/kota tidak dikenal: 99.99');
    expect(JSON.parse((await cli('info', '--db', db, '--json')).out).office).toBeNull();
    expect((await cli('init', '--db', db, '--kabupaten', '62.71')).code).toBe(0);
    const again = await cli('init', '--db', db, '--kabupaten', '62.02');
    expect(again.code).toBe(1);
    expect(again.err).toContain('Profil kantor sudah diatur (Dinas Sosial Kota Palangkaraya)');
  });

  it('refuses an unknown command and a file that is not a database, with exit codes', async () => {
    const unknown = await cli('hapus-semua');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Perintah tidak dikenal: hapus-semua');
    const { writeFileSync } = await import('node:fs');
    const notDb = emptyDbPath();
    writeFileSync(notDb, 'bukan basis data');
    const bad = await cli('info', '--db', notDb);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('bukan basis data Dinsos Desk');
  });
});
