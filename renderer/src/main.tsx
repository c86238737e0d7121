import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './shell/app.css';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { showQueryError } from './api/queryErrors';
import { App } from './App';
import { ConnectionBanner } from './shell/ConnectionBanner';
import { theme } from './shell/theme';

dayjs.locale('id');
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: showQueryError }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <ModalsProvider labels={{ confirm: 'Ya', cancel: 'Batal' }}>
          <Notifications position="top-right" />
          <ConnectionBanner />
          <HashRouter>
            <App />
          </HashRouter>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
