import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exportFilterSchema, type ExportResult } from '../../../shared/api/exports';
import type { JobStatus } from '../../../shared/api/jobs';
import type { CliCommand } from '../command';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Menulis laporan Excel dari satu templat ekspor (lihat perintah templates).',
  usage: 'export TEMPLATE --out FILE.xlsx [--db PATH] [--from DATE] [--to DATE] [--kecamatan CODE] [--desa CODE] [--program NAMA] [--sumber-dana KODE] [--status STATUS] [--penyerahan ID] [--json]',
  options: {
    out: { type: 'string', short: 'o' },
    from: { type: 'string' },
    to: { type: 'string' },
    kecamatan: { type: 'string' },
    desa: { type: 'string' },
    program: { type: 'string' },
    'sumber-dana': { type: 'string' },
    status: { type: 'string' },
    penyerahan: { type: 'string' },
  },
  async api({ positionals, values }, api, io) {
    const ref = positionals[0];
    const out = typeof values.out === 'string' ? resolve(values.out) : null;
    if (!ref || !out) {
      io.err('Sebutkan templat dan berkas tujuan: npm run cli -- export TEMPLATE --out FILE.xlsx');
      return 2;
    }
    if (!/\.xlsx$/i.test(out)) {
      io.err('Berkas tujuan harus berakhiran .xlsx.');
      return 2;
    }
    if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
      io.err(`Folder tujuan tidak ada: ${dirname(out)}`);
      return 2;
    }
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : null);
    const parsed = exportFilterSchema.safeParse({
      dari: str('from'),
      sampai: str('to'),
      wilayah: str('desa') ?? str('kecamatan'),
      program: str('program'),
      sumberDana: str('sumber-dana'),
      status: str('status'),
      penyerahanId: str('penyerahan') ? Number(str('penyerahan')) : null,
    });
    if (!parsed.success) {
      io.err(`Filter tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return 2;
    }
    // The window's export: the core writes the file in its job worker (audited there as "cli"); it is copied
    // where the user asked.
    const { pickTemplate } = await import('../../core/exports');
    const template = pickTemplate(await api.call('exports.templates', { withDeleted: false }), ref);
    if (!template) {
      io.err(`Templat tidak dikenal: ${ref}. Daftar templat: npm run cli -- templates`);
      return 2;
    }
    const started = Date.now();
    const progress = (s: JobStatus) => process.stderr.write(`\r${s.done.toLocaleString('id-ID')}/${(s.total ?? 0).toLocaleString('id-ID')} baris`);
    const result = await api.job<ExportResult>(await api.call('exports.run', { templateId: template.id, filters: parsed.data }), io.json ? undefined : progress);
    await api.saveFile(result.file.id, out);
    const summary = { file: out, template: template.key ?? template.nama, rows: result.rows, seconds: (Date.now() - started) / 1000 };
    if (io.json) io.out(JSON.stringify(summary));
    else io.out(`\n${result.rows.toLocaleString('id-ID')} baris ditulis ke ${out} (${summary.seconds.toFixed(1)} detik).`);
    return 0;
  },
};
