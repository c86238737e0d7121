import { sql } from 'kysely';
import { schemaVersion } from '../../core/db/database';
import type { CliCommand } from '../command';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Menampilkan lokasi basis data, versi skema dan jumlah data.',
  usage: 'info [--db PATH] [--json]',
  async run(_args, core, io) {
    const schema = await schemaVersion(core.db);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(core.db);
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(core.db);
      counts[name] = Number(row.rows[0]?.n ?? 0);
    }
    const office = await core.db.selectFrom('office').select('profile_json').executeTakeFirst();
    const result = {
      db: core.paths.dbPath,
      dataDir: core.paths.dataDir,
      schemaVersion: schema.version,
      latestSchemaVersion: schema.latest,
      migrations: schema.migrations,
      office: office ? (JSON.parse(office.profile_json) as { namaInstansi: string }).namaInstansi : null,
      counts,
    };
    if (io.json) io.out(JSON.stringify(result));
    else {
      io.out(`Basis data : ${result.db}`);
      io.out(`Folder data: ${result.dataDir}`);
      io.out(`Versi skema: ${result.schemaVersion} (terbaru ${result.latestSchemaVersion})`);
      io.out(`Kantor     : ${result.office ?? '(belum diatur — jalankan aplikasi untuk pengaturan awal)'}`);
      for (const [name, n] of Object.entries(counts)) io.out(`  ${name.padEnd(24)} ${n.toLocaleString('id-ID')}`);
    }
    return 0;
  },
};
