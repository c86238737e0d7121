/**
 * The app's backup file is a copy of the SQLite database; an office on its server (PostgreSQL, issue 18) has
 * none. Making or restoring one there is refused with a message that says where the data is and who backs the
 * server up, instead of failing on a missing file; the daily backup does not try.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import { openCore, type Core } from '../../../electron/core/app';
import type { AppError } from '../../../electron/core/api/errors';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { dailyBackupDue } from '../../../electron/core/backup/scheduler';
import { writeBackupSettings } from '../../../electron/core/backup/settings';
import { nullPlatform, ok, setUpOffice } from '../../helpers/core';
import { RESOURCES } from '../../helpers/webApp';
import { hasPostgres, startPostgres, type PgCluster } from '../../support/postgres';

// CI installs PostgreSQL (.ci/run): there a missing server is a failure, not a skip.
const run = hasPostgres || process.env.CI === 'true';

describe.runIf(run)('backups of an office on its server (PostgreSQL)', () => {
  let pg: PgCluster;
  let core: Core;
  let admin: Awaited<ReturnType<typeof setUpOffice>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'dinsos-data-'));

  beforeAll(async () => {
    pg = await startPostgres();
    core = await openCore({ dbPath: await pg.createDatabase('backup_server'), dataDir, resourcesDir: RESOURCES, platform: nullPlatform });
    admin = await setUpOffice(core);
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    await pg?.stop();
  });

  it('"Unduh cadangan" is refused, saying the data is on the office server and that IT backs it up with pg_dump', async () => {
    const job = await ok<JobStatus>(admin, 'backup.toFile');
    const done = await core.services.jobs.wait(job.id);
    expect(done.error?.code).toBe('BACKUP_ON_SERVER');
    expect(done.error?.message).toContain('server basis data kantor (PostgreSQL)');
    expect(done.error?.message).toContain('pg_dump');
  });

  it('a restore is refused before anything is read or changed, pointing to pg_restore', async () => {
    const error = (await restoreBackup(join(dataDir, 'tidak-ada.dsbak'), 'cadangan.dsbak', core.paths, () => Promise.reject(new Error('not reopened')), new Date()).catch((x: unknown) => x)) as AppError;
    expect(error.code).toBe('RESTORE_ON_SERVER');
    expect(error.message).toContain('pg_restore');
    expect(error.message).toContain('Data saat ini tidak diubah');
    expect(await ok<{ namaInstansi: string }>(admin, 'admin.getOffice')).toMatchObject({ namaInstansi: 'Dinas Sosial Kabupaten Kotawaringin Timur' });
  });

  it('the daily backup is never due on the server, even when turned on with a folder', async () => {
    await writeBackupSettings(core.db, { folder: mkdtempSync(join(tmpdir(), 'dinsos-cadangan-')), keepDaily: 7, keepMonthly: 12, onExit: true, daily: true });
    expect(await dailyBackupDue(core.services)).toBe(false);
  });
});
