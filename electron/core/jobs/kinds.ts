/**
 * Every kind of job, declared once. `commits`: the job writes the registry as it runs, holding SQLite's write
 * lock for long stretches (an import of 100,000 rows, a returned workbook). While such a job runs in the job
 * worker, a change asked for on the serving connection waits for it in the core process's write queue
 * (host/serve.ts) instead of failing with DB_BUSY. A job that only reads (and records one audit line at
 * its end, which SQLite's own busy wait covers) does not commit.
 */
export const jobKinds = {
  'import.preview': { commits: false },
  'import.commit': { commits: true },
  'workbook.preview': { commits: false },
  'workbook.apply': { commits: true },
  export: { commits: false },
  'registry.duplicates': { commits: false },
  backup: { commits: false },
} as const satisfies Record<string, { commits: boolean }>;

export type JobKind = keyof typeof jobKinds;

/** Whether a job of this kind (as a status names it) holds the write lock while it runs. */
export function jobCommits(kind: string): boolean {
  return Object.hasOwn(jobKinds, kind) && jobKinds[kind as JobKind].commits;
}
