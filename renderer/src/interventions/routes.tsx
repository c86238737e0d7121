import { Tabs } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../common/PageHeader';
import { GapsPage } from './GapsPage';
import { InterventionListPage } from './InterventionListPage';
import { OpdPage } from './OpdPage';
import { OverlapsPage } from './OverlapsPage';

const tabs = [
  { path: 'daftar', label: 'Daftar intervensi', element: <InterventionListPage /> },
  { path: 'tumpang-tindih', label: 'Tumpang tindih', element: <OverlapsPage /> },
  { path: 'belum-tersentuh', label: 'Miskin ekstrem belum tersentuh', element: <GapsPage /> },
  { path: 'opd', label: 'Referensi OPD', element: <OpdPage /> },
];

/** Intervensi: who gave what to whom, where help overlaps, and whom it has not reached. */
export function InterventionsRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((t) => location.pathname.includes(`/intervensi/${t.path}`))?.path ?? 'daftar';
  return (
    <>
      <PageHeader title="Intervensi lintas OPD" description="Bantuan dari semua OPD kepada keluarga yang sama: tumpang tindih dan yang belum tersentuh." />
      <Tabs value={current} onChange={(v) => v && navigate(`/intervensi/${v}`)} mb="md">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.path} value={t.path}>{t.label}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="daftar" replace />} />
        {tabs.map((t) => (
          <Route key={t.path} path={t.path} element={t.element} />
        ))}
      </Routes>
    </>
  );
}
