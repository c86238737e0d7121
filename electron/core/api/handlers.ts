/** The one handler map: every call of the contract, by feature. A missing handler is a type error. */
import { adminHandlers } from '../admin/handlers';
import { authHandlers } from '../auth/handlers';
import { filesHandlers } from '../files/handlers';
import { importsHandlers } from '../imports/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { regionsHandlers } from '../regions/handlers';
import type { HandlerMap } from './handlerTypes';

export const handlers: HandlerMap = {
  admin: adminHandlers,
  auth: authHandlers,
  files: filesHandlers,
  imports: importsHandlers,
  jobs: jobsHandlers,
  regions: regionsHandlers,
};
