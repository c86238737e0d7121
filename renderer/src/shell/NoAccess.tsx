import { IconLock, IconMapOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Permission } from '../../../shared/api/access';
import { EmptyState } from '../common/EmptyState';
import { useMay } from '../common/useMay';

/** What a user sees on a page their role may not open (typed address, or left open by someone else). */
export function NoAccessPage() {
  return (
    <div data-testid="tidak-punya-akses">
      <EmptyState icon={<IconLock size={30} />} title="Tidak punya akses" action={{ label: 'Kembali ke Beranda', to: '/' }}>
        Peran Anda tidak mengizinkan membuka halaman ini. Jika Anda memerlukannya untuk pekerjaan, minta admin kantor
        menambahkan hak akses ke akun Anda.
      </EmptyState>
    </div>
  );
}

/** Shows its children only to a role with the permission, and the no-access page otherwise (never a redirect). */
export function Allowed({ to, children }: { to: Permission; children: ReactNode }) {
  const may = useMay();
  return may(to) ? children : <NoAccessPage />;
}

/** An address that is no page of the app (mistyped or from an older version): say so instead of redirecting. */
export function NotFoundPage() {
  return (
    <div data-testid="halaman-tidak-ada">
      <EmptyState icon={<IconMapOff size={30} />} title="Halaman tidak ditemukan" action={{ label: 'Kembali ke Beranda', to: '/' }}>
        Alamat ini bukan halaman Dinsos Desk. Pilih menu di sebelah kiri untuk membuka halaman yang dituju.
      </EmptyState>
    </div>
  );
}
