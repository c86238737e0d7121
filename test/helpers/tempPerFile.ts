import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runTmpDir } from './runTmp';

/**
 * Each test file's temporary files in a folder of its own, removed when the file is done (after the file's own
 * afterAll hooks, which stop its servers and browsers), so a run holds a couple of files' worth at a time
 * rather than everything until the end (see useRunTempDir in globalSetup.ts). The folder is made in the run's
 * folder, never in the TMPDIR a file before it set: a worker runs many files one after another (no isolation),
 * and nested folders grew past the length of a Unix socket path (Chromium's SingletonSocket).
 */
if (!process.env.DINSOS_KEEP_TMP) {
  const dir = mkdtempSync(join(runTmpDir(), 'file-'));
  chmodSync(dir, 0o711); // see useRunTempDir: a test cluster's postgres user passes through
  process.env.TMPDIR = dir;
  afterAll(() => {
    process.env.TMPDIR = runTmpDir();
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A process still closing may hold a file; the run's folder is removed at the end anyway.
    }
  });
}
