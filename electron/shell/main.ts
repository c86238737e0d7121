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
  core = await openCore({
    dataDir: app.getPath('userData'),
    resourcesDir,
    platform: desktopPlatform(() => mainWindow),
  });
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
app.on('will-quit', () => {
  void core?.close();
});
