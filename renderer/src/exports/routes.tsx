import { IconFileExport } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function ExportsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconFileExport size={30} />} title="Ekspor & laporan" >
            Belum ada data untuk diekspor. Setelah registri dan serah terima terisi, laporan Excel (SIKS-NG, DTKS, P3KE, rekap penyaluran) dibuat dari sini.
          </EmptyState>
        }
      />
    </Routes>
  );
}
