/**
 * The first-start wizard asks where backups go (issue 15): a folder given with the first admin is checked
 * before anything is written, stored as the automatic backup folder with daily and on-exit backups on, and
 * audited; a folder that cannot take a file refuses the whole setup with the reason beside the field.
 */
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { Platform } from '../../../electron/core/platform';
import type { SetupStatus } from '../../../shared/api/admin';
import type { BackupOverview } from '../../../shared/api/backup';
import { fail, kotimSetup, nullPlatform, ok, openTestCore } from '../../helpers/core';

const picked: string[] = [];
const pickerPlatform: Platform = {
  ...nullPlatform,
  kind: 'desktop',
  async chooseFolder(title: string) {
    picked.push(title);
    return 'E:\\Cadangan Dinsos';
  },
};

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe('backup folder chosen in the setup wizard', () => {
  it('stores the folder with automatic backup on, so the dashboard has nothing to warn about', async () => {
    core = await openTestCore();
    const folder = join(mkdtempSync(join(tmpdir(), 'dinsos-usb-')), 'Cadangan Dinsos');
    const admin = core.createClient();
    await ok(admin, 'admin.completeSetup', { ...kotimSetup(), backupFolder: folder });
    const overview = await ok<BackupOverview>(admin, 'backup.overview');
    expect(overview.settings).toMatchObject({ folder, daily: true, onExit: true });
    expect(overview.folderProblem).toBeNull();
    // The folder was created (it did not exist) and the write probe left nothing behind.
    expect(readdirSync(folder)).toEqual([]);
    const audit = await core.db.selectFrom('audit_log').select(['entity', 'username', 'note']).where('entity', '=', 'backup_settings').execute();
    expect(audit).toEqual([{ entity: 'backup_settings', username: 'admin', note: 'Dipilih pada pengaturan awal' }]);
  });

  it('leaves the folder unset when the clerk skips the step (the dashboard keeps warning)', async () => {
    core = await openTestCore();
    const admin = core.createClient();
    await ok(admin, 'admin.completeSetup', { ...kotimSetup(), backupFolder: '' });
    expect((await ok<BackupOverview>(admin, 'backup.overview')).settings.folder).toBeNull();
  });

  it('refuses a folder that cannot take a file, names the field, and sets nothing up', async () => {
    core = await openTestCore();
    const parent = mkdtempSync(join(tmpdir(), 'dinsos-usb-'));
    const notAFolder = join(parent, 'berkas.txt');
    writeFileSync(notAFolder, 'bukan folder');
    const client = core.createClient();
    const refused = await fail(client, 'admin.completeSetup', { ...kotimSetup(), backupFolder: join(notAFolder, 'Cadangan') });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(refused.details).toEqual({ issues: [{ path: 'backupFolder', message: 'Folder ini tidak dapat ditulisi. Periksa disk/flashdisk dan izinnya.' }] });
    expect(await core.db.selectFrom('app_user').select('id').execute()).toEqual([]);
    expect(await core.db.selectFrom('office').select('id').execute()).toEqual([]);
    expect((await ok<SetupStatus>(client, 'admin.setupStatus')).needsSetup).toBe(true);

    if (process.getuid?.() !== 0) {
      const readOnly = join(parent, 'flashdisk-terkunci');
      chmodSync(parent, 0o500);
      try {
        const locked = await fail(client, 'admin.completeSetup', { ...kotimSetup(), backupFolder: readOnly });
        expect(locked.details).toMatchObject({ issues: [{ path: 'backupFolder' }] });
      } finally {
        chmodSync(parent, 0o700);
      }
    }
    // A folder inside the app's own data folder is no protection against a dead disk.
    const inside = await fail(client, 'admin.completeSetup', { ...kotimSetup(), backupFolder: join(core.paths.dataDir, 'cadangan') });
    expect(inside.details).toMatchObject({ issues: [{ path: 'backupFolder', message: expect.stringContaining('di luar folder data aplikasi') }] });
    expect((await ok<SetupStatus>(client, 'admin.setupStatus')).needsSetup).toBe(true);
  });

  it('opens the desktop folder dialog for the wizard only while no account exists', async () => {
    core = await openTestCore({ platform: pickerPlatform });
    const wizard = core.createClient();
    expect(await ok<string | null>(wizard, 'backup.chooseSetupFolder')).toBe('E:\\Cadangan Dinsos');
    expect(picked).toHaveLength(1);
    await ok(wizard, 'admin.completeSetup', kotimSetup());
    const later = await fail(core.createClient(), 'backup.chooseSetupFolder');
    expect(later.code).toBe('UNAUTHENTICATED');
    expect(picked).toHaveLength(1);
  });
});
