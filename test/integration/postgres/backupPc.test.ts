/**
 * The office's automatic backups on the server run on the PC the admin chose the folder on (issue 18, review
 * finding 3): the settings are the office's, shared by every PC, but a folder path such as D:\Cadangan names a
 * place on one PC's disks, and the same path may exist on another PC. Here every "PC" runs on one machine, so the
 * chosen folder exists for all of them, which is exactly that case. The exit backup on a server takes the same
 * lock and once-a-day rule as the daily one.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupOverview } from '../../../shared/api/backup';
import { openCore, type Core } from '../../../electron/core/app';
import { dailyBackupDue, startBackupScheduler } from '../../../electron/core/backup/scheduler';
import { useCluster } from '../../helpers/cluster';
import { kotimSetup, nullPlatform, ok, signedIn } from '../../helpers/core';
import { PG_TEMPLATE, RESOURCES } from '../../helpers/webApp';
import { postgresTestsRun } from '../../support/postgres';

const PASSWORD = kotimSetup().admin.password;
const settings = (folder: string) => ({ folder, keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
/** One check of the PC's backup scheduler, as its timer makes it. */
async function checkOnce(core: Core) {
  const scheduler = startBackupScheduler(core.services);
  try {
    await scheduler.tick();
  } finally {
    scheduler.stop();
  }
}
const backups = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.dsbak')).sort();

describe.runIf(postgresTestsRun)('automatic backups of an office server run on the PC the folder was chosen on', () => {
  const cluster = useCluster();
  const cores: Core[] = [];
  let now = new Date(2026, 11, 7, 8, 0, 0);
  const pc = async (target: string) => {
    const core = await openCore({ dbPath: target, dataDir: mkdtempSync(join(tmpdir(), 'dinsos-pc-')), resourcesDir: RESOURCES, platform: nullPlatform, now: () => now });
    cores.push(core);
    return core;
  };
  afterAll(async () => {
    for (const core of cores) await core.close().catch(() => undefined);
  });

  it('another PC where the same folder path exists neither backs up daily nor on exit, and its Cadangan page names the PC that does', async () => {
    now = new Date(2026, 11, 7, 8, 0, 0);
    const target = await cluster.createDatabase('backup_pc', PG_TEMPLATE);
    const [pcA, pcB] = [await pc(target), await pc(target)];
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-cadangan-'));
    await ok(await signedIn(pcA, 'admin', PASSWORD), 'backup.saveSettings', settings(folder));

    expect(await dailyBackupDue(pcB.services)).toBe(false);
    const onB = await ok<BackupOverview>(await signedIn(pcB, 'admin', PASSWORD), 'backup.overview');
    expect(onB.otherPc).toBe(hostname());
    expect(onB.folderProblem).toBeNull();
    expect((await ok<BackupOverview>(await signedIn(pcA, 'admin', PASSWORD), 'backup.overview')).otherPc).toBeNull();

    await checkOnce(pcB);
    expect(await pcB.backupOnExit()).toBeNull();
    expect(backups(folder)).toEqual([]);

    expect(await dailyBackupDue(pcA.services)).toBe(true);
    await checkOnce(pcA);
    expect(backups(folder)).toEqual(['dinsos-2026-12-07-080000-otomatis.dsbak']);
  }, 120_000);

  it('the exit backup on the server runs once a day, under the same lock as the daily one', async () => {
    now = new Date(2026, 11, 7, 9, 0, 0);
    const target = await cluster.createDatabase('backup_exit', PG_TEMPLATE);
    const pcA = await pc(target);
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-cadangan-'));
    await ok(await signedIn(pcA, 'admin', PASSWORD), 'backup.saveSettings', { ...settings(folder), daily: false });
    // Two windows of the PC closing together (or a restart at that moment): one backup of the server.
    const [first, second] = await Promise.all([pcA.backupOnExit(), pcA.backupOnExit()]);
    expect([first, second].filter(Boolean)).toEqual([join(folder, 'dinsos-2026-12-07-090000-keluar.dsbak')]);
    now = new Date(2026, 11, 7, 17, 0, 0);
    expect(await pcA.backupOnExit()).toBeNull(); // the same day: already backed up
    now = new Date(2026, 11, 8, 17, 0, 0);
    expect(await pcA.backupOnExit()).toBe(join(folder, 'dinsos-2026-12-08-170000-keluar.dsbak'));
    expect(backups(folder)).toHaveLength(2);
  }, 120_000);

  it('settings saved before the PC was recorded are taken on by the first PC that backs up into the folder', async () => {
    now = new Date(2026, 11, 7, 8, 0, 0);
    const target = await cluster.createDatabase('backup_legacy', PG_TEMPLATE);
    const [pcA, pcB] = [await pc(target), await pc(target)];
    await ok(pcA.createClient(), 'admin.completeSetup', kotimSetup());
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-cadangan-'));
    await pcA.db.insertInto('meta').values({ key: 'backup.settings', value: JSON.stringify(settings(folder)) }).execute();

    await checkOnce(pcA);
    expect(backups(folder)).toHaveLength(1);
    now = new Date(2026, 11, 8, 8, 0, 0);
    expect(await dailyBackupDue(pcB.services)).toBe(false);
    expect(await dailyBackupDue(pcA.services)).toBe(true);
  }, 120_000);
});
