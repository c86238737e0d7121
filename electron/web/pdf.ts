import type { Browser } from 'playwright-core';
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

/** Browser mode's platform: PDFs come from headless Chromium rendering the same HTML the desktop app prints. */
export function webPlatform(): Platform & { dispose(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  const launch = async () => {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  };
  return {
    kind: 'web',
    async htmlToPdf(html: string, options: PrintOptions) {
      const page = await (await (browser ??= launch())).newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        const size = paperMillimetres[options.paper];
        return await page.pdf({
          width: `${options.landscape ? size.height : size.width}mm`,
          height: `${options.landscape ? size.width : size.height}mm`,
          preferCSSPageSize: true,
          printBackground: true,
        });
      } finally {
        await page.close();
      }
    },
    async dispose() {
      if (browser) await (await browser).close();
    },
  };
}
