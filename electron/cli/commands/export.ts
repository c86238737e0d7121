import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { exportFilterSchema } from '../../../shared/api/exports';
import { loadOffice } from '../../core/admin/office';
import { recordAudit } from '../../core/admin/audit';
import { AppError } from '../../core/api/errors';
import { openSourceRun, writeExport, type ExportDeps } from '../../core/exports/run';
import { ensureBuiltinTemplates, findTemplate } from '../../core/exports/templates';
import { CLI_SESSION, type CliCommand } from '../command';

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
  async run({ positionals, values }, core, io) {
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
    const now = core.services.now();
    await ensureBuiltinTemplates(core.db, now);
    const template = await findTemplate(core.db, ref);
    if (!template) {
      io.err(`Templat tidak dikenal: ${ref}. Daftar templat: npm run cli -- templates`);
      return 2;
    }
    const regions = await core.services.regions();
    let office = null;
    try {
      office = await loadOffice(core.db, regions);
    } catch {
      // No office yet: titles leave its placeholders empty.
    }
    const deps: ExportDeps = { db: core.db, regions, office, now };
    const run = openSourceRun(deps, template, parsed.data);
    const total = await run.count();
    const temp = `${out}.${process.pid}.part`;
    const started = Date.now();
    try {
      const result = await writeExport(deps, template, parsed.data, temp, {
        ...(io.json ? {} : { onProgress: (n: number) => process.stderr.write(`\r${n.toLocaleString('id-ID')}/${total.toLocaleString('id-ID')} baris`) }),
      }, run);
      renameSync(temp, out);
      await recordAudit(core.db, { ...CLI_SESSION, permissions: [] }, { action: 'export', entity: 'export_template', entityId: template.id, after: { template: template.nama, rows: result.rows, file: out, filters: parsed.data } }, now);
      const summary = { file: out, template: template.key ?? template.nama, rows: result.rows, seconds: (Date.now() - started) / 1000 };
      if (io.json) io.out(JSON.stringify(summary));
      else io.out(`${io.json ? '' : '\n'}${result.rows.toLocaleString('id-ID')} baris ditulis ke ${out} (${summary.seconds.toFixed(1)} detik).`);
      return 0;
    } catch (error) {
      rmSync(temp, { force: true });
      if (error instanceof AppError) {
        if (io.json) io.out(JSON.stringify({ error: { code: error.code, message: error.message } }));
        io.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};
