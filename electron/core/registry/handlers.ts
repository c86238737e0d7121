import type { DuplicateScan } from '../../../shared/api/registry';
import { requireSession } from '../api/context';
import type { FeatureHandlers } from '../api/handlerTypes';
import { decideDuplicate, scanDuplicates } from './duplicates';
import { countMatches, listAnggota, recordedPrograms } from './list';
import { addAnggota, anggotaDetails, createKeluarga, keluargaDetail, setStatus, updateAnggota, updateKeluarga } from './records';
import { knownPrograms } from '../../../shared/api/registry';
import { notFound } from '../api/errors';

export const registryHandlers: FeatureHandlers<'registry'> = {
  async list(input, ctx) {
    return listAnggota(ctx.db, await ctx.regions(), input, ctx.scope);
  },
  async count(input, ctx) {
    return countMatches(ctx.db, input, ctx.scope);
  },
  async programs(_input, ctx) {
    return [...new Set([...knownPrograms, ...(await recordedPrograms(ctx.db))])];
  },
  async keluarga({ id }, ctx) {
    return keluargaDetail(ctx.db, await ctx.regions(), id, ctx.scope);
  },
  async createKeluarga({ keluarga, kepala }, ctx) {
    return createKeluarga(ctx.db, await ctx.regions(), requireSession(ctx), ctx.scope, keluarga, kepala, ctx.now());
  },
  async updateKeluarga({ id, keluarga, versi }, ctx) {
    const regions = await ctx.regions();
    // A family without No KK given another family's No KK is merged into it: that family is shown.
    const shown = await updateKeluarga(ctx.db, regions, requireSession(ctx), ctx.scope, id, keluarga, ctx.now(), versi);
    return keluargaDetail(ctx.db, regions, shown, ctx.scope);
  },
  async addAnggota({ keluargaId, anggota }, ctx) {
    return addAnggota(ctx.db, requireSession(ctx), ctx.scope, keluargaId, anggota, ctx.now());
  },
  async updateAnggota({ id, anggota }, ctx) {
    await updateAnggota(ctx.db, requireSession(ctx), ctx.scope, id, anggota, ctx.now());
    const [detail] = await anggotaDetails(ctx.db, await ctx.regions(), { id });
    if (!detail) throw notFound('Anggota keluarga');
    return detail;
  },
  async setStatus(input, ctx) {
    await setStatus(ctx.db, requireSession(ctx), ctx.scope, input, ctx.now());
    const [detail] = await anggotaDetails(ctx.db, await ctx.regions(), { id: input.id });
    if (!detail) throw notFound('Anggota keluarga');
    return detail;
  },
  async scanDuplicates(input, ctx) {
    const scope = ctx.scope;
    const regions = await ctx.regions();
    return ctx.jobs.start<DuplicateScan>('registry.duplicates', 'Mencari data ganda', async (job) =>
      scanDuplicates(ctx.db, regions, scope, {
        kecamatan: input.kecamatan,
        limit: input.limit,
        onProgress: (done, label) => job.progress(done, null, label),
        throwIfCancelled: () => job.throwIfCancelled(),
      }),
    );
  },
  async decideDuplicate({ a, b, keputusan }, ctx) {
    await decideDuplicate(ctx.db, requireSession(ctx), ctx.scope, a, b, keputusan, ctx.now());
    return { ok: true as const };
  },
};
