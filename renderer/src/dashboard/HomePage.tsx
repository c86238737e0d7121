import { IconFileImport } from '@tabler/icons-react';
import { useApiQuery } from '../api/hooks';
import { EmptyState } from '../common/EmptyState';
import { PageHeader } from '../common/PageHeader';

export function HomePage() {
  const office = useApiQuery('admin.getOffice', undefined);
  return (
    <>
      <PageHeader title="Beranda" description={office.data ? `${office.data.namaInstansi} · ${office.data.kabKotaNama}, ${office.data.provinsiNama}` : undefined} />
      <EmptyState icon={<IconFileImport size={30} />} title="Registri masih kosong" action={{ label: 'Impor data DTKS/DTSEN', to: '/impor' }}>
        Mulai dengan mengimpor lembar Excel DTKS/DTSEN, P3KE, atau usulan SIKS-NG dari operator desa/kelurahan. Ringkasan per
        kecamatan dan desa akan tampil di sini setelah data masuk.
      </EmptyState>
    </>
  );
}
