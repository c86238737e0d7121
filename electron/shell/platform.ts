import { BrowserWindow, dialog, safeStorage } from 'electron';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../core/api/errors';
import type { Platform, PrintOptions, Secrets } from '../core/platform';
import { paperMillimetres } from '../core/platform';

const MM_PER_INCH = 25.4;

/** Loads a document's HTML in a hidden, script-less, sandboxed window (from a temp file: large HTML). */
async function withDocumentWindow<T>(html: string, work: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const file = join(tmpdir(), `dinsos-doc-${randomBytes(6).toString('hex')}.html`);
  writeFileSync(file, html);
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await window.loadFile(file);
    return await work(window);
  } finally {
    window.destroy();
    rmSync(file, { force: true });
  }
}

/** Said when the system offers no protected storage: the password is then not saved at all, never in plain text. */
export const NO_SAFE_STORAGE =
  'Penyimpanan sandi yang aman tidak tersedia di komputer ini, sehingga sandi server tidak disimpan. Hubungi admin TI, atau jalankan aplikasi dengan --db / DINSOS_DB.';

/**
 * The office server's password, kept by Electron's safeStorage (DPAPI on Windows, the keychain on macOS, the
 * secret service on Linux): only ciphertext reaches the connection file. Without protected storage, refused.
 */
export const desktopSecrets: Secrets = {
  async encrypt(plain) {
    if (!safeStorage.isEncryptionAvailable()) throw new AppError('SECRETS_UNAVAILABLE', NO_SAFE_STORAGE);
    return new Uint8Array(safeStorage.encryptString(plain));
  },
  async decrypt(cipher) {
    if (!safeStorage.isEncryptionAvailable()) throw new AppError('SECRETS_UNAVAILABLE', NO_SAFE_STORAGE);
    try {
      return safeStorage.decryptString(Buffer.from(cipher));
    } catch {
      // DPAPI/keychain refuse ciphertext made for another Windows profile or PC: said as such, not as a window failure.
      throw new AppError('SECRETS_UNREADABLE', 'Sandi server yang tersimpan tidak dapat dibuka oleh pengguna Windows ini di komputer ini.');
    }
  },
};

export function desktopPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    kind: 'desktop',
    secrets: desktopSecrets,
    htmlToPdf: (html: string, options: PrintOptions) =>
      withDocumentWindow(html, (window) => {
        const size = paperMillimetres[options.paper];
        return window.webContents.printToPDF({
          pageSize: { width: size.width / MM_PER_INCH, height: size.height / MM_PER_INCH },
          landscape: options.landscape,
          preferCSSPageSize: true,
          printBackground: true,
        });
      }),
    print: (html: string, options: PrintOptions) =>
      withDocumentWindow(
        html,
        (window) =>
          new Promise<void>((resolve, reject) => {
            const size = paperMillimetres[options.paper];
            window.webContents.print(
              { silent: false, printBackground: true, landscape: options.landscape, pageSize: { width: size.width * 1000, height: size.height * 1000 } },
              (success, reason) => (success || reason === 'cancelled' ? resolve() : reject(new Error(reason))),
            );
          }),
      ),
    async chooseSavePath(suggestedName: string) {
      const window = getWindow();
      const options = { defaultPath: suggestedName };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder(title: string) {
      const window = getWindow();
      const options = { title, properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
