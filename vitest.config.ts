import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    setupFiles: ['test/helpers/tempPerFile.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // UI steps wait on real work (scrypt, SQLite, PDF): on a busy 2-core machine 1 s is too short.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    pool: 'forks',
    maxWorkers: 2,
  },
});
