import { sql } from 'kysely';
import { schemaVersion } from '../../core/db/database';
import { describeTarget, userTables } from '../../core/db/dialect';
import { loadOffice, readOfficeProfile } from '../../core/admin/office';
import type { CliCommand } from '../command';
import { officeSummary, printOffice } from './init';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Menampilkan lokasi basis data, versi skema, profil kantor dan jumlah data.',
  usage: 'info [--db PATH] [--json]',
  async run(_args, core, io) {
    const schema = await schemaVersion(core.db);
    const counts: Record<string, number> = {};
    for (const name of await userTables(core.db)) {
      const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(core.db);
      counts[name] = Number(row.rows[0]?.n ?? 0);
    }
    const office = (await readOfficeProfile(core.db)) ? await loadOffice(core.db, await core.services.regions()) : null;
    const result = {
      db: describeTarget(core.paths.dbPath),
      dataDir: core.paths.dataDir,
      schemaVersion: schema.version,
      latestSchemaVersion: schema.latest,
      migrations: schema.migrations,
      office: office ? officeSummary(office) : null,
      counts,
    };
    if (io.json) io.out(JSON.stringify(result));
    else {
      io.out(`Basis data : ${result.db}`);
      io.out(`Folder data: ${result.dataDir}`);
      io.out(`Versi skema: ${result.schemaVersion} (terbaru ${result.latestSchemaVersion})`);
      if (office) printOffice(io, office);
      else io.out('Kantor     : (belum diatur — jalankan aplikasi, atau: init --kabupaten KODE --kantor NAMA)');
      for (const [name, n] of Object.entries(counts)) io.out(`  ${name.padEnd(24)} ${n.toLocaleString('id-ID')}`);
    }
    return 0;
  },
};
