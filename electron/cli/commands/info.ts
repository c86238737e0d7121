import type { CliCommand } from '../command';
import { officeSummary, printOffice } from './init';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Menampilkan lokasi basis data, versi skema, profil kantor dan jumlah data.',
  usage: 'info [--db PATH] [--json]',
  async api(_args, api, io) {
    const info = await api.call('admin.databaseInfo', undefined);
    const { office } = info;
    const result = { ...info, office: office ? officeSummary(office) : null };
    if (io.json) io.out(JSON.stringify(result));
    else {
      io.out(`Basis data : ${result.db}`);
      io.out(`Folder data: ${result.dataDir}`);
      io.out(`Versi skema: ${result.schemaVersion} (terbaru ${result.latestSchemaVersion})`);
      if (office) printOffice(io, office);
      else io.out('Kantor     : (belum diatur — jalankan aplikasi, atau: init --kabupaten KODE --kantor NAMA)');
      for (const [name, n] of Object.entries(result.counts)) io.out(`  ${name.padEnd(24)} ${n.toLocaleString('id-ID')}`);
    }
    return 0;
  },
};
