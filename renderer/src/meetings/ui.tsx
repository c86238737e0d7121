import { Badge, Select } from '@mantine/core';
import {
  kehadiranLabels,
  statusRapatLabels,
  statusTindakLanjutLabels,
  type Kehadiran,
  type StatusRapat,
  type StatusTindakLanjut,
} from '../../../shared/api/meetings';
import { useApiQuery } from '../api/hooks';

// Shared with other features; kept here so this feature imports its UI pieces from one place.
export { useMay } from '../common/useMay';
export { DateField } from '../common/DateField';
export { tgl } from '../common/format';
export { KecamatanSelect, useKecamatan } from '../common/KecamatanSelect';

export function DesaSelect(props: { kecamatanKode: string | null; value: string | null; onChange: (v: string | null) => void; error?: string | undefined; label?: string; testId?: string }) {
  const desa = useApiQuery('regions.children', { parent: props.kecamatanKode }, { enabled: !!props.kecamatanKode, staleTime: Infinity });
  return (
    <Select
      label={props.label ?? 'Desa/kelurahan'}
      placeholder={props.kecamatanKode ? 'Ketik nama desa/kelurahan' : 'Pilih kecamatan dulu'}
      disabled={!props.kecamatanKode}
      data={(desa.data ?? []).map((d) => ({ value: d.kode, label: `${d.level === 'kelurahan' ? 'Kel.' : 'Desa'} ${d.nama}` }))}
      value={props.value}
      onChange={props.onChange}
      searchable
      withAsterisk
      error={props.error}
      data-testid={props.testId}
      nothingFoundMessage="Tidak ada desa/kelurahan dengan nama itu"
    />
  );
}

const kehadiranColor: Record<Kehadiran, string> = { belum: 'gray', hadir: 'green', izin: 'yellow', tidak_hadir: 'red' };
export function KehadiranBadge({ value }: { value: Kehadiran }) {
  return <Badge color={kehadiranColor[value]} variant="light">{kehadiranLabels[value]}</Badge>;
}

const statusRapatColor: Record<StatusRapat, string> = { rencana: 'blue', selesai: 'teal', batal: 'gray' };
export function StatusRapatBadge({ value }: { value: StatusRapat }) {
  return <Badge color={statusRapatColor[value]} variant="light">{statusRapatLabels[value]}</Badge>;
}

const tlColor: Record<StatusTindakLanjut, string> = { belum: 'gray', proses: 'blue', selesai: 'teal' };
export function StatusTindakLanjutBadge({ value, terlambat }: { value: StatusTindakLanjut; terlambat?: boolean }) {
  return (
    <Badge color={terlambat ? 'red' : tlColor[value]} variant={terlambat ? 'filled' : 'light'}>
      {terlambat ? `${statusTindakLanjutLabels[value]} · terlambat` : statusTindakLanjutLabels[value]}
    </Badge>
  );
}

