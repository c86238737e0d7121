/** The one handler map: every call of the contract, by feature. A missing handler is a type error. */
import { adminHandlers } from '../admin/handlers';
import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { exportsHandlers } from '../exports/handlers';
import { backupHandlers } from '../backup/handlers';
import { dashboardHandlers } from '../dashboard/handlers';
import { exportsHandlers } from '../exports/handlers';
import { filesHandlers } from '../files/handlers';
import { handoversHandlers } from '../handovers/handlers';
import { importsHandlers } from '../imports/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { meetingsHandlers } from '../meetings/handlers';
import { programsHandlers } from '../programs/handlers';
import { regionsHandlers } from '../regions/handlers';
import { usersHandlers } from '../users/handlers';
import { registryHandlers } from '../registry/handlers';
import type { HandlerMap } from './handlerTypes';

export const handlers: HandlerMap = {
  admin: adminHandlers,
  audit: auditHandlers,
  auth: authHandlers,
  exports: exportsHandlers,
  backup: backupHandlers,
  dashboard: dashboardHandlers,
  exports: exportsHandlers,
  files: filesHandlers,
  handovers: handoversHandlers,
  imports: importsHandlers,
  jobs: jobsHandlers,
  meetings: meetingsHandlers,
  programs: programsHandlers,
  regions: regionsHandlers,
  users: usersHandlers,
  registry: registryHandlers,
};
