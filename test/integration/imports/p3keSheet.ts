/**
 * P3KE downloads as an operator gets them (formats.md §1.6): title and metadata rows above the header, data from
 * row 13, one row per person with the members of a family on consecutive rows, no No KK column, the relation
 * written "Kepala Keluarga / 1"; and the keluarga sheet (one row per family, "Kepala Keluarga" instead of Nama).
 */
import type { FixtureAnggota, FixtureKeluarga } from '../../helpers/registryFixtures';
import type { FixtureCell } from '../../helpers/xlsx';
import { P3KE_INDIVIDU, P3KE_KELUARGA } from '../../unit/imports-read/headerTexts';

/** The first data row of a P3KE download. */
export const P3KE_FIRST_ROW = 13;

const SHDK: Record<string, string> = { 'Kepala Keluarga': 'Kepala Keluarga', Istri: 'Istri', Anak: 'Anak' };

/** Rows 1–11: the title and metadata block the download has above its header (row 12). */
export function p3keTitleRows(kind: 'Individu' | 'Keluarga'): FixtureCell[][] {
  return [
    [`DATA PENSASARAN PERCEPATAN PENGHAPUSAN KEMISKINAN EKSTREM (P3KE) — ${kind.toUpperCase()}`],
    ['Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan'],
    [],
    ['Provinsi', ': KALIMANTAN TENGAH'],
    ['Kabupaten/Kota', ': KOTAWARINGIN TIMUR'],
    ['Kecamatan', ': SEMUA'],
    ['Desa/Kelurahan', ': SEMUA'],
    ['Tanggal Unduh', ': 12/03/2024 09:14'],
    ['Sumber', ': sepakat.bappenas.go.id'],
    [],
    [],
  ];
}

export interface P3keFamily {
  id: string;
  k: FixtureKeluarga;
  /** As written in the sheet (11 for the faulty family). */
  desil: number | string;
  /** Members as they appear; a member's NIK may be overridden (a bad one). */
  anggota: (FixtureAnggota & { nikTertulis?: string; stunting?: boolean })[];
}

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

function kode(k: FixtureKeluarga): string {
  return k.desa.kode.replace(/\./g, '');
}

/** One row per person, in the individu column order (P3KE_INDIVIDU), for each family in turn. */
export function p3keIndividuRows(families: readonly P3keFamily[]): FixtureCell[][] {
  const rows: FixtureCell[][] = [[...P3KE_INDIVIDU]];
  for (const f of families) {
    f.anggota.forEach((a, i) => {
      const rel = SHDK[a.hubungan] ?? a.hubungan;
      rows.push([
        f.id, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', f.k.desa.kecamatanNama.toUpperCase(), f.k.desa.nama.toUpperCase(), kode(f.k), f.desil,
        f.k.alamat, `${f.id}${String(i + 1).padStart(2, '0')}`, a.nama.toUpperCase(), a.nikTertulis ?? a.nik, 'Padan', a.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan',
        `${rel} / ${i + 1}`, ddmmyyyy(a.tanggalLahir), i < 2 ? 'Kawin' : 'Belum Kawin', a.pekerjaan, 'SD/Sederajat',
        '', '', '', '', '', '', '',
        'Ya', 'Tidak', 'Tidak', i === 0 ? 'Ya' : 'Tidak', 'Ya', a.stunting ? 'Ya' : 'Tidak',
      ]);
    });
  }
  return rows;
}

/** One row per family (its head), in the keluarga column order (P3KE_KELUARGA). */
export function p3keKeluargaRows(families: readonly P3keFamily[]): FixtureCell[][] {
  const rows: FixtureCell[][] = [[...P3KE_KELUARGA]];
  families.forEach((f, n) => {
    const a = f.anggota[0]!;
    rows.push([
      n + 1, f.id, 'KALIMANTAN TENGAH', 'KOTAWARINGIN TIMUR', f.k.desa.kecamatanNama.toUpperCase(), f.k.desa.nama.toUpperCase(), kode(f.k), f.desil,
      f.k.alamat, a.nama.toUpperCase(), a.nikTertulis ?? a.nik, 'Padan', a.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan', ddmmyyyy(a.tanggalLahir),
      a.pekerjaan, 'SD/Sederajat', 'Milik Sendiri', 'Tidak', 'Seng', 'Kayu', 'Kayu/Papan', 'Listrik PLN', 'Kayu Bakar', 'Sumur', 'Ya',
      'Ya', 'Tidak', 'Tidak', 'Ya', 'Tidak', a.stunting ? 'Ya' : 'Tidak',
    ]);
  });
  return rows;
}
