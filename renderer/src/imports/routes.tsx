import { Route, Routes } from 'react-router';
import { HistoryPage } from './HistoryPage';
import { ImportPage } from './ImportPage';
import { RegionAliasesPage } from './RegionAliasesPage';

export function ImportsRoutes() {
  return (
    <Routes>
      <Route index element={<ImportPage />} />
      <Route path="riwayat" element={<HistoryPage />} />
      <Route path="nama-wilayah" element={<RegionAliasesPage />} />
    </Routes>
  );
}
