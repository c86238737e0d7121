import { IconTopologyStar3 } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function InterventionsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconTopologyStar3 size={30} />} title="Intervensi lintas OPD" >
            Belum ada intervensi tercatat. Serah terima bantuan akan tercatat di sini otomatis; daftar dari OPD lain dapat diimpor.
          </EmptyState>
        }
      />
    </Routes>
  );
}
