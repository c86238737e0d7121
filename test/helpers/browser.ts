import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/web/pdf';

/** Debian's Chromium driven by playwright-core (which gives every launch a fresh temporary profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page in a fresh context: a laptop screen, Indonesian locale, downloads kept; `options` adds or overrides. */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', acceptDownloads: true, ...options });
  return context.newPage();
}
