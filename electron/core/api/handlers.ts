/** The one handler map: every call of the contract, by feature. A missing handler is a type error. */
import { adminHandlers } from '../admin/handlers';
import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { backupHandlers } from '../backup/handlers';
import { filesHandlers } from '../files/handlers';
import { importsHandlers } from '../imports/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { regionsHandlers } from '../regions/handlers';
import { usersHandlers } from '../users/handlers';
import type { HandlerMap } from './handlerTypes';

export const handlers: HandlerMap = {
  admin: adminHandlers,
  audit: auditHandlers,
  auth: authHandlers,
  backup: backupHandlers,
  files: filesHandlers,
  imports: importsHandlers,
  jobs: jobsHandlers,
  regions: regionsHandlers,
  users: usersHandlers,
};
