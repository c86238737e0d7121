import { Tabs } from '@mantine/core';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { Allowed } from '../shell/NoAccess';
import { FollowUpsPage } from './FollowUpsPage';
import { MeetingDetailPage } from './MeetingDetailPage';
import { MeetingFormPage } from './MeetingFormPage';
import { MeetingListPage } from './MeetingListPage';
import { OperatorsPage } from './OperatorsPage';
import { RecapPage } from './RecapPage';

const tabs = [
  { value: 'daftar', label: 'Rapat' },
  { value: 'operator', label: 'Operator desa/kelurahan' },
  { value: 'tindak-lanjut', label: 'Tindak lanjut' },
  { value: 'rekap', label: 'Rekap kehadiran' },
];

/** Rapat operator: meetings, the operator directory, follow-ups across meetings, and the attendance recap. */
export function MeetingsRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  const section = location.pathname.split('/')[2] ?? '';
  const current = tabs.some((t) => t.value === section) ? section : 'daftar';
  return (
    <>
      <Tabs value={current} onChange={(v) => navigate(v && v !== 'daftar' ? `/rapat/${v}` : '/rapat')} mb="md">
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>{t.label}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<MeetingListPage />} />
        <Route path="operator" element={<OperatorsPage />} />
        <Route path="tindak-lanjut" element={<FollowUpsPage />} />
        <Route path="rekap" element={<RecapPage />} />
        <Route path="baru" element={<Allowed to="meetings.write"><MeetingFormPage /></Allowed>} />
        <Route path=":id/ubah" element={<Allowed to="meetings.write"><MeetingFormPage /></Allowed>} />
        <Route path=":id/*" element={<MeetingDetailPage />} />
      </Routes>
    </>
  );
}
