import { formatTanggal } from '../../../shared/domain/tanggal';
import { WIB, waktuDiZona, zonaWaktuProvinsi, type ZonaWaktu } from '../../../shared/domain/zonaWaktu';

/** A date as clerks read it on screen (dd/mm/yyyy), or a dash when there is none. */
export const tgl = (iso: string | null | undefined) => (iso ? formatTanggal(iso) : '—');

// The office's zone, set by App once the office profile is loaded (WIB until then: nothing shows times before).
let zona: ZonaWaktu = WIB;

export function setZonaKantor(provinsiKode: string) {
  zona = zonaWaktuProvinsi(provinsiKode);
}

/**
 * The one way a moment is shown on screen: dd/mm/yyyy HH.MM and the office's zone (WIB/WITA/WIT), never the
 * PC's own zone, so a laptop left on UTC still shows the office's clock. `detik` adds seconds (audit log).
 */
export function waktu(iso: string | null | undefined, opts: { detik?: boolean } = {}): string {
  if (!iso) return '—';
  const w = waktuDiZona(iso, zona);
  return `${formatTanggal(w.tanggal)} ${w.jam.replace(':', '.')}${opts.detik ? `.${w.detik}` : ''} ${zona.label}`;
}

/** Only the time of a moment, in the office's zone: "14.05 WIB". */
export function jam(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${waktuDiZona(iso, zona).jam.replace(':', '.')} ${zona.label}`;
}

/** The office's clock now as HH:MM (the form of arrival times). */
export function jamSekarang(now: Date = new Date()): string {
  return waktuDiZona(now, zona).jam;
}

/** The office's date today, yyyy-mm-dd. */
export function hariIni(now: Date = new Date()): string {
  return waktuDiZona(now, zona).tanggal;
}

/** The office's zone label, for a time typed or shown without a date ("Jam mulai (WIB)"). */
export function labelZona(): string {
  return zona.label;
}
