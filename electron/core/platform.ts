import type { PaperSize } from '../../shared/api/admin';

export interface PrintOptions {
  paper: PaperSize;
  landscape: boolean;
}

/**
 * What the main-side code needs from whoever hosts it: the Electron shell, the browser-mode server, or the
 * command line. Keeps `electron` out of everything that touches data.
 */
export interface Platform {
  kind: 'desktop' | 'web' | 'cli';
  /** The same HTML the app prints, as a PDF (Electron printToPDF; headless Chromium in browser mode). */
  htmlToPdf(html: string, options: PrintOptions): Promise<Buffer>;
  /** Desktop only: the system print dialog. */
  print?(html: string, options: PrintOptions): Promise<void>;
  /** Desktop only: ask the user where to save a file; null when cancelled. */
  chooseSavePath?(suggestedName: string): Promise<string | null>;
  /** Desktop only: ask the user for a folder (the backup folder); null when cancelled. */
  chooseFolder?(title: string): Promise<string | null>;
  /**
   * Where this PC keeps a secret (the office server's password, issue 18) so it is never stored in plain text:
   * the desktop app uses Electron's safeStorage (the OS keychain / DPAPI); tests inject their own. Absent (the
   * command line, plain browser mode): a server connection cannot be saved from the app there.
   */
  secrets?: Secrets;
}

export interface Secrets {
  /** Ciphertext of `plain`; rejects with an AppError when the system offers no protected storage. */
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(cipher: Uint8Array): Promise<string>;
}

export const paperMillimetres: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  F4: { width: 215, height: 330 },
};
