import { dirname, join } from 'node:path';
import { PREVIEW_ROW_LIMIT, type ImportPreviewSample, type ImportReport, type RegionValueMapping } from '../../../shared/api/imports';
import type { FileRef } from '../../../shared/api/files';
import { loadOffice, readOfficeProfile } from '../admin';
import { AppError } from '../api/errors';
import { requireSession, type Ctx } from '../api/context';
import type { FeatureHandlers } from '../api/handlerTypes';
import { ImportReadError, IMPORT_FIELDS, openSource } from './read';
import { runImport, type ImportResult } from './pipeline';
import { exactField, fuzzyField } from './read/fields';
import { rejectedFileName, writeRejectedFile } from './rejectedFile';
import { getStaged, removeStaged } from './staging';
import { readUpload } from './uploads';
import { listImportBatches } from './history';
import { undoBatch } from './undo';
import { listOfficeAliases, removeOfficeAlias } from '../regions';

/** The office's kabupaten/kota, or null before the first-run setup. */
export async function officeKabKota(ctx: Pick<Ctx, 'db' | 'regions'>): Promise<string | null> {
  if (!(await readOfficeProfile(ctx.db))) return null;
  return (await loadOffice(ctx.db, await ctx.regions())).kabKotaKode;
}

/** A reading-layer failure as the user sees it. */
export function asAppError(error: unknown): unknown {
  if (error instanceof ImportReadError) return new AppError(`IMPORT_${error.code}`, error.message, error.headersSeen);
  return error;
}

/** The rejected-rows file, written from the import's spool (which stays until the caller disposes of it). */
export async function rejectedFileFor(ctx: Pick<Ctx, 'outbox'>, result: ImportResult, throwIfCancelled?: () => void): Promise<FileRef | null> {
  if (result.rejected.count === 0) return null;
  const slot = ctx.outbox.reserve(rejectedFileName(result.fileName), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  await writeRejectedFile(slot.tempPath, result.columns, result.rejected.rows(), result.rejected.width, throwIfCancelled);
  return slot.commit();
}

export function toReport(stagingId: string, result: ImportResult, rejectedFile: FileRef | null, committed: boolean): ImportReport {
  return {
    stagingId,
    fileName: result.fileName,
    sha256: result.sha256,
    sheet: result.sheet,
    sheets: result.sheets,
    preset: result.preset,
    headerRow: result.headerRow,
    dataStartRow: result.dataStartRow,
    columns: result.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field })),
    savedMapping: result.savedMapping,
    counts: result.counts,
    regionValues: result.regionValues,
    rows: result.rows.slice(0, PREVIEW_ROW_LIMIT),
    rowsTruncated: result.rowsTruncated || result.rows.length > PREVIEW_ROW_LIMIT,
    skipped: result.skipped.slice(0, 200),
    rejectedFile,
    batchId: result.batchId,
    committed,
    seconds: result.seconds,
  };
}

function startRun(
  ctx: Ctx,
  input: { stagingId: string; sheet?: string | undefined; mapping?: Record<string, string> | undefined; regionMapping?: RegionValueMapping[] | undefined; duplicateMode: 'merge' | 'skip'; saveMappingAs?: string | undefined },
  commit: boolean,
) {
  const session = requireSession(ctx);
  const staged = getStaged(ctx.paths.dataDir, session, input.stagingId);
  const label = commit ? `Menyimpan ${staged.fileName}` : `Memeriksa ${staged.fileName}`;
  return ctx.jobs.start<ImportReport>(commit ? 'import.commit' : 'import.preview', label, async (job) => {
    try {
      const result = await runImport({
        db: ctx.db,
        regions: await ctx.regions(),
        officeKabKota: await officeKabKota(ctx),
        session,
        path: staged.path,
        // The rejected rows are spooled beside the staged file and removed once their Excel file is written.
        workDir: dirname(staged.path),
        // The preview's checked rows, which its commit writes from (a name safeName() never gives the staged file).
        checkedRows: join(dirname(staged.path), '.diperiksa.ndjson'),
        fileName: staged.fileName,
        sha256: staged.sha256,
        sheet: input.sheet,
        mapping: input.mapping,
        regionMapping: input.regionMapping,
        duplicateMode: input.duplicateMode,
        commit,
        saveMappingAs: input.saveMappingAs,
        now: ctx.now(),
        onProgress: (done, total, text) => job.progress(done, total, text),
        // A preview's first rows reach the screen while the rest are checked (the commit shows its progress only).
        ...(commit ? {} : { onSample: (sample: ImportPreviewSample) => job.partial(sample) }),
        throwIfCancelled: () => job.throwIfCancelled(),
      });
      try {
        // A preview's rejected-rows file may still be cancelled; a commit's rows are saved by then.
        const report = toReport(input.stagingId, result, await rejectedFileFor(ctx, result, commit ? undefined : () => job.throwIfCancelled()), commit);
        // A committed file's work has ended: it leaves the staging folder (and cannot be committed twice).
        if (commit) removeStaged(ctx.paths.dataDir, session, input.stagingId);
        return report;
      } finally {
        result.rejected.dispose();
      }
    } catch (error) {
      throw asAppError(error);
    }
  });
}

export const importsHandlers: FeatureHandlers<'imports'> = {
  async upload(ref, ctx) {
    // The upload is already a staged file of the caller's: its id is the staging id.
    const { path: _path, ...staged } = readUpload(ctx, ref, 'import');
    return staged;
  },
  async preview(input, ctx) {
    return startRun(ctx, input, false);
  },
  async commit(input, ctx) {
    return startRun(ctx, input, true);
  },
  async inspect({ stagingId, sheet }, ctx) {
    const staged = getStaged(ctx.paths.dataDir, requireSession(ctx), stagingId);
    try {
      const source = await openSource({ path: staged.path }, sheet ? { sheet } : {});
      await source.close();
      const cols = source.columns.filter((c) => c.header.trim() !== '');
      return { recognised: true, candidates: [{ sheet: source.sheet, row: source.headerRow, headers: cols.map((c) => c.header), fields: cols.map((c) => c.field) }] };
    } catch (error) {
      if (error instanceof ImportReadError && error.code === 'NO_HEADER') {
        return {
          recognised: false,
          candidates: error.headersSeen.map((h) => ({ sheet: h.sheet, row: h.row, headers: [...h.headers], fields: h.headers.map((t) => exactField(t) ?? fuzzyField(t)) })),
        };
      }
      throw asAppError(error);
    }
  },
  async fields() {
    return IMPORT_FIELDS.map((f) => ({ key: f.key, label: f.label }));
  },
  async history({ limit, offset }, ctx) {
    return listImportBatches(ctx.db, requireSession(ctx), limit, offset);
  },
  async regionAliases(_input, ctx) {
    return listOfficeAliases(ctx.db, await ctx.regions());
  },
  async removeRegionAlias({ id }, ctx) {
    await removeOfficeAlias(ctx.db, id, requireSession(ctx), ctx.now());
    return { removed: true as const };
  },
  async undo({ batchId }, ctx) {
    return undoBatch(ctx.db, batchId, requireSession(ctx), ctx.now());
  },
};
