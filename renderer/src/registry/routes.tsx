import { Route, Routes } from 'react-router';
import { Allowed } from '../shell/NoAccess';
import { DuplicatesPage } from './DuplicatesPage';
import { KeluargaPage } from './KeluargaPage';
import { NewKeluargaPage } from './NewKeluargaPage';
import { RegistryListPage } from './RegistryListPage';

export function RegistryRoutes() {
  return (
    <Routes>
      <Route index element={<RegistryListPage />} />
      <Route path="baru" element={<Allowed to="registry.write"><NewKeluargaPage /></Allowed>} />
      <Route path="keluarga/:id" element={<KeluargaPage />} />
      <Route path="duplikat" element={<DuplicatesPage />} />
    </Routes>
  );
}
