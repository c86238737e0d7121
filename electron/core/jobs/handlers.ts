import type { FeatureHandlers } from '../api/handlerTypes';
import { ownJob } from '../api/jobOwners';

// Another user's job id is answered by the runner as unknown: `ownJob` hands it an id no job has.
export const jobsHandlers: FeatureHandlers<'jobs'> = {
  async status({ id }, ctx) {
    return ctx.jobs.status(ownJob(ctx.jobs, id, ctx.session?.userId ?? null));
  },
  async cancel({ id }, ctx) {
    return ctx.jobs.cancel(ownJob(ctx.jobs, id, ctx.session?.userId ?? null));
  },
};
