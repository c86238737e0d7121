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
}

export const paperMillimetres: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  F4: { width: 215, height: 330 },
};
