/**
 * The office server's automatic backups are made on the PC the folder was chosen on (issue 18, review finding 3):
 * on another PC, Pengaturan › Cadangan & Pemulihan names that PC instead of listing (or failing to open) a folder
 * path that belongs to the other PC's disks, and does not back up into it with "Cadangkan sekarang".
 * Two app instances in browser mode on one PostgreSQL, each with its own data folder, as two PCs have.
 */
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPage } from '../helpers/browser';
import { ok, setUpOffice } from '../helpers/core';
import { serverAndBrowser, signIn } from '../helpers/e2e';
import { startOfficePc, type startTestApp } from '../helpers/webApp';
import { hasPostgres } from '../support/postgres';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe.runIf(hasPostgres || process.env.CI === 'true')('automatic backups of the office server, seen from another PC', () => {
  const { pg, browser, track } = serverAndBrowser();
  let pcA: App;
  let pcB: App;

  beforeAll(async () => {
    const url = await pg.createDatabase('kantor');
    pcA = track(await startOfficePc(url));
    const admin = await setUpOffice(pcA.core);
    await ok(admin, 'backup.saveSettings', { folder: mkdtempSync(join(tmpdir(), 'dinsos-cadangan-')), keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
    pcB = track(await startOfficePc(url));
  }, 180_000);

  it('PC B names the PC that makes them and offers no "Cadangkan sekarang"; PC A lists its folder as before', async () => {
    const pageB = await newPage(browser);
    await signIn(pageB, pcB.web);
    await pageB.goto(`${pcB.web.url}/#/pengaturan/cadangan`);
    const note = pageB.getByTestId('backup-other-pc');
    await expect.poll(() => note.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await note.textContent()).toContain(`Cadangan otomatis kantor dibuat di komputer ${hostname()}`);
    expect(await pageB.getByRole('button', { name: 'Cadangkan sekarang' }).isDisabled()).toBe(true);
    // The status at the top does not send PC B's clerk to the button that is off here.
    expect(await pageB.getByTestId('backup-status').textContent()).toContain(`dibuat di komputer ${hostname()}`);
    await pageB.screenshot({ path: 'test-results/cadangan-komputer-lain.png' });
    expect(await pageB.getByText('tidak dapat dibuka').count()).toBe(0);

    const pageA = await newPage(browser);
    await signIn(pageA, pcA.web);
    await pageA.goto(`${pcA.web.url}/#/pengaturan/cadangan`);
    await expect.poll(() => pageA.getByRole('button', { name: 'Cadangkan sekarang' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await pageA.getByTestId('backup-other-pc').count()).toBe(0);
    await pageA.close();
    await pageB.close();
  }, 120_000);
});
