/**
 * A sheet as a desa operator really sends it: a title block, a header with an example inside it, a
 * column-number row, merged title cells, NIKs as text / with an apostrophe / with spaces / as a number,
 * dates as real dates and as text in several forms, sex in several spellings, region names in any case
 * and with the known spelling variant, an empty row, a signature footer, and a hidden sheet.
 * `expected` says what must become of every data row.
 */
import type { FixtureCell, FixtureSheet } from '../../helpers/xlsx';
import { utcDate } from '../../helpers/xlsx';
import { makeNik } from '../../helpers/registryFixtures';

export const BAAMANG = '62.02.05';
export const CEMPAGA_HULU = '62.02.13';

export const nik = {
  kepala: makeNik(BAAMANG, '1980-03-12', 'L', 1),
  istri: makeNik(BAAMANG, '1984-01-31', 'P', 2),
  anak: makeNik(BAAMANG, '2010-01-05', 'L', 3),
  angka: makeNik(BAAMANG, '1990-07-07', 'L', 4),
  salahDesa: makeNik(BAAMANG, '1975-05-05', 'L', 5),
  wanitaDitulisL: makeNik(BAAMANG, '1992-02-14', 'P', 6),
  luarDaerah: `6271${makeNik(BAAMANG, '1988-08-08', 'L', 7).slice(4)}`,
  ubar: makeNik(CEMPAGA_HULU, '1970-10-10', 'L', 8),
  kkAngka: makeNik(BAAMANG, '1999-09-09', 'L', 9),
};

export const kk = {
  satu: '6202051203100001',
  dua: '6202051203100002',
  tiga: '6202131203100003',
  empat: '6202051203100004',
};

export const HEADERS = [
  'No', 'NIK', 'NO KK', 'NAMA', 'TEMPAT LAHIR', 'TANGGAL LAHIR\n(31/01/2000)', 'JENIS KELAMIN', 'IBU KANDUNG',
  'HUBUNGAN KELUARGA', 'ALAMAT', 'RT', 'RW', 'KECAMATAN', 'KELURAHAN', 'PROGRAM BANSOS',
];

function row(cells: FixtureCell[]): FixtureCell[] {
  return cells;
}

export interface Expected {
  row: number;
  outcome: 'imported' | 'updated' | 'duplicate-in-file' | 'duplicate-registry' | 'rejected';
  codes?: string[];
  warnings?: string[];
  duplicateOfRow?: number;
}

export function messySheets(): { sheets: FixtureSheet[]; expected: Expected[] } {
  const rows: FixtureCell[][] = [
    ['DAFTAR USULAN DTKS KABUPATEN KOTAWARINGIN TIMUR'],
    ['KECAMATAN BAAMANG — BULAN MEI 2024'],
    [],
    HEADERS,
    HEADERS.map((_, i) => i + 1),
    // 6: text NIK, real date cell, "L"
    row([1, nik.kepala, kk.satu, 'Budi Santoso', 'Sampit', utcDate(1980, 3, 12), 'L', 'Siti Aminah', 'Kepala Keluarga', 'Jl. Pelita No. 3', '003', '001', 'BAAMANG', 'Baamang Hulu', 'PKH, BPNT']),
    // 7: apostrophe NIK, text date with dashes, "pr"
    row([2, `'${nik.istri}`, `'${kk.satu}`, 'Rina Wati', 'Sampit', '31-01-1984', 'pr', 'Mariam', 'ISTRI', 'Jl. Pelita No. 3', '3', '1', 'baamang', 'BAAMANG HULU', '']),
    // 8: NIK with spaces, date in words, "Laki-laki", region names in odd case and spacing
    row([3, `${nik.anak.slice(0, 4)} ${nik.anak.slice(4, 8)} ${nik.anak.slice(8, 12)} ${nik.anak.slice(12)}`, kk.satu, 'Andi Santoso', 'Sampit', '5 Januari 2010', 'Laki-laki', 'Rina Wati', 'Anak', 'Jl. Pelita No. 3', 3, 1, '  Kec. Baamang ', '  baamang   hulu ', '']),
    // 9: NIK stored by Excel as a number
    row([4, Number(nik.angka), kk.dua, 'Joko Susilo', 'Sampit', '07/07/1990', 'LK', 'Sri', 'Kepala Keluarga', 'Jl. Kenanga', '1', '2', 'Baamang', 'Tanah Mas', '']),
    // 10: the same NIK as row 6
    row([5, nik.kepala, kk.satu, 'Budi Santoso', 'Sampit', '12/03/1980', 'L', 'Siti Aminah', 'Kepala Keluarga', 'Jl. Pelita No. 3', '3', '1', 'Baamang', 'Baamang Hulu', '']),
    // 11: a village that is not in the kecamatan
    row([6, nik.salahDesa, kk.dua, 'Hasan Basri', 'Sampit', '05/05/1975', 'L', 'Aisyah', 'Kepala Keluarga', 'Jl. Kenanga', '1', '2', 'Baamang', 'Baamang Ulu Raya', '']),
    // 12: impossible NIK date and no name: two reasons
    row([7, '6202050013800011', kk.dua, '', 'Sampit', '01/01/1980', 'P', 'X', 'Anak', 'Jl. Kenanga', '1', '2', 'Baamang', 'Tanah Mas', '']),
    // 13: NIK says woman, sheet says L → warning only
    row([8, nik.wanitaDitulisL, kk.empat, 'Dewi Lestari', 'Sampit', '14/02/1992', 'l', 'Halimah', 'Kepala Keluarga', 'Jl. Merdeka', '2', '1', 'Baamang', 'Tinduk', '']),
    // 14: NIK first registered in Palangka Raya → warning only
    row([9, nik.luarDaerah, kk.empat, 'Yusuf Hidayat', 'Palangka Raya', '08/08/1988', 'Laki Laki', 'Halimah', 'Suami', 'Jl. Merdeka', '2', '1', 'Baamang', 'Tinduk', '']),
    [],
    // 16: known spelling variant of Sungai Ubar Mandiiri
    row([10, nik.ubar, kk.tiga, 'Slamet Riyadi', 'Pundu', '10 Okt 1970', 'LAKI-LAKI', 'Suryani', 'Kepala Keluarga', 'Jl. Desa', '1', '1', 'CEMPAGA HULU', 'Sungai Ubar Mandiri', 'PBI']),
    // 17: No KK stored as a number
    row([11, nik.kkAngka, Number(kk.dua), 'Agus Salim', 'Sampit', '09/09/1999', 'L', 'Kartini', 'Kepala Keluarga', 'Jl. Kenanga', '1', '2', 'Baamang', 'Tanah Mas', '']),
    [],
    [null, null, null, null, null, null, null, null, null, null, 'Sampit, 20 Mei 2024'],
    [null, null, null, null, null, null, null, null, null, null, 'Mengetahui,'],
    [null, null, null, null, null, null, null, null, null, null, 'Lurah Baamang Hulu'],
    [],
    [null, null, null, null, null, null, null, null, null, null, '( H. Abdul Gani, S.Sos )'],
    [null, null, null, null, null, null, null, null, null, null, 'NIP. 19700101 199003 1 005'],
  ];
  const expected: Expected[] = [
    { row: 6, outcome: 'imported' },
    { row: 7, outcome: 'imported' },
    { row: 8, outcome: 'imported' },
    { row: 9, outcome: 'rejected', codes: ['STORED_AS_NUMBER'] },
    { row: 10, outcome: 'duplicate-in-file', duplicateOfRow: 6 },
    { row: 11, outcome: 'rejected', codes: ['REGION_DESA'] },
    { row: 12, outcome: 'rejected', codes: ['NAMA_EMPTY', 'NIK_DATE'] },
    { row: 13, outcome: 'imported', warnings: ['NIK_SEX_MISMATCH'] },
    { row: 14, outcome: 'imported', warnings: ['NIK_OTHER_REGION'] },
    { row: 16, outcome: 'imported' },
    { row: 17, outcome: 'rejected', codes: ['STORED_AS_NUMBER'] },
  ];
  const hidden: FixtureSheet = {
    name: 'Referensi',
    state: 'hidden',
    rows: [['NIK', 'NAMA', 'NO KK'], ['6202051203800099', 'Contoh Tersembunyi', kk.satu]],
  };
  return { sheets: [hidden, { name: 'DATA', rows, merges: ['A1:O1', 'A2:O2'] }], expected };
}
