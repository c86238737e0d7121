import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { BackupResult, StagedRestore } from '../../../shared/api/backup';
import type { JobStatus } from '../../../shared/api/jobs';
import { KEEP_ASIDE_NEWEST } from '../../../electron/core/backup/sweep';
import { ok, openTestCore, setUpOffice } from '../../helpers/core';
import { sqliteOnly } from '../../helpers/engines';

const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

describe.runIf(posix && !sqliteOnly('file modes of the database file and its WAL'))('files the app writes are readable by the user only', () => {
  it('data folder, database and WAL, attachments, outbox, backups, restore staging and kept-aside data', async () => {
    const previous = process.umask(0o022); // the usual desktop umask: without explicit modes files come out 0644
    try {
      core = await openTestCore();
      const admin = await setUpOffice(core);
      const { paths } = core;
      for (const dir of [paths.dataDir, paths.attachmentsDir, paths.outboxDir]) expect(mode(dir), dir).toBe(0o700);
      for (const f of [paths.dbPath, `${paths.dbPath}-wal`, `${paths.dbPath}-shm`].filter(existsSync)) expect(mode(f), f).toBe(0o600);
      expect(existsSync(`${paths.dbPath}-wal`)).toBe(true);

      const folder = join(mkdtempSync(join(tmpdir(), 'dinsos-privat-')), 'cadangan-baru');
      await ok(admin, 'backup.saveSettings', { folder, keepDaily: 7, keepMonthly: 12, onExit: false, daily: false });
      const run = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.runNow')).id)) as JobStatus<BackupResult>;
      expect(run.error).toBeNull();
      expect(mode(folder)).toBe(0o700); // a folder the app created
      expect(mode(run.result!.path)).toBe(0o600);

      const file = (await core.services.jobs.wait((await ok<JobStatus>(admin, 'backup.toFile')).id)) as JobStatus<{ id: string }>;
      const outboxFile = core.services.outbox.get(file.result!.id).path;
      expect(mode(outboxFile)).toBe(0o600);
      for (const f of readdirSync(paths.outboxDir)) expect(mode(join(paths.outboxDir, f)), f).toBe(0o600);
      const saved = join(mkdtempSync(join(tmpdir(), 'dinsos-simpan-')), 'cadangan.dsbak');
      core.services.outbox.saveTo(file.result!.id, saved);
      expect(mode(saved)).toBe(0o600);

      const staged = await ok<StagedRestore>(admin, 'backup.stageFromFolder', { fileName: run.result!.fileName });
      expect(mode(join(paths.dataDir, 'pulih'))).toBe(0o700);
      for (const f of readdirSync(join(paths.dataDir, 'pulih'))) expect(mode(join(paths.dataDir, 'pulih', f)), f).toBe(0o600);

      writeFileSync(join(paths.attachmentsDir, 'foto.jpg'), 'x');
      const restored = await ok<{ keptAsidePath: string }>(admin, 'backup.restore', { token: staged.token, confirm: true, acceptWarnings: [] });
      expect(mode(paths.dbPath)).toBe(0o600);
      expect(mode(paths.attachmentsDir)).toBe(0o700);
      expect(mode(join(paths.dataDir, 'sebelum-pulih'))).toBe(0o700);
      expect(mode(join(restored.keptAsidePath, '..'))).toBe(0o700);
      expect(mode(restored.keptAsidePath)).toBe(0o600);
      expect(readdirSync(join(paths.dataDir, 'pulih'))).toEqual([]); // the staged copy is gone once restored
    } finally {
      process.umask(previous);
    }
  });
});

describe.skipIf(sqliteOnly("leftovers beside the database file (restore parts, kept-aside copies)"))('leftovers are swept at start', () => {
  it('.part files over an hour old, outbox and import uploads older than a day, unconfirmed restore uploads, and old sebelum-pulih copies beyond the newest few', async () => {
    core = await openTestCore();
    await setUpOffice(core);
    const { paths } = core;
    await core.close();
    core = null;
    const dayAgo = (path: string, days: number) => {
      const t = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
      utimesSync(path, t, t);
    };
    const put = (path: string, days = 0) => {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, 'x');
      if (days) dayAgo(path, days);
      return path;
    };
    const hours = (h: number) => h / 24;
    const gone = [
      put(`${paths.dbPath}.pulih.part`, hours(2)),
      put(join(paths.outboxDir, `${'a'.repeat(32)}.part`), hours(2)),
      put(join(paths.outboxDir, 'b'.repeat(32)), 2),
      put(join(paths.dataDir, 'staging', `${'c'.repeat(32)}.json`), 2),
      put(join(paths.dataDir, 'pulih', `${'d'.repeat(32)}.dsbak`), hours(7)),
    ];
    put(join(paths.dataDir, 'lampiran.pulih.part', 'a.jpg'));
    dayAgo(join(paths.dataDir, 'lampiran.pulih.part'), hours(2));
    gone.push(join(paths.dataDir, 'lampiran.pulih.part'));
    mkdirSync(join(paths.dataDir, 'staging', 'e'.repeat(32)));
    dayAgo(join(paths.dataDir, 'staging', 'e'.repeat(32)), 2);
    gone.push(join(paths.dataDir, 'staging', 'e'.repeat(32)));
    // Fresh ones may belong to work still running in another process (a CLI command beside the app).
    const kept = [
      put(join(paths.outboxDir, 'f'.repeat(32))),
      put(join(paths.outboxDir, `${'1'.repeat(32)}.part`)),
      put(`${paths.dbPath}.pulih.part`.replace('pulih', 'lain')),
      put(join(paths.dataDir, 'staging', `${'0'.repeat(32)}.json`)),
      put(join(paths.dataDir, 'pulih', `${'2'.repeat(32)}.dsbak`), hours(1)),
    ];
    // Six kept-aside copies, all older than the limit but the newest: the newest few stay whatever their age.
    const aside = ['2026-01-01-080000', '2026-02-01-080000', '2026-03-01-080000', '2026-04-01-080000', '2026-05-01-080000', '2026-11-30-080000'];
    for (const [i, name] of aside.entries()) {
      put(join(paths.dataDir, 'sebelum-pulih', name, 'dinsos.sqlite'));
      dayAgo(join(paths.dataDir, 'sebelum-pulih', name), i === aside.length - 1 ? 1 : 60);
    }

    core = await openTestCore({ dbPath: paths.dbPath });
    for (const p of gone) expect(existsSync(p), p).toBe(false);
    for (const p of kept) expect(existsSync(p), p).toBe(true);
    expect(readdirSync(join(paths.dataDir, 'sebelum-pulih')).sort()).toEqual(aside.slice(-KEEP_ASIDE_NEWEST));
    expect(existsSync(paths.dbPath)).toBe(true);
  });
});
