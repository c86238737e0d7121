import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * Files that replace modules with vi.mock (the mocked electron module, a counted scrypt): they need a module
 * registry of their own, so they run isolated. Every other file shares its worker's loaded modules with the files
 * before it: loading the app's modules again for each of ~250 files was ~280 s of the run's CPU (issue 18: CI
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
};

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/globalSetup.ts'],
    maxWorkers: 2,
    projects: [
      { test: { ...perFile, name: 'shared', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: [...MOCKING, ...E2E], isolate: false } },
      // A browser step can still hang once in a while on 2 saturated cores (two 60 s timeouts in one of three CI runs): one more try.
      { test: { ...perFile, name: 'e2e', include: E2E, isolate: false, retry: 1 } },
      { test: { ...perFile, name: 'isolated', include: MOCKING } },
    ],
  },
});
