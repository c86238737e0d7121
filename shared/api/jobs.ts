import { z } from 'zod';
import { call, returns } from './define';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** Long work (imports, exports, backups) runs as a job the UI polls: same on both transports. */
export interface JobStatus<R = unknown, P = unknown> {
  id: string;
  kind: string;
  state: JobState;
  /** Human progress text in Indonesian, e.g. "12.000 baris dibaca". */
  label: string;
  done: number;
  total: number | null;
  ratePerSecond: number | null;
  startedAt: string;
  result: R | null;
  /**
   * What a running job can already show before its result, bounded by the job (an import preview's first
   * ≤100 decided rows and its counts so far: imports' ImportPreviewSample); absent until the job gives one.
   */
  partial?: P;
  error: { code: string; message: string } | null;
}

export const jobIdSchema = z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'Pekerjaan tidak dikenal.') });

export const jobsContract = {
  status: call({ input: jobIdSchema, access: 'session', scope: 'wilayah', audit: false, returns: returns<JobStatus>() }),
  cancel: call({ input: jobIdSchema, access: 'session', scope: 'wilayah', audit: false, returns: returns<JobStatus>() }),
};
