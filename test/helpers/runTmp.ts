import { tmpdir } from 'node:os';

/** Set by globalSetup (useRunTempDir): the run's temporary folder, in which each test file gets its own (tempPerFile.ts). */
export const RUN_TMP_ENV = 'DINSOS_TEST_RUN_TMPDIR';

/**
 * Where what outlives one test file goes (a shared browser, the bundled core scripts): a worker runs many files one
 * after another, and each file's own folder is removed when it ends.
 */
export function runTmpDir(): string {
  return process.env[RUN_TMP_ENV] ?? tmpdir();
}

/** Runs `start` with TMPDIR at the run's folder, for a process that keeps its temporary files for as long as it lives. */
export async function inRunTmp<T>(start: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = runTmpDir();
  try {
    return await start();
  } finally {
    process.env.TMPDIR = before;
  }
}
