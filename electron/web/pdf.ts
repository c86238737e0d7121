import type { Browser, Page } from 'playwright-core';
import type { Platform, PrintOptions } from '../core/platform';
import { paperMillimetres } from '../core/platform';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A small page in the documents' fonts and shapes: printing it once loads what the first real document needs. */
const WARM_HTML = `<!doctype html><html><head><style>@page { size: 210mm 297mm; margin: 20mm; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 11pt; } table { border-collapse: collapse; }
td { border: 0.75pt solid #000; padding: 2pt; }</style></head><body><p><b>BERITA ACARA</b> <i>Terbilang</i> 1.234.567</p>
<table><thead><tr><td>No</td><td>Nama</td></tr></thead><tbody><tr><td>1</td><td>Siti</td></tr></tbody></table></body></html>`;

/**
 * Browser mode's platform: PDFs come from headless Chromium rendering the same HTML the desktop app prints.
 * Chromium starts and prints a small page as soon as the platform is made (the first document would otherwise
 * wait ~9 s for the launch and the first layout), and one page is kept and reused for every document, one at a time.
 */
export function webPlatform(): Platform & { ready(): Promise<void>; dispose(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  let page: Promise<Page> | null = null;
  // One document at a time on the kept page.
  let queue: Promise<unknown> = Promise.resolve();
  const launch = async () => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  };
  const openPage = async () => (await (browser ??= launch())).newPage();
  const render = async (html: string, options: PrintOptions) => {
    let p: Page;
    try {
      p = await (page ??= openPage());
      if (p.isClosed()) throw new Error('closed');
    } catch {
      // The kept page (or the browser) died: start again once.
      browser = null;
      p = await (page = openPage());
    }
    await p.setContent(html, { waitUntil: 'load' });
    const size = paperMillimetres[options.paper];
    return p.pdf({
      width: `${options.landscape ? size.height : size.width}mm`,
      height: `${options.landscape ? size.width : size.height}mm`,
      preferCSSPageSize: true,
      printBackground: true,
    });
  };
  const htmlToPdf = (html: string, options: PrintOptions): Promise<Buffer> => {
    const job = queue.then(() => render(html, options));
    queue = job.catch(() => undefined);
    return job;
  };
  const warm = htmlToPdf(WARM_HTML, { paper: 'A4', landscape: false }).then(
    () => undefined,
    () => undefined, // a failed warm-up shows up, with its message, on the first real document instead
  );
  return {
    kind: 'web',
    htmlToPdf,
    ready: () => warm,
    async dispose() {
      await warm;
      if (browser) await (await browser).close().catch(() => undefined);
      browser = null;
      page = null;
    },
  };
}
