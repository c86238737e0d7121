import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../../shared/api/access';
import { useMay } from '../common/useMay';
import { NoAccessPage } from '../shell/NoAccess';
import { AuditPage } from '../audit/AuditPage';
import { BackupPage } from '../backup/BackupPage';
import { ConnectionSettingsPage } from '../connection/ConnectionSettingsPage';
import { AccountPage } from '../users/AccountPage';
import { UsersPage } from '../users/UsersPage';
import { OfficeSettingsPage } from './OfficeSettingsPage';

/**
 * Pengaturan: one tab per administrative area, each shown only to the roles that may use it. The pages live in
 * their features' folders like the core's (users/, audit/, backup/); the office profile stays in admin/.
 */
const tabs: { path: string; label: string; permission: Permission; element: ReactNode }[] = [
  { path: 'kantor', label: 'Kantor', permission: 'office.manage', element: <OfficeSettingsPage /> },
  { path: 'pengguna', label: 'Pengguna', permission: 'users.manage', element: <UsersPage /> },
  { path: 'audit', label: 'Log Audit', permission: 'audit.read', element: <AuditPage /> },
  { path: 'cadangan', label: 'Cadangan & Pemulihan', permission: 'backup.manage', element: <BackupPage /> },
  { path: 'koneksi', label: 'Koneksi basis data', permission: 'office.manage', element: <ConnectionSettingsPage /> },
  { path: 'akun', label: 'Akun saya', permission: 'session', element: <AccountPage /> },
];

export function AdminRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  const may = useMay();
  const visible = tabs.filter((t) => may(t.permission));
  const first = visible[0]?.path ?? 'akun';
  const current = visible.find((t) => location.pathname.includes(`/pengaturan/${t.path}`))?.path ?? first;
  return (
    <>
      <Tabs value={current} onChange={(v) => v && navigate(`/pengaturan/${v}`)} mb="md">
        <Tabs.List>
          {visible.map((t) => (
            <Tabs.Tab key={t.path} value={t.path}>{t.label}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={`/pengaturan/${first}`} replace />} />
        {tabs.map((t) => (
          <Route key={t.path} path={t.path} element={may(t.permission) ? t.element : <NoAccessPage />} />
        ))}
        <Route path="*" element={<Navigate to={`/pengaturan/${first}`} replace />} />
      </Routes>
    </>
  );
}
