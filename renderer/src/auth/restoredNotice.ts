/** Set just before the page reloads after a restore, so the login page can say what happened. */
export const RESTORED_KEY = 'dinsos-restored';

export function takeRestoredNotice(): { fileName: string; keptAsidePath: string } | null {
  const raw = sessionStorage.getItem(RESTORED_KEY);
  if (!raw) return null;
  sessionStorage.removeItem(RESTORED_KEY);
  try {
    return JSON.parse(raw) as { fileName: string; keptAsidePath: string };
  } catch {
    return null;
  }
}
