import { Badge } from '@mantine/core';
import type { StatusPenerima, StatusPermohonan } from '../../../shared/api/handovers';
import { statusPenerimaLabels, statusPermohonanLabels } from '../../../shared/api/handovers';
import { formatRupiah } from '../../../shared/domain/rupiah';
import { hariIni } from '../common/format';

// Shared with other features; kept here so this feature imports its UI pieces from one place.
export { useMay } from '../common/useMay';
export { DateField } from '../common/DateField';
export { tgl } from '../common/format';

export const rupiah = (n: number) => formatRupiah(n);
export const today = () => hariIni();

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
