import { Route, Routes } from 'react-router';
import { HistoryPage } from './HistoryPage';
import { ImportPage } from './ImportPage';
import { RegionAliasesPage } from './RegionAliasesPage';
import { WorkbooksPage } from '../workbooks/WorkbooksPage';

export function ImportsRoutes() {
  return (
    <Routes>
      <Route index element={<ImportPage />} />
      <Route path="riwayat" element={<HistoryPage />} />
      <Route path="nama-wilayah" element={<RegionAliasesPage />} />
      <Route path="lembar-kerja" element={<WorkbooksPage />} />
    </Routes>
  );
}
