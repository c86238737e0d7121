import { formatTanggal } from '../../../shared/domain/tanggal';

/** A date as clerks read it on screen (dd/mm/yyyy), or a dash when there is none. */
export const tgl = (iso: string | null | undefined) => (iso ? formatTanggal(iso) : '—');
