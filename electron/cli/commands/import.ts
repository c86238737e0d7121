import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppError } from '../../core/api/errors';
import { asAppError, officeKabKota, rejectedFileFor } from '../../core/imports/handlers';
import { runImport } from '../../core/imports/pipeline';
import { ImportReadError } from '../../core/imports/read';
import { sha256File } from '../../core/imports/staging';
import { CLI_SESSION, type CliCommand } from '../command';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Mengimpor lembar Excel/CSV ke registri (sama dengan menu Impor).',
  usage: 'import FILE [--db PATH] [--sheet NAME] [--dry-run] [--skip-duplicates] [--json]',
  options: { sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-duplicates': { type: 'boolean' } },
  async run({ positionals, values }, core, io) {
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
    let result;
    try {
      result = await runImport({
        db: core.db,
        regions: await core.services.regions(),
        officeKabKota: await officeKabKota(core.services),
        session: { ...CLI_SESSION, permissions: [] },
        path,
        fileName: basename(path),
        sha256: await sha256File(path),
        sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
        duplicateMode: values['skip-duplicates'] === true ? 'skip' : 'merge',
        commit: !dryRun,
        now: core.services.now(),
        ...(io.json ? {} : { onProgress: (done: number, total: number | null) => process.stderr.write(`\r${done}${total ? `/${total}` : ''} baris`) }),
      });
    } catch (error) {
      const e = asAppError(error);
      if (e instanceof AppError || error instanceof ImportReadError) {
        const err = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'IMPORT_ERROR', message: (error as Error).message };
        if (io.json) io.out(JSON.stringify({ file: path, error: err }));
        io.err(err.message);
        return 4;
      }
      throw error;
    }
    // The command line's own file, as the app's would be the signed-in user's.
    const cliOutbox = core.services.outbox.for(CLI_SESSION);
    // Every rejected row is listed (read back from the import's spool); duplicates and warnings come from the
    // rows kept for the preview, at most PREVIEW_ROW_LIMIT rows needing attention (rowsTruncated says when more).
    let rejectedFile;
    const rejected: { row: number; reasons: { code: string; message: string }[] }[] = [];
    try {
      rejectedFile = await rejectedFileFor({ outbox: cliOutbox }, result);
      for await (const r of result.rejected.rows()) rejected.push({ row: r.row, reasons: r.reasons.map((p) => ({ code: p.code, message: p.message })) });
    } finally {
      result.rejected.dispose();
    }
    const out = {
      file: path,
      sheet: result.sheet,
      preset: result.preset.id,
      dryRun,
      batchId: result.batchId,
      sha256: result.sha256,
      dataRows: result.counts.dataRows,
      imported: result.counts.imported,
      updated: result.counts.updated,
      keluargaBaru: result.counts.keluargaBaru,
      duplicates: result.rows
        .filter((r) => r.outcome === 'duplicate-in-file' || r.outcome === 'duplicate-registry')
        .map((r) => ({ row: r.row, kind: r.outcome === 'duplicate-in-file' ? 'in-file' : 'registry', nik: r.nik, ...(r.duplicateOfRow ? { ofRow: r.duplicateOfRow } : {}) })),
      rejected,
      warnings: result.rows.flatMap((r) => r.warnings.map((w) => ({ row: r.row, code: w.code, message: w.message }))),
      rowsTruncated: result.rowsTruncated,
      skipped: result.skipped,
      rejectedFile: rejectedFile ? cliOutbox.get(rejectedFile.id).path : null,
    };
    if (io.json) {
      io.out(JSON.stringify(out));
      return 0;
    }
    const c = result.counts;
    io.out(`\nBerkas  : ${path} (sheet "${result.sheet}", format ${result.preset.label})`);
    io.out(`Baris data ${c.dataRows}: baru ${c.imported}, diperbarui ${c.updated}, ganda dalam berkas ${c.duplicateInFile}, sudah ada ${c.duplicateRegistry}, ditolak ${c.rejected}; keluarga baru ${c.keluargaBaru}`);
    for (const r of out.rejected.slice(0, 50)) io.out(`  baris ${r.row}: ${r.reasons.map((p) => p.message).join('; ')}`);
    if (out.rejected.length > 50) io.out(`  … dan ${out.rejected.length - 50} baris ditolak lainnya`);
    if (out.rejectedFile) io.out(`Baris ditolak disimpan di: ${out.rejectedFile}`);
    io.out(dryRun ? 'Uji coba (--dry-run): tidak ada yang disimpan.' : `Tersimpan sebagai impor #${result.batchId}.`);
    return 0;
  },
};
