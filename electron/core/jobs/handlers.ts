import type { FeatureHandlers } from '../api/handlerTypes';

export const jobsHandlers: FeatureHandlers<'jobs'> = {
  async status({ id }, ctx) {
    return ctx.jobs.status(id);
  },
  async cancel({ id }, ctx) {
    return ctx.jobs.cancel(id);
  },
};
