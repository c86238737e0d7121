import type { CliCommand } from '../command';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Membuat/memperbarui basis data dan memuat referensi wilayah.',
  usage: 'init [--db PATH] [--json]',
  async run(_args, core, io) {
    const regions = await core.services.regions();
    const result = { db: core.paths.dbPath, regions: regions.size };
    io.out(io.json ? JSON.stringify(result) : `Basis data siap: ${result.db}\nWilayah dimuat: ${result.regions.toLocaleString('id-ID')}`);
    return 0;
  },
};
