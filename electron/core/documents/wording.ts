import { formatAngka, formatRupiah } from '../../../shared/domain/rupiah';
import { formatTanggalPanjang, namaHari, tanggalDalamKata } from '../../../shared/domain/tanggal';
import { terbilang, terbilangRupiah, toTitleCase } from '../../../shared/domain/terbilang';
import type { OfficeHeader } from './types';

/** "Sampit, 3 Mei 2024" — the place/date line above signatures. */
export function tempatTanggal(kota: string, iso: string): string {
  return `${kota}, ${formatTanggalPanjang(iso)}`;
}

/** "Jumat, 3 Mei 2024". */
export function hariTanggal(iso: string): string {
  return `${namaHari(iso)}, ${formatTanggalPanjang(iso)}`;
}

/**
 * "Pada hari ini Jumat tanggal Tiga bulan Mei tahun Dua Ribu Dua Puluh Empat (03-05-2024)" —
 * the opening of a berita acara, the date in words (Title Case) and in figures.
 */
export function pembukaanTanggal(iso: string): string {
  const k = tanggalDalamKata(iso);
  return (
    `Pada hari ini ${toTitleCase(k.hari)} tanggal ${toTitleCase(k.tanggal)} bulan ${toTitleCase(k.bulan)} ` +
    `tahun ${toTitleCase(k.tahun)} (${k.angka})`
  );
}

/*
 * Every number in words in a printed document is in Title Case, as in the date of the opening sentence
 * ("tanggal Tiga bulan Mei") and the Kemensos BAST ("Rp.325.000,- (Tiga Ratus Dua Puluh Lima Ribu Rupiah)").
 */

/** "Rp 3.250.000,- (Tiga Juta Dua Ratus Lima Puluh Ribu Rupiah)". */
export function rupiahDenganTerbilang(n: number): string {
  const rounded = Math.round(n);
  return `${formatRupiah(rounded)},- (${toTitleCase(terbilangRupiah(rounded))})`;
}

/** "2 (Dua)". */
export function angkaDenganTerbilang(n: number): string {
  return `${formatAngka(n)} (${toTitleCase(terbilang(n))})`;
}

/** 'PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR' → 'Kabupaten Kotawaringin Timur'. */
export function wilayahDinas(office: OfficeHeader): string {
  return toTitleCase(office.pemerintah.replace(/^\s*pemerintah\s+/i, '').trim());
}

/** 'Kepala Dinas Sosial' → 'Kepala Dinas Sosial Kabupaten Kotawaringin Timur' unless it already names the region. */
export function jabatanLengkap(jabatan: string, office: OfficeHeader): string {
  return jabatanBaris(jabatan, office).join(' ');
}

/** The same as lines for a signature heading: ['Kepala Dinas Sosial', 'Kabupaten Kotawaringin Timur']. */
export function jabatanBaris(jabatan: string, office: OfficeHeader): string[] {
  const wilayah = wilayahDinas(office);
  return jabatan.toLowerCase().includes(wilayah.toLowerCase()) ? [jabatan] : [jabatan, wilayah];
}
