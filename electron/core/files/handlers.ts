import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import { claimUpload } from '../imports';

export const filesHandlers: FeatureHandlers<'files'> = {
  async claimUpload(input, ctx) {
    return claimUpload(ctx, input);
  },
  async saveAs({ id }, ctx) {
    const file = ctx.outbox.get(id);
    if (!ctx.platform.chooseSavePath) {
      throw new AppError('NOT_SUPPORTED', 'Simpan berkas lewat dialog hanya tersedia di aplikasi desktop.');
    }
    const target = await ctx.platform.chooseSavePath(file.name);
    if (!target) return null;
    ctx.outbox.saveTo(id, target);
    return { path: target };
  },
};
