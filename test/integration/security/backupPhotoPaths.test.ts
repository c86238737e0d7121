/**
 * A handover photo over the 8 MB upload limit is refused however the backup spells it (security/backup.test.ts
 * has the plain cases). The restore puts
 * a backup_file row wherever path.normalize() sends it (restore.ts safeJoin), so './foto-penyerahan/x' or
 * 'x/../foto-penyerahan/x' lands on the photo's own path; and SQLite's length() counts characters of a TEXT value.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/api/jobs';
import type { Core } from '../../../electron/core/app';
import type { AppError } from '../../../electron/core/api/errors';
import { inspectBackup } from '../../../electron/core/backup/inspect';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';

const NINE_MB = 9 * 1024 * 1024;
const STORED = `${'d'.repeat(32)}.jpg`;

describe('an oversized handover photo, however the backup spells it', () => {
  let core: Core;
  let good: Buffer;
  beforeAll(async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    const job = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
    good = readFileSync(core.services.outbox.get(job.result!.id).path);
  }, 60_000);
  afterAll(async () => core?.close());

  /** A copy of the good backup changed by `statement`, its SHA-256 left out (an older backup's NO_FINGERPRINT). */
  async function crafted(statement: string): Promise<string> {
    const file = join(mkdtempSync(join(tmpdir(), 'dinsos-foto-')), 'cadangan.dsbak');
    writeFileSync(file, good);
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (e) =>
        e ? reject(e) : db.exec(`${statement}; delete from backup_manifest where key = 'content_sha256'`, (err) => db.close(() => (err ? reject(err) : resolve()))),
      );
    });
    return file;
  }
  const outcome = (file: string) => inspectBackup(file, 'cadangan.dsbak').then(() => 'accepted', (e: AppError) => e.code);

  it.each([
    ['./foto-penyerahan/'],
    ['lampiran/../foto-penyerahan/'],
    ['foto-penyerahan\\'], // a Windows restore's normalize() reads the backslash as a separator
  ])('a 9 MB photo file at %s<name> is refused', async (prefix) => {
    const file = await crafted(`insert into backup_file values ('${prefix}${STORED}', ${NINE_MB}, zeroblob(${NINE_MB}))`);
    expect(await outcome(file)).toBe('BACKUP_INVALID');
  });

  it('a photo stored as text of 3 million 4-byte characters (12 MB) is refused', async () => {
    const file = await crafted(`insert into penyerahan_foto_berkas (stored_name, data, thumb, dihapus_at) values ('${STORED}', replace(hex(zeroblob(3000000)), '00', '😀'), null, null)`);
    expect(await outcome(file)).toBe('BACKUP_INVALID');
  });

  it('a photo at exactly its own path, at the limit, is still accepted', async () => {
    const file = await crafted(`insert into backup_file values ('./foto-penyerahan/${STORED}', 10, zeroblob(${8 * 1024 * 1024}))`);
    expect(await outcome(file)).toBe('accepted');
  });
});
