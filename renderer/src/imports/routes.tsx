import { Route, Routes } from 'react-router';
import { HistoryPage } from './HistoryPage';
import { ImportPage } from './ImportPage';

export function ImportsRoutes() {
  return (
    <Routes>
      <Route index element={<ImportPage />} />
      <Route path="riwayat" element={<HistoryPage />} />
    </Routes>
  );
}
