import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportReport } from '../../../shared/api/imports';
import type { JobStatus } from '../../../shared/api/jobs';
import { AppError } from '../../core/api/errors';
import type { CliCommand } from '../command';
import { readRejectedRows, type RejectedListRow } from '../rejectedRows';

/** Failures of the core itself (not of the file): the command ends with exit code 1 as for any other. */
const CORE_FAILURES = new Set(['INTERNAL', 'CORE_RESTARTED', 'CORE_STOPPED', 'JOB_WORKER_STOPPED']);

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Mengimpor lembar Excel/CSV ke registri (sama dengan menu Impor).',
  usage: 'import FILE [--db PATH] [--sheet NAME] [--dry-run] [--skip-duplicates] [--json]',
  options: { sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-duplicates': { type: 'boolean' } },
  async api({ positionals, values }, api, io) {
    const file = positionals[0];
    if (!file) {
      io.err('Sebutkan berkas yang diimpor: npm run cli -- import FILE');
      return 2;
    }
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      const e = { code: 'IMPORT_FILE_NOT_FOUND', message: `Berkas tidak ditemukan: ${path}` };
      if (io.json) io.out(JSON.stringify({ file: path, error: e }));
      io.err(e.message);
      return 4;
    }
    const dryRun = values['dry-run'] === true;
    // As the import page does it: the file is handed to the core, which reads and checks it in its job worker.
    let report: ImportReport;
    try {
      const staged = await api.call('imports.upload', await api.upload(path, 'import'));
      const input = {
        stagingId: staged.stagingId,
        ...(typeof values.sheet === 'string' ? { sheet: values.sheet } : {}),
        duplicateMode: values['skip-duplicates'] === true ? ('skip' as const) : ('merge' as const),
      };
      const started = dryRun ? await api.call('imports.preview', input) : await api.call('imports.commit', input);
      const progress = (s: JobStatus) => process.stderr.write(`\r${s.done}${s.total ? `/${s.total}` : ''} baris`);
      report = await api.job<ImportReport>(started, io.json ? undefined : progress);
    } catch (error) {
      if (error instanceof AppError && !CORE_FAILURES.has(error.code)) {
        if (io.json) io.out(JSON.stringify({ file: path, error: { code: error.code, message: error.message } }));
        io.err(error.message);
        return 4;
      }
      throw error;
    }
    // Every rejected row is listed, read back from the rejected-rows file (the report keeps at most 5,000 rows
    // needing attention); duplicates and warnings come from the report's rows (rowsTruncated says when more).
    const rejectedFile = report.rejectedFile ? await api.file(report.rejectedFile.id) : null;
    const rejected: RejectedListRow[] = rejectedFile ? await readRejectedRows(rejectedFile.path, report.rows) : [];
    const out = {
      file: path,
      sheet: report.sheet,
      preset: report.preset.id,
      dryRun,
      batchId: report.batchId,
      sha256: report.sha256,
      dataRows: report.counts.dataRows,
      imported: report.counts.imported,
      updated: report.counts.updated,
      keluargaBaru: report.counts.keluargaBaru,
      counts: report.counts,
      duplicates: report.rows
        .filter((r) => r.outcome === 'duplicate-in-file' || r.outcome === 'duplicate-registry')
        .map((r) => ({ row: r.row, kind: r.outcome === 'duplicate-in-file' ? 'in-file' : 'registry', nik: r.nik, ...(r.duplicateOfRow ? { ofRow: r.duplicateOfRow } : {}) })),
      rejected,
      warnings: report.rows.flatMap((r) => r.warnings.map((w) => ({ row: r.row, code: w.code, message: w.message }))),
      rowsTruncated: report.rowsTruncated,
      skipped: report.skipped,
      rejectedFile: rejectedFile?.path ?? null,
    };
    if (io.json) {
      io.out(JSON.stringify(out));
      return 0;
    }
    const c = report.counts;
    io.out(`\nBerkas  : ${path} (sheet "${report.sheet}", format ${report.preset.label})`);
    io.out(`Baris data ${c.dataRows}: baru ${c.imported}, diperbarui ${c.updated}, ganda dalam berkas ${c.duplicateInFile}, sudah ada ${c.duplicateRegistry}, ditolak ${c.rejected}; keluarga baru ${c.keluargaBaru}`);
    for (const r of out.rejected.slice(0, 50)) io.out(`  baris ${r.row}: ${r.reasons.map((p) => p.message).join('; ')}`);
    if (out.rejected.length > 50) io.out(`  … dan ${out.rejected.length - 50} baris ditolak lainnya`);
    if (out.rejectedFile) io.out(`Baris ditolak disimpan di: ${out.rejectedFile}`);
    io.out(dryRun ? 'Uji coba (--dry-run): tidak ada yang disimpan.' : `Tersimpan sebagai impor #${report.batchId}.`);
    return 0;
  },
};
