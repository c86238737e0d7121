import { IconGift } from '@tabler/icons-react';
import { Route, Routes } from 'react-router';
import { EmptyState } from '../common/EmptyState';

export function HandoversRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <EmptyState icon={<IconGift size={30} />} title="Bantuan & serah terima" >
            Belum ada program bantuan. Buat program (mis. Bantuan Kaki Palsu, Sembako), catat permohonan, lalu catat serah terima dan cetak BAST.
          </EmptyState>
        }
      />
    </Routes>
  );
}
