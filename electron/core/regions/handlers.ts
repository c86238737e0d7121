import type { FeatureHandlers } from '../api/handlerTypes';
import { normalizeRegionCode } from './regionIndex';

export const regionsHandlers: FeatureHandlers<'regions'> = {
  async search(input, ctx) {
    const regions = await ctx.regions();
    return regions.search({ q: input.q, limit: input.limit, ...(input.levels ? { levels: input.levels } : {}), ...(input.within ? { within: input.within } : {}) });
  },
  async children({ parent }, ctx) {
    const regions = await ctx.regions();
    return regions.children(parent === null ? null : normalizeRegionCode(parent));
  },
  async get({ kode }, ctx) {
    const regions = await ctx.regions();
    const region = regions.get(kode);
    return region ? regions.withPath(region) : null;
  },
};
