import { IconUsersGroup } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function MeetingsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconUsersGroup size={30} />} title="Rapat operator DTKS" >
            Belum ada rapat. Isi dulu daftar operator tiap desa/kelurahan, lalu jadwalkan rapat, catat kehadiran dan notulen.
          </EmptyState>
        }
      />
    </Routes>
  );
}
