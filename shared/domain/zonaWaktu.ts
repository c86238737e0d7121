/**
 * Indonesia's three time zones, which follow from the province (no daylight saving anywhere): the office's
 * zone is the one every time on screen and every "now" of a rule is read in, whatever the PC's clock is set to.
 */
export type ZonaWaktu = { label: 'WIB' | 'WITA' | 'WIT'; offsetJam: 7 | 8 | 9 };

export const WIB: ZonaWaktu = { label: 'WIB', offsetJam: 7 };
export const WITA: ZonaWaktu = { label: 'WITA', offsetJam: 8 };
export const WIT: ZonaWaktu = { label: 'WIT', offsetJam: 9 };

// Kemendagri province codes (Permendagri 58/2021 and the 2022 Papua provinces).
// WITA: Bali, NTB, NTT (51–53), South, East and North Kalimantan (63–65), every Sulawesi province (71–76).
const WITA_PROVINSI = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);

/** WIB for Sumatra, Java, West and Central Kalimantan; WITA as listed above; WIT for Maluku and Papua (8x, 9x). */
export function zonaWaktuProvinsi(provinsiKode: string): ZonaWaktu {
  const kode = provinsiKode.slice(0, 2);
  if (kode.startsWith('8') || kode.startsWith('9')) return WIT;
  return WITA_PROVINSI.has(kode) ? WITA : WIB;
}

/** The wall-clock date and time in the zone: yyyy-mm-dd, HH:MM and seconds. */
export function waktuDiZona(at: Date | string, zona: ZonaWaktu): { tanggal: string; jam: string; detik: string } {
  const t = new Date(typeof at === 'string' ? at : at.getTime());
  const local = new Date(t.getTime() + zona.offsetJam * 3_600_000).toISOString();
  return { tanggal: local.slice(0, 10), jam: local.slice(11, 16), detik: local.slice(17, 19) };
}

/**
 * The office's date today (yyyy-mm-dd): the one "today" of every rule and every date the app fills in itself,
 * read in the zone of the office's province, whatever the PC's clock zone is (23:30 UTC is already tomorrow, 06:30
 * WIB). WIB while no office is stored.
 */
export function tanggalKantor(now: Date, provinsiKode: string | null | undefined): string {
  return waktuDiZona(now, provinsiKode ? zonaWaktuProvinsi(provinsiKode) : WIB).tanggal;
}
