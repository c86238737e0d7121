import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Files that replace modules with vi.mock (the mocked electron module, a counted scrypt): they need a module
 * registry of their own, so they run isolated, as do the browser (e2e) files (see their project). Every other file
 * shares its worker's loaded modules with the files before it: loading the app's modules again for each of ~250 files was ~280 s of the run's CPU (issue 18: CI
 * under 20 minutes). Temporary files stay per file (tempPerFile.ts); what outlives a file goes in the run's folder.
 */
export const MOCKING = ['test/unit/shell/**/*.test.ts', 'test/integration/security/login.test.ts'];

const E2E = ['test/e2e/**/*.test.ts'];

const perFile: TestProjectInlineConfiguration['test'] = {
  setupFiles: ['test/helpers/tempPerFile.ts'],
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // UI steps wait on real work (scrypt, SQLite, PDF): on a busy 2-core machine 1 s is too short.
  expect: { poll: { timeout: 15_000, interval: 50 } },
  pool: 'forks',
  // One more try for a test that fails now and then under a busy machine: it still counts as passed, but
  // npm test names it above its closing line (test/helpers/retriedReporter.ts) until its cause is found.
  retry: 1,
};

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/globalSetup.ts'],
    maxWorkers: 2,
    projects: [
      { test: { ...perFile, name: 'shared', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: [...MOCKING, ...E2E], isolate: false } },
      // Browser files stay isolated: shared, browser steps hung to their 60 s timeout in two of four fresh-clone runs
      // (request, importSample, interventions), and still with a retry.
      { test: { ...perFile, name: 'e2e', include: E2E } },
      { test: { ...perFile, name: 'isolated', include: MOCKING } },
    ],
  },
});
