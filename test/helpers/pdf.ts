import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { inRunTmp } from './runTmp';

/**
 * Renders document HTML to PDF in Debian's Chromium, the same engine Electron prints with.
 * One browser is shared per test file (per worker process); call `closeBrowser()` in `afterAll`.
 */

let browserPromise: Promise<Browser> | null = null;

function getBrowser(): Promise<Browser> {
  return (browserPromise ??= inRunTmp(launchBrowser));
}

export async function closeBrowser(): Promise<void> {
  if (browserPromise) {
    const browser = await browserPromise;
    browserPromise = null;
    await browser.close();
  }
}

export async function htmlToPdf(html: string, opts: { paper: 'A4' | 'F4'; landscape: boolean }): Promise<Buffer> {
  const browser = await getBrowser();
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // The document's @page rule decides the size; the format here is only the fallback.
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      format: opts.paper === 'A4' ? 'A4' : undefined,
      width: opts.paper === 'F4' ? (opts.landscape ? '330mm' : '215mm') : undefined,
      height: opts.paper === 'F4' ? (opts.landscape ? '215mm' : '330mm') : undefined,
      landscape: opts.landscape,
    });
    return Buffer.from(pdf);
  } finally {
    await context.close();
  }
}

function withTempPdf<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dinsos-pdf-'));
  const file = join(dir, 'doc.pdf');
  try {
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text in reading layout (`pdftotext -layout`); pages are separated by form feeds (\f). */
export function pdfText(pdf: Buffer): string {
  return withTempPdf(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** The text of each page separately. */
export function pdfPages(pdf: Buffer): string[] {
  const pages = pdfText(pdf).split('\f');
  if (pages.length > 0 && pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

export interface PdfInfo {
  pages: number;
  /** Size of the first page in PostScript points (1/72 inch). */
  width: number;
  height: number;
}

export function pdfInfo(pdf: Buffer): PdfInfo {
  const out = withTempPdf(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  const pages = /^Pages:\s+(\d+)/m.exec(out);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  if (!pages?.[1] || !size?.[1] || !size[2]) throw new Error(`unexpected pdfinfo output:\n${out}`);
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Writes the PDF to a path for looking at it (`pdftoppm -png -r 60 file.pdf /tmp/doc`). */
export function savePdf(pdf: Buffer, path: string): void {
  writeFileSync(path, pdf);
}
