import { Badge } from '@mantine/core';
import { statusLabels, type StatusAnggotaValue } from '../../../shared/api/registry';
import { useApiQuery } from '../api/hooks';
import { DateField as CommonDateField } from '../common/DateField';

const statusColor: Record<StatusAnggotaValue, string> = { aktif: 'green', pindah: 'blue', meninggal: 'gray', keluar: 'orange' };

export function StatusBadge({ status }: { status: StatusAnggotaValue }) {
  return (
    <Badge color={statusColor[status]} variant="light" size="sm">
      {statusLabels[status]}
    </Badge>
  );
}

/** Kecamatan of the office's kabupaten/kota, for selects. */
export function useKecamatanOptions(): { value: string; label: string }[] {
  const office = useApiQuery('admin.getOffice', undefined, { staleTime: 60_000 });
  const kab = office.data?.kabKotaKode ?? null;
  const children = useApiQuery('regions.children', { parent: kab ?? '62' }, { enabled: !!kab, staleTime: Infinity });
  const session = useApiQuery('auth.current', undefined, { staleTime: 60_000 });
  // An operator only works in their own kecamatan/desa (the main side enforces it; the list offers no more).
  const wilayah = session.data?.role === 'operator' ? session.data.wilayah : [];
  return (children.data ?? [])
    .filter((r) => wilayah.length === 0 || wilayah.some((w) => w === r.kode || w.startsWith(`${r.kode}.`)))
    .map((r) => ({ value: r.kode, label: r.nama }));
}

export function useDesaOptions(kecamatan: string | null): { value: string; label: string }[] {
  const children = useApiQuery('regions.children', { parent: kecamatan ?? '62' }, { enabled: !!kecamatan, staleTime: Infinity });
  const session = useApiQuery('auth.current', undefined, { staleTime: 60_000 });
  const wilayah = session.data?.role === 'operator' ? session.data.wilayah : [];
  if (!kecamatan) return [];
  return (children.data ?? [])
    .filter((r) => wilayah.length === 0 || wilayah.some((w) => w === r.kode || w === kecamatan))
    .map((r) => ({ value: r.kode, label: `${r.nama}${r.level === 'kelurahan' ? ' (kel.)' : ''}` }));
}

/** The shared dd/mm/yyyy field; registry forms let a clerk clear a date. */
export function DateField(props: { label: string; value: string | null | undefined; onChange: (v: string | null) => void; error?: string | undefined; required?: boolean; testId?: string }) {
  return <CommonDateField clearable {...props} />;
}
