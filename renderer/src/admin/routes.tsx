import { Tabs } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { OfficeSettingsPage } from './OfficeSettingsPage';

/** Pengaturan: one tab per administrative area. */
const tabs = [{ path: 'kantor', label: 'Kantor', element: <OfficeSettingsPage /> }];

export function AdminRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((t) => location.pathname.includes(`/pengaturan/${t.path}`))?.path ?? 'kantor';
  return (
    <>
      <Tabs value={current} onChange={(v) => v && navigate(`/pengaturan/${v}`)} mb="md">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.path} value={t.path}>{t.label}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="kantor" replace />} />
        {tabs.map((t) => (
          <Route key={t.path} path={t.path} element={t.element} />
        ))}
      </Routes>
    </>
  );
}
