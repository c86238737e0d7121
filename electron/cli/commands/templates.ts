import { exportSourceDefs } from '../../../shared/api/exports';
import type { CliCommand } from '../command';

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'Menampilkan templat ekspor (nama yang dipakai perintah export).',
  usage: 'templates [--db PATH] [--json]',
  async run(_args, core, io) {
    // Loaded when used: every command's definition is read at the command line's start.
    const { ensureBuiltinTemplates, listTemplates } = await import('../../core/exports/templates');
    await ensureBuiltinTemplates(core.db, core.services.now());
    const list = await listTemplates(core.db, false);
    if (io.json) {
      io.out(JSON.stringify(list.map((t) => ({ id: t.id, key: t.key, nama: t.nama, builtin: t.builtin, source: t.def.source, columns: t.def.columns.length }))));
      return 0;
    }
    const width = Math.max(...list.map((t) => (t.key ?? String(t.id)).length));
    for (const t of list) {
      io.out(`${(t.key ?? String(t.id)).padEnd(width)}  ${t.nama}${t.builtin ? '' : ' (salinan)'} — ${exportSourceDefs[t.def.source].label}, ${t.def.columns.length} kolom`);
    }
    io.out('\nPakai nama di kolom pertama (atau nomor salinan): npm run cli -- export NAMA --out FILE.xlsx');
    return 0;
  },
};
