import { Tabs } from '@mantine/core';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { HandoverDetailPage } from './HandoverDetailPage';
import { HandoverFormPage } from './HandoverFormPage';
import { HandoversPage } from './HandoversPage';
import { ProgramsPage } from './ProgramsPage';
import { RequestDetailPage } from './RequestDetailPage';
import { RequestNewPage } from './RequestForm';
import { RequestsPage } from './RequestsPage';

const tabs = [
  { value: 'serah-terima', label: 'Serah terima', path: '/bantuan' },
  { value: 'permohonan', label: 'Permohonan', path: '/bantuan/permohonan' },
  { value: 'program', label: 'Program bantuan', path: '/bantuan/program' },
];

/** Bantuan & Serah Terima: handovers, aid requests and the programme list. */
export function HandoversRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.startsWith('/bantuan/permohonan') ? 'permohonan' : location.pathname.startsWith('/bantuan/program') ? 'program' : 'serah-terima';
  return (
    <>
      <Tabs value={current} onChange={(v) => { const t = tabs.find((x) => x.value === v); if (t) navigate(t.path); }} mb="md">
        <Tabs.List>
          {tabs.map((t) => <Tabs.Tab key={t.value} value={t.value} data-testid={`tab-${t.value}`}>{t.label}</Tabs.Tab>)}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<HandoversPage />} />
        <Route path="serah-terima/baru" element={<HandoverFormPage />} />
        <Route path="serah-terima/:id/ubah" element={<HandoverFormPage />} />
        <Route path="serah-terima/:id" element={<HandoverDetailPage />} />
        <Route path="permohonan" element={<RequestsPage />} />
        <Route path="permohonan/baru" element={<RequestNewPage />} />
        <Route path="permohonan/:id" element={<RequestDetailPage />} />
        <Route path="program" element={<ProgramsPage />} />
      </Routes>
    </>
  );
}
