/**
 * The Electron shell: the only code that imports `electron` (with the preload). Everything that touches
 * data lives in electron/core and runs in its own process (a utility process), never in this one: a long
 * import cannot freeze the window, and a crash of the core is survived.
 */
import { app, type BrowserWindow, dialog, session } from 'electron';
import { join } from 'node:path';
import { AppError } from '../core/api/errors';
import { CoreHost } from '../core/host/host';
import { CORE_STOPPED } from '../core/host/protocol';
import { utilityCore } from './coreProcess';
import { setupIpc } from './ipc';
import { appDataDir, appResourcesDir } from './dataDir';
import { desktopPlatform } from './platform';
import { offerRestore } from './recovery';
import { registerAppScheme, setupAppProtocol } from './protocol';
import { setupSessionSecurity } from './security';
import { runShellSmoke, smokeOptions } from './smoke';
import { createMainWindow } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
// Portable mode (portable.txt beside the executable) is decided before the app is ready.
const dataDir = appDataDir();
let mainWindow: BrowserWindow | null = null;
let core: CoreHost | null = null;

registerAppScheme();
const smoke = smokeOptions(process.argv);

if (smoke) {
  // `--smoke`: a self-test on its own fresh data folder, no window, no single-instance lock (see ./smoke.ts).
  app.whenReady()
    .then(() => runShellSmoke(smoke))
    .then((code) => app.exit(code), () => app.exit(1));
} else if (!app.requestSingleInstanceLock()) {
  // One instance per user: a second start only brings the first window forward, never opens the database twice.
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
  const options = { dataDir, resourcesDir: appResourcesDir() };
  const host = new CoreHost({
    spawn: utilityCore(join(__dirname, 'coreChild.js')),
    init: { ...options, autoBackup: true },
    platform: desktopPlatform(() => mainWindow),
    // After repeated crashes the core is not started again: say so even if the window makes no call.
    onCrash: (restarting) => {
      if (!restarting) void dialog.showMessageBox({ type: 'error', title: 'Dinsos Desk', message: 'Proses inti berhenti', detail: CORE_STOPPED.message });
    },
  });
  try {
    if (!(await startWhileServerDown(host))) return app.quit();
  } catch (error) {
    // A damaged, foreign or too-new database: offer a restore from backup, then try once more.
    if (!(await offerRestore(error, options))) throw error;
    await host.start();
  }
  core = host;
  setupIpc(core, () => mainWindow?.webContents ?? null, devServerUrl);
  mainWindow = createMainWindow(devServerUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

/**
 * This PC works on the office server (Pengaturan › Koneksi basis data) and the server does not answer at start
 * (switched off, network down): say so and try again when asked, instead of closing at the first refusal.
 * False when the user chose to close the app.
 */
async function startWhileServerDown(host: CoreHost): Promise<boolean> {
  for (;;) {
    try {
      await host.start();
      return true;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DB_UNREACHABLE') throw error;
      const choice = await dialog.showMessageBox({
        type: 'warning',
        title: 'Dinsos Desk',
        message: 'Server kantor tidak dapat dihubungi',
        detail: `${error.message}\n\nPastikan komputer server menyala dan jaringan tersambung, lalu pilih "Coba lagi".`,
        buttons: ['Coba lagi', 'Tutup aplikasi'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (choice.response !== 0) return false;
    }
  }
}

function fatal(error: unknown) {
  const message = error instanceof AppError ? error.message : `Aplikasi tidak dapat dimulai: ${String(error)}`;
  dialog.showErrorBox('Dinsos Desk', message);
  app.quit();
}

// The smoke run's hidden PDF windows must not end it.
app.on('window-all-closed', () => {
  if (!smoke) app.quit();
});

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
