import { formatAngka } from '../../../shared/domain/rupiah';
import type { ExportFilters, ExportResult } from '../../../shared/api/exports';
import { loadOffice } from '../admin';
import { recordAudit } from '../audit/record';
import { AppError } from '../api/errors';
import type { Ctx } from '../api/context';
import { prepared, type FeatureHandlers } from '../api/handlerTypes';
import { importHasil, readHasilFile, undoHasil } from './hasil';
import { exportFileName, openSourceRun, previewExport, writeExport, XLSX_MIME, type ExportDeps } from './run';
import { normalizeRegionCode } from '../regions';
import { discardUpload, readUploadBytes } from '../imports';
import { deleteTemplate, duplicateTemplate, ensureBuiltinTemplates, getTemplate, listTemplates, restoreTemplate, saveTemplate } from './templates';
import { exportOptions, listUsulanResults } from './queries';

async function deps(ctx: Ctx): Promise<ExportDeps> {
  const regions = await ctx.regions();
  let office = null;
  try {
    office = await loadOffice(ctx.db, regions);
  } catch {
    // Before the setup wizard there is no office: titles then leave its placeholders empty.
  }
  return { db: ctx.db, regions, office, now: ctx.now() };
}

/**
 * A user limited to some kecamatan/desa exports only inside them: an empty region filter becomes their one
 * region, or asks them to choose; a region outside is refused.
 */
function limitToSession(ctx: Ctx, filters: ExportFilters): ExportFilters {
  const allowed = ctx.session?.wilayah ?? [];
  if (allowed.length === 0) return filters;
  if (!filters.wilayah) {
    if (allowed.length === 1) return { ...filters, wilayah: allowed[0]! };
    throw new AppError('INVALID_INPUT', 'Pilih kecamatan atau desa: akun ini hanya boleh mengekspor data wilayahnya sendiri.');
  }
  const kode = normalizeRegionCode(filters.wilayah) ?? filters.wilayah;
  if (!allowed.some((w) => kode === w || kode.startsWith(`${w}.`))) {
    throw new AppError('FORBIDDEN', 'Wilayah ini di luar wilayah kerja akun Anda.');
  }
  return filters;
}

async function ready(ctx: Ctx) {
  await ensureBuiltinTemplates(ctx.db, ctx.now());
}

export const exportsHandlers: FeatureHandlers<'exports'> = {
  async templates({ withDeleted }, ctx) {
    await ready(ctx);
    return listTemplates(ctx.db, withDeleted);
  },
  async template({ id }, ctx) {
    await ready(ctx);
    return getTemplate(ctx.db, id);
  },
  async options(_input, ctx) {
    return exportOptions(ctx.db);
  },
  async duplicateTemplate({ id, nama }, ctx) {
    await ready(ctx);
    return duplicateTemplate(ctx.db, ctx.session, id, nama, ctx.now());
  },
  async saveTemplate(input, ctx) {
    await ready(ctx);
    return saveTemplate(ctx.db, ctx.session, input, ctx.now());
  },
  async deleteTemplate({ id }, ctx) {
    await ready(ctx);
    await deleteTemplate(ctx.db, ctx.session, id, ctx.now());
    return { id };
  },
  async restoreTemplate({ id }, ctx) {
    await ready(ctx);
    return restoreTemplate(ctx.db, ctx.session, id, ctx.now());
  },
  async preview({ templateId, filters }, ctx) {
    await ready(ctx);
    const template = await getTemplate(ctx.db, templateId);
    return previewExport(await deps(ctx), template, limitToSession(ctx, filters));
  },
  async run({ templateId, filters: requested }, ctx) {
    await ready(ctx);
    const filters = limitToSession(ctx, requested);
    const template = await getTemplate(ctx.db, templateId);
    const d = await deps(ctx);
    const source = openSourceRun(d, template, filters);
    // Counted before the job starts: a wrong filter fails here, with its message on the screen.
    const total = await source.count();
    if (total === 0) throw new AppError('EXPORT_EMPTY', 'Tidak ada baris yang cocok dengan filter ini. Ubah filter, lalu ekspor lagi.');
    const fileName = await exportFileName(d, template, filters, source);
    return ctx.jobs.start<ExportResult>('export', `Ekspor ${template.nama}`, async (job) => {
      const slot = ctx.outbox.reserve(fileName, XLSX_MIME);
      const written = await writeExport(d, template, filters, slot.tempPath, {
        onProgress: (n) => job.progress(n, total, `${formatAngka(n)} dari ${formatAngka(total)} baris ditulis`),
        throwIfCancelled: () => job.throwIfCancelled(),
      }, source);
      const file = slot.commit();
      await recordAudit(ctx.db, ctx.session, { action: 'export', entity: 'export_template', entityId: template.id, after: { template: template.nama, rows: written.rows, file: fileName, filters } }, ctx.now());
      return { file, rows: written.rows, templateNama: template.nama };
    });
  },
  importHasil: prepared({
    prepare: async ({ file }, ctx) => readHasilFile(await readUploadBytes(ctx, file, 'import')),
    handle: (file, ctx) => importHasil(ctx.db, ctx.session, file, ctx.now(), ctx.scope),
    committed: ({ file }, _result, ctx) => discardUpload(ctx, file),
  }),
  async undoHasil({ batchId }, ctx) {
    return undoHasil(ctx.db, ctx.session, batchId, ctx.now(), ctx.scope);
  },
  async usulan({ q, limit }, ctx) {
    return listUsulanResults(ctx.db, ctx.scope, q, limit);
  },
};
