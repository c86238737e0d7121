import type { CliCommand } from '../command';
import { importCommand } from './import';
import { backupCommand } from './backup';
import { exportCommand } from './export';
import { infoCommand } from './info';
import { initCommand } from './init';
import { migrateToServerCommand } from './migrateToServer';
import { restoreCommand } from './restore';
import { templatesCommand } from './templates';

/** Every command of `npm run cli`; each lives in its own file. */
export const commands: CliCommand[] = [initCommand, infoCommand, backupCommand, restoreCommand, importCommand, exportCommand, templatesCommand, migrateToServerCommand];
