import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/web/pdf';

/** Debian's Chromium driven by playwright-core (which gives every launch a fresh temporary profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', acceptDownloads: true });
  return context.newPage();
}
