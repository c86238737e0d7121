import { Badge, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { Permission } from '../../../shared/api/access';
import {
  kehadiranLabels,
  statusRapatLabels,
  statusTindakLanjutLabels,
  type Kehadiran,
  type StatusRapat,
  type StatusTindakLanjut,
} from '../../../shared/api/meetings';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { useApiQuery } from '../api/hooks';

export const tgl = (iso: string | null | undefined) => (iso ? formatTanggal(iso) : '—');

/** What the signed-in user may do here (the main side checks again). */
export function useMay(): (p: Permission) => boolean {
  const current = useApiQuery('auth.current', undefined);
  return (p) => !!current.data?.permissions.includes(p);
}

/** A dd/mm/yyyy date field holding an ISO 'YYYY-MM-DD' string. */
export function DateField(props: {
  label: string;
  value: string | null | undefined;
  onChange: (v: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  testId?: string;
  w?: number;
}) {
  return (
    <DateInput
      label={props.label}
      value={props.value || null}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      locale="id"
      placeholder="dd/mm/yyyy"
      dateParser={(input) => {
        const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input.trim());
        return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
      }}
      error={props.error}
      withAsterisk={props.required}
      clearable={props.clearable}
      data-testid={props.testId}
      w={props.w}
    />
  );
}

/** The office's kecamatan, for filters and invitations. */
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

/** Current local time as JJ:MM for arrival times. */
export function jamSekarang(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
