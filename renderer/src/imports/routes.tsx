import { IconFileImport } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function ImportsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconFileImport size={30} />} title="Impor lembar Excel" >
            Pilih berkas .xlsx atau .csv dari operator desa/kelurahan: usulan SIKS-NG, DTKS, P3KE, atau daftar sederhana. Setiap baris diperiksa sebelum disimpan.
          </EmptyState>
        }
      />
    </Routes>
  );
}
