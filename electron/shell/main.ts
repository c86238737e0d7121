/**
 * The Electron shell: the only code that imports `electron` (with the preload). Everything that touches
 * data lives in electron/core and runs in plain Node.
 */
import { app, type BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import { AppError } from '../core/api/errors';
import { openCore, type Core } from '../core/app';
import { setupIpc } from './ipc';
import { desktopPlatform } from './platform';
import { offerRestore } from './recovery';
import { registerAppScheme, setupAppProtocol } from './protocol';
import { setupSessionSecurity } from './security';
import { createMainWindow } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

registerAppScheme();

// One instance per user: a second start only brings the first window forward, never opens the database twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, fatal);
}

async function start() {
  setupSessionSecurity(session.defaultSession);
  setupAppProtocol(join(__dirname, '../renderer'));
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const options = { dataDir: app.getPath('userData'), resourcesDir, platform: desktopPlatform(() => mainWindow), autoBackup: true };
  try {
    core = await openCore(options);
  } catch (error) {
    // A damaged, foreign or too-new database: offer a restore from backup, then try once more.
    if (!(await offerRestore(error, options))) throw error;
    core = await openCore(options);
  }
  setupIpc(core, () => mainWindow?.webContents ?? null, devServerUrl);
  mainWindow = createMainWindow(devServerUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

function fatal(error: unknown) {
  const message = error instanceof AppError ? error.message : `Aplikasi tidak dapat dimulai: ${String(error)}`;
  dialog.showErrorBox('Dinsos Desk', message);
  app.quit();
}

app.on('window-all-closed', () => app.quit());

// Quitting waits for the backup-on-exit (when the admin enabled it), then closes the database cleanly.
let quitting = false;
app.on('will-quit', (event) => {
  if (quitting || !core) return;
  quitting = true;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing
    .backupOnExit()
    .finally(() => closing.close())
    .catch(() => undefined)
    .finally(() => app.quit());
});
