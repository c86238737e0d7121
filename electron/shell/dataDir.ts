import { app } from 'electron';
import { join } from 'node:path';
import { portableDataDir } from '../core/paths';

/** The shipped read-only resources: beside app.asar when installed, the project's resources/ in development. */
export function appResourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

/**
 * The office's data folder: `data` beside the executable in portable mode (portable.txt there), else the per-user
 * app-data folder. In portable mode Electron's own profile moves there too, so nothing is left on the PC.
 * Call before the app is ready.
 */
export function appDataDir(): string {
  const portable = portableDataDir(app.getPath('exe'));
  if (portable) app.setPath('userData', portable);
  return portable ?? app.getPath('userData');
}
