import { Badge } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { Permission } from '../../../shared/api/access';
import type { StatusPenerima, StatusPermohonan } from '../../../shared/api/handovers';
import { statusPenerimaLabels, statusPermohonanLabels } from '../../../shared/api/handovers';
import { formatRupiah } from '../../../shared/domain/rupiah';
import { formatTanggal, isoToday } from '../../../shared/domain/tanggal';
import { useApiQuery } from '../api/hooks';

export const rupiah = (n: number) => formatRupiah(n);
export const tgl = (iso: string | null | undefined) => (iso ? formatTanggal(iso) : '—');
export const today = () => isoToday();

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
  description?: string;
}) {
  return (
    <DateInput
      label={props.label}
      description={props.description}
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
    />
  );
}

const permohonanColor: Record<StatusPermohonan, string> = {
  diajukan: 'gray',
  diverifikasi: 'blue',
  disetujui: 'green',
  ditolak: 'red',
  diserahkan: 'teal',
};
export function StatusPermohonanBadge({ status }: { status: StatusPermohonan }) {
  return <Badge color={permohonanColor[status]} variant="light">{statusPermohonanLabels[status]}</Badge>;
}

const penerimaColor: Record<StatusPenerima, string> = { belum: 'gray', diterima: 'green', batal: 'red' };
export function StatusPenerimaBadge({ status }: { status: StatusPenerima }) {
  return <Badge color={penerimaColor[status]} variant="light">{statusPenerimaLabels[status]}</Badge>;
}

/** The message of an error path inside react-hook-form's nested errors. */
export function errorAt(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}
