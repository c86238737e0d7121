import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { AdminRoutes } from './admin/routes';
import { PanduanPage } from './panduan';
import { RecoveryPage } from './backup/RecoveryPage';
import { ReconnectPage } from './connection/ReconnectPage';
import { SetupWizard } from './admin/SetupWizard';
import { useApiMutation, useApiQuery } from './api/hooks';
import { LockScreen } from './auth/LockScreen';
import { LoginPage } from './auth/LoginPage';
import { useIdleLock } from './auth/useIdleLock';
import { setZonaKantor } from './common/format';
import { HomePage } from './dashboard/HomePage';
import { ExportsRoutes } from './exports/routes';
import { HandoversRoutes } from './handovers/routes';
import { ImportsRoutes } from './imports/routes';
import { InterventionsRoutes } from './interventions/routes';
import { MeetingsRoutes } from './meetings/routes';
import { RegistryRoutes } from './registry/routes';
import { AppLayout } from './shell/AppLayout';
import { navItems, type NavPath } from './shell/nav';
import { Allowed, NotFoundPage } from './shell/NoAccess';

/** The page behind each menu entry; the menu (shell/nav.ts) says which permission opens it. */
const featurePages: Record<NavPath, ReactElement> = {
  '/': <HomePage />,
  '/registri': <RegistryRoutes />,
  '/impor': <ImportsRoutes />,
  '/bantuan': <HandoversRoutes />,
  '/rapat': <MeetingsRoutes />,
  '/intervensi': <InterventionsRoutes />,
  '/ekspor': <ExportsRoutes />,
  '/pengaturan': <AdminRoutes />,
  '/panduan': <PanduanPage />,
};

/** First start → the setup wizard; signed out → login; otherwise the app, one route per feature. */
export function App() {
  const queryClient = useQueryClient();
  const status = useApiQuery('admin.setupStatus', undefined);
  const current = useApiQuery('auth.current', undefined);
  const office = useApiQuery('admin.getOffice', undefined, { enabled: !!current.data });
  const logout = useApiMutation('auth.logout');

  const lock = useIdleLock(current.data);

  useEffect(() => {
    // Signed in: the lock screen takes over (keeping the page); not signed in: refresh to show the login.
    const signedOut = () => {
      if (!current.data) void queryClient.invalidateQueries({ queryKey: ['auth'] });
    };
    window.addEventListener('dinsos:signed-out', signedOut);
    return () => window.removeEventListener('dinsos:signed-out', signedOut);
  }, [queryClient, current.data]);

  const loading = (
    <Center h="100%">
      <Loader />
    </Center>
  );
  if (status.isLoading || current.isLoading) return loading;
  if (status.data?.needsRecovery) return status.data.connectionUnreadable ? <ReconnectPage /> : <RecoveryPage serverProblem={status.data.serverProblem} />;
  if (status.data?.needsSetup) return <SetupWizard />;
  if (!current.data) return <LoginPage officeName={status.data?.officeName ?? null} />;
  if (office.isLoading) return loading;
  // Every time on screen is read in the office's zone (WIB/WITA/WIT from its province), not the PC's.
  if (office.data) setZonaKantor(office.data.provinsiKode);

  const signOut = () => {
    lock.unlock();
    logout.mutate(undefined, { onSettled: () => queryClient.clear() });
  };
  return (
    <>
    {lock.lockedAs && <LockScreen session={lock.lockedAs} onUnlocked={lock.unlock} onSwitchUser={signOut} />}
    <Routes>
      <Route element={<AppLayout session={current.data} officeName={office.data?.namaInstansi ?? ''} onLogout={signOut} />}>
        {navItems.map((item) => {
          // A page the role may not open shows "Tidak punya akses" at its own address: no redirect, so no loop.
          const element = <Allowed to={item.permission}>{featurePages[item.path]}</Allowed>;
          return item.path === '/' ? <Route key="/" index element={element} /> : <Route key={item.path} path={`${item.path.slice(1)}/*`} element={element} />;
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
    </>
  );
}
