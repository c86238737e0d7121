import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import { backupOnExit, dailyBackupDue, startBackupScheduler } from '../../../electron/core/backup/scheduler';
import { openTestCore, setUpOffice } from '../../helpers/core';
import { sqliteOnly } from '../../helpers/engines';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe.skipIf(sqliteOnly('a one-PC file backs up at every exit; on the server one automatic backup a day for the office, daily or on exit: postgres/backupOnServer.test.ts'))('automatic backups', () => {
  it('daily while running: once a day, old ones pruned, and on exit only when enabled', async () => {
    let now = new Date(2026, 10, 23, 9, 0, 0);
    core = await openTestCore({ now: () => now });
    const admin = await setUpOffice(core);
    const services = core.services;
    // Nothing is due until a folder is chosen.
    expect(await dailyBackupDue(services)).toBe(false);
    const folder = mkdtempSync(join(tmpdir(), 'dinsos-harian-'));
    const saved = await admin.call('backup.saveSettings', { folder, keepDaily: 2, keepMonthly: 1, onExit: true, daily: true });
    expect(saved.ok).toBe(true);
    expect(await dailyBackupDue(services)).toBe(true);

    const scheduler = startBackupScheduler(services);
    try {
      await scheduler.tick();
      expect(readdirSync(folder)).toEqual(['dinsos-2026-11-23-090000-otomatis.dsbak']);
      now = new Date(2026, 10, 23, 15, 0, 0);
      await scheduler.tick(); // same day: nothing new
      expect(readdirSync(folder)).toHaveLength(1);
      for (const day of [24, 25, 26]) {
        now = new Date(2026, 10, day, 8, 30, 0);
        await scheduler.tick();
      }
      // keepDaily 2: the last two days remain (the newest also stands for the month).
      expect(readdirSync(folder).sort()).toEqual(['dinsos-2026-11-25-083000-otomatis.dsbak', 'dinsos-2026-11-26-083000-otomatis.dsbak']);
    } finally {
      scheduler.stop();
    }

    now = new Date(2026, 10, 26, 17, 0, 0);
    const exitFile = await backupOnExit(services);
    expect(exitFile).toBe(join(folder, 'dinsos-2026-11-26-170000-keluar.dsbak'));
    // Switched off: closing the app writes nothing. (Days have passed: the admin signs in again.)
    const again = core.createClient();
    expect((await again.call('auth.login', { username: 'admin', password: 'rahasia-kotim-2024' })).ok).toBe(true);
    const off = await again.call('backup.saveSettings', { folder, keepDaily: 2, keepMonthly: 1, onExit: false, daily: false });
    expect(off.ok).toBe(true);
    now = new Date(2026, 10, 27, 17, 0, 0);
    expect(await backupOnExit(services)).toBeNull();
    expect(await dailyBackupDue(services)).toBe(false);
  });
});
