import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { runShortcut, shortcutOf } from './shortcuts';

/** Listens for the app's shortcuts on the whole window (mounted once, in the layout). */
export function useShortcuts() {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const id = shortcutOf(event);
      if (!id) return;
      // Ctrl+P/S/F would otherwise open the browser's own print, save and find.
      event.preventDefault();
      runShortcut(id, navigate);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}
