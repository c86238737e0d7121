/**
 * Browser mode end to end with the core in its own process, as `npm run web` runs it: the page signs in over
 * HTTP, the server relays to the forked core process; after a kill -9 of that process the page shows the
 * banner and the login again, and the data saved before is still there.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CoreHost } from '../../../electron/core/host/host';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { webPlatform } from '../../../electron/web/pdf';
import { kotimSetup, ok } from '../../helpers/core';
import { launchBrowser, newPage } from '../../helpers/browser';
import { ADMIN, signIn } from '../../helpers/e2e';
import { ROOT, startForkedCore } from '../../helpers/webApp';

describe('browser mode over a forked core process', () => {
  let host: CoreHost;
  let web: WebServer;
  let browser: Browser;
  let page: Page;
  const platform = webPlatform();
  beforeAll(async () => {
    host = await startForkedCore({ platform });
    await ok(host.createClient(), 'admin.completeSetup', kotimSetup());
    web = await startWebServer(host, { rendererDir: join(ROOT, 'out/renderer') });
    browser = await launchBrowser();
    page = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await platform.dispose();
    await host?.close();
  });

  it('signs in, and after the core process is killed shows the banner and the login, then works again', async () => {
    await signIn(page, web);
    await expect.poll(() => page.getByTestId('session-user').textContent()).toContain('Siti Rahmawati');

    const pid = host.pid!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => host.pid !== undefined && host.pid !== pid).toBe(true);
    // The next call from the page (a reload asks who is signed in) hears that the core restarted.
    await page.reload();
    await page.getByText('Proses inti dimulai ulang').waitFor();
    await expect.poll(() => page.getByText('Data yang sudah tersimpan aman', { exact: false }).count()).toBeGreaterThan(0);
    await page.getByLabel('Nama pengguna').waitFor();

    await page.getByLabel('Nama pengguna').fill(ADMIN.username);
    await page.getByLabel('Kata sandi').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    // The office saved before the crash is read from the database by the new core process.
    await expect.poll(() => page.getByTestId('office-name').textContent()).toBe('Dinas Sosial Kabupaten Kotawaringin Timur');
  });
});
