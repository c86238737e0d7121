import { Select } from '@mantine/core';
import { useApiQuery } from '../api/hooks';

/** The office's kecamatan, for filters and forms. */
export function useKecamatan() {
  const office = useApiQuery('admin.getOffice', undefined);
  const kec = useApiQuery('regions.children', { parent: office.data?.kabKotaKode ?? null }, { enabled: !!office.data, staleTime: Infinity });
  return { office: office.data, kecamatan: (kec.data ?? []).filter((k) => k.level === 'kecamatan') };
}

export function KecamatanSelect(props: { label?: string; value: string | null; onChange: (v: string | null) => void; placeholder?: string; error?: string | undefined; w?: number | string; required?: boolean; testId?: string }) {
  const { kecamatan } = useKecamatan();
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder ?? 'Semua kecamatan'}
      data={kecamatan.map((k) => ({ value: k.kode, label: k.nama }))}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable={!props.required}
      withAsterisk={props.required}
      error={props.error}
      w={props.w}
      data-testid={props.testId}
      nothingFoundMessage="Tidak ada kecamatan dengan nama itu"
    />
  );
}
