import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../shared/api/jobs';
import { api, type ApiError } from '../api/client';
import { noteFailure } from '../shell/connectionStatus';

/** How long after a job starts its status is polled every 100 ms instead of every 250 ms. */
const EAGER_MS = 3000;

/**
 * Follows a main-side job: polls its status until it is done, failed or cancelled. The work itself runs in the
 * main process, so the window stays responsive; `cancel` asks the job to stop (it rolls back).
 */
export function useJob<R>() {
  const [status, setStatus] = useState<JobStatus<R> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef<string | null>(null);

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const follow = useCallback((first: JobStatus<R>) => {
    stop();
    current.current = first.id;
    setError(null);
    setStatus(first);
    // Closely at first, so a preview's first rows (issue 20) reach the screen well within a second; then at ease.
    const followed = Date.now();
    const nextPollMs = () => (Date.now() - followed < EAGER_MS ? 100 : 250);
    const poll = async () => {
      try {
        const s = (await api.jobs.status({ id: first.id })) as JobStatus<R>;
        if (current.current !== first.id) return;
        setStatus(s);
        // A job that failed because the office server went away raises the same banner a call does.
        if (s.state === 'failed' && s.error) noteFailure(s.error);
        if (s.state === 'running') timer.current = setTimeout(() => void poll(), nextPollMs());
      } catch (e) {
        setError((e as ApiError).message);
      }
    };
    timer.current = setTimeout(() => void poll(), 100);
  }, []);

  const cancel = useCallback(async () => {
    if (current.current) await api.jobs.cancel({ id: current.current });
  }, []);

  const reset = useCallback(() => {
    stop();
    current.current = null;
    setStatus(null);
    setError(null);
  }, []);

  return { status, error, follow, cancel, reset, running: status?.state === 'running' };
}
