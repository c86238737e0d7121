import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/api/auth';
import { api } from '../api/client';

/** Same as the main side's IDLE_LOCK_MS: the screen locks itself rather than showing data until the next call. */
const IDLE_LOCK_MS = 15 * 60 * 1000;
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'pointermove'] as const;

/**
 * The lock state of a signed-in window. It locks after 15 minutes without keyboard or mouse, and whenever the
 * main side answers UNAUTHENTICATED (its own idle lock, or a restore that signed everyone out). The page under
 * the lock stays mounted, so a half-filled form is still there after unlocking.
 */
export function useIdleLock(session: SessionInfo | null | undefined) {
  const [lockedAs, setLockedAs] = useState<SessionInfo | null>(null);

  useEffect(() => {
    const onSignedOut = () => {
      if (session) setLockedAs((prev) => prev ?? session);
    };
    window.addEventListener('dinsos:signed-out', onSignedOut);
    return () => window.removeEventListener('dinsos:signed-out', onSignedOut);
  }, [session]);

  useEffect(() => {
    if (!session || lockedAs) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        setLockedAs(session);
        // End the main-side session too, so nothing can be read while the screen is locked.
        void api.auth.logout().catch(() => undefined);
      }, IDLE_LOCK_MS);
    };
    arm();
    for (const e of ACTIVITY) window.addEventListener(e, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm);
    };
  }, [session, lockedAs]);

  return { lockedAs, unlock: () => setLockedAs(null) };
}
