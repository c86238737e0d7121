/**
 * The one handler map: every call of the contract, by feature. A missing handler is a type error. It sits at
 * the top, beside `app.ts`, because it imports every feature; `api/` (dispatch, context, errors) stays the
 * machinery features build on and imports none of them.
 */
import { adminHandlers } from './admin/handlers';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { connectionHandlers } from './connection/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import { demoHandlers } from './demo/handlers';
import { exportsHandlers } from './exports/handlers';
import { filesHandlers } from './files/handlers';
import { handoversHandlers } from './handovers/handlers';
import { importsHandlers } from './imports/handlers';
import { interventionsHandlers } from './interventions/handlers';
import { jobsHandlers } from './jobs/handlers';
import { meetingsHandlers } from './meetings/handlers';
import { programsHandlers } from './programs/handlers';
import { regionsHandlers } from './regions/handlers';
import { registryHandlers } from './registry/handlers';
import { usersHandlers } from './users/handlers';
import { workbooksHandlers } from './workbooks/handlers';
import type { HandlerMap } from './api/handlerTypes';

export const handlers: HandlerMap = {
  admin: adminHandlers,
  audit: auditHandlers,
  auth: authHandlers,
  backup: backupHandlers,
  connection: connectionHandlers,
  dashboard: dashboardHandlers,
  demo: demoHandlers,
  exports: exportsHandlers,
  files: filesHandlers,
  handovers: handoversHandlers,
  imports: importsHandlers,
  interventions: interventionsHandlers,
  jobs: jobsHandlers,
  meetings: meetingsHandlers,
  programs: programsHandlers,
  regions: regionsHandlers,
  registry: registryHandlers,
  users: usersHandlers,
  workbooks: workbooksHandlers,
};
