import type { CliCommand } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { initCommand } from './init';
import { templatesCommand } from './templates';

/** Every command of `npm run cli`; each lives in its own file. */
export const commands: CliCommand[] = [initCommand, infoCommand, importCommand, exportCommand, templatesCommand];
