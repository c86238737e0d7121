import { IconAddressBook } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function RegistryRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconAddressBook size={30} />} title="Registri keluarga dan anggota" action={{ label: 'Impor data', to: '/impor' }}>
            Belum ada keluarga di registri. Data masuk lewat impor lembar Excel operator, atau tambahkan keluarga satu per satu.
          </EmptyState>
        }
      />
    </Routes>
  );
}
