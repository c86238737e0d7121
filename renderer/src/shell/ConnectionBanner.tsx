import { Alert, Loader } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { clearReconnected, connectionState, noteReconnected, onConnectionChange } from './connectionStatus';

/** How often the window asks the office server again while it is away, and how long "back" shows. */
export const RETRY_MS = 3_000;
const BACK_MS = 3_000;

/**
 * One banner over every page (login included) while the office server cannot be reached, instead of an error
 * per call. The page underneath stays as it is, so whatever was typed in an open form is still there to save
 * again. A cheap public call (the set-up status, which reads the database) is retried every few seconds; once
 * it answers, what failed to load while the server was away loads again (only the failed reads: a form's data
 * that loaded is left alone, so nothing typed is reset).
 */
export function ConnectionBanner() {
  const state = useSyncExternalStore(onConnectionChange, connectionState);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (state === 'back') {
      void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' });
      const timer = setTimeout(clearReconnected, BACK_MS);
      return () => clearTimeout(timer);
    }
    if (state !== 'lost') return;
    let stopped = false;
    const timer = setInterval(() => {
      api.admin.setupStatus().then(
        () => !stopped && noteReconnected(),
        () => undefined, // still away: the failure keeps the banner
      );
    }, RETRY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [state, queryClient]);

  if (state === 'ok') return null;
  const lost = state === 'lost';
  return (
    <Alert
      role={lost ? 'alert' : 'status'}
      data-testid="connection-banner"
      color={lost ? 'red' : 'green'}
      variant="filled"
      icon={lost ? <IconPlugConnectedX size={20} /> : <IconPlugConnected size={20} />}
      style={{ position: 'fixed', top: 8, left: '50%', transform: 'translateX(-50%)', zIndex: 1000, maxWidth: 640, width: 'calc(100% - 32px)' }}
    >
      {lost ? (
        <>
          Koneksi ke server kantor terputus. Perubahan yang belum tersimpan tetap di layar; aplikasi mencoba lagi…{' '}
          <Loader size="xs" color="white" type="dots" style={{ verticalAlign: 'middle' }} />
        </>
      ) : (
        'Tersambung kembali.'
      )}
    </Alert>
  );
}
