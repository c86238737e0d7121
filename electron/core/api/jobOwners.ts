/**
 * A job belongs to the user who started it: its status carries that user's rows (an import report, a
 * duplicate scan), so `jobs.status` and `jobs.cancel` answer another user exactly as for a job that does not
 * exist. Dispatch claims a job for its caller when a call returns one; a job started in the job worker thread
 * (whose status only the core's mirror holds) is claimed by the first signed-in user who asks for it, which is
 * its starter: only the starter was ever given its random id.
 */
import type { JobRunner } from '../jobs/runner';

const owners = new WeakMap<JobRunner, Map<string, number>>();

function ownersOf(jobs: JobRunner) {
  let map = owners.get(jobs);
  if (!map) owners.set(jobs, (map = new Map()));
  return map;
}

/** Whether a handler's result is a job's status (the answer of a call that started one). */
export function isJobStatus(value: unknown): value is { id: string; state: string; kind: string } {
  if (!value || typeof value !== 'object') return false;
  const v = value as { id?: unknown; state?: unknown; kind?: unknown };
  return typeof v.id === 'string' && typeof v.state === 'string' && typeof v.kind === 'string';
}

export function claimJob(jobs: JobRunner, jobId: string, userId: number): void {
  const map = ownersOf(jobs);
  if (!map.has(jobId)) map.set(jobId, userId);
}

/** The job if it is the caller's; otherwise the runner's own "not found" (the same answer as a missing id). */
export function ownJob(jobs: JobRunner, jobId: string, userId: number | null): string {
  jobs.status(jobId); // a missing job: NOT_FOUND
  if (userId === null) return '';
  claimJob(jobs, jobId, userId);
  return ownersOf(jobs).get(jobId) === userId ? jobId : '';
}
