/** Real header texts of the known layouts (formats.md §1), shared by the tests. */

/** §1.1 SIKS-NG usulan, 21 columns, exactly as the template writes them. */
export const SIKS_NG_USULAN = [
  'NIK', 'PROGRAM BANSOS', 'NOKK', 'NAMA', 'TEMPAT LAHIR', 'TANGGAL LAHIR\n(31/01/2000)', 'IBU KANDUNG',
  'JENIS KELAMIN', 'JENIS PEKERJAAN', 'STATUS KAWIN', 'ALAMAT', 'RT', 'RW', 'PROVINSI', 'KABUPATEN', 'KECAMATAN',
  'KELURAHAN', 'STATUS DISABILITAS', 'KODE JENIS DISABILITAS', 'STATUS HAMIL', 'TGL MULAI HAMIL\n(31/12/2021)',
];

/** §1.4 published DTKS, 24 columns. */
export const DTKS = [
  'No', 'ID DTKS', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Alamat', 'Dusun', 'RT', 'RW',
  'NO KK', 'NIK', 'Nama', 'Tanggal Lahir', 'Tempat Lahir', 'Jenis Kelamin', 'Pekerjaan', 'Nama Ibu Kandung',
  'Hub Keluarga', 'Keterangan Padan', 'BANSOS BPNT', 'BANSOS PKH', 'BANSOS BPNT-PPKM', 'PBI JKN',
];

/** §1.6 P3KE keluarga: No + 30 columns. */
export const P3KE_KELUARGA = [
  'No', 'ID Keluarga P3KE', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Kode Kemendagri',
  'Desil Kesejahteraan', 'Alamat', 'Kepala Keluarga', 'NIK', 'Padan Dukcapil', 'Jenis Kelamin', 'Tanggal Lahir',
  'Pekerjaan', 'Pendidikan', 'Kepemilikan Rumah', 'Memiliki Simpanan Uang/Perhiasan/Ternak/Lainnya', 'Jenis Atap',
  'Jenis Dinding', 'Jenis Lantai', 'Sumber Penerangan', 'Bahan Bakar Memasak', 'Sumber Air Minum',
  'Memiliki Fasilitas Buang Air Besar', 'Penerima BPNT', 'Penerima BPUM', 'Penerima BST', 'Penerima PKH',
  'Penerima SEMBAKO', 'Resiko Stunting',
];

/** §1.6 P3KE individu. */
export const P3KE_INDIVIDU = [
  'ID Keluarga P3KE', 'Provinsi', 'Kabupaten/Kota', 'Kecamatan', 'Desa/Kelurahan', 'Kode Kemendagri',
  'Desil Kesejahteraan', 'Alamat', 'ID Individu', 'Nama', 'NIK', 'Padan Dukcapil', 'Jenis Kelamin',
  'Hubungan dengan Kepala Keluarga', 'Tanggal Lahir', 'Status Kawin', 'Pekerjaan', 'Pendidikan', 'Usia < 7 Tahun',
  'Usia 7–12', 'Usia 13–15', 'Usia 16–18', 'Usia 19–21', 'Usia 22–59', 'Usia ≥ 60', 'Penerima BPNT',
  'Penerima BPUM', 'Penerima BST', 'Penerima PKH', 'Penerima SEMBAKO', 'Resiko Stunting',
];

/** §1.10 OpenSID participant list. */
export const SEDERHANA = [
  'No', 'NIK', 'No. KK', 'Nama Penduduk', 'No. Kartu Peserta', 'Tempat Lahir', 'Tanggal Lahir', 'Jenis Kelamin',
  'Alamat', 'Keterangan',
];

/** §1.5 legacy BDT individual variable names (first columns). */
export const BDT_ART = [
  'kd_wilayah', 'IDBDT', 'IDARTBDT', 'KDPROP', 'KDKAB', 'KDKEC', 'KDDESA', 'NoPesertaPKH', 'Nama', 'JnsKel',
  'TmpLahir', 'TglLahir', 'HubKRT', 'NIK', 'NoKK', 'Hub_KRT', 'NUK', 'Hubkel', 'Umur', 'Sta_kawin', 'Sta_hamil',
  'Jenis_cacat', 'Pendidikan_tertinggi', 'namagadis_ibukandung',
];

/** subhandp/dtks-sulteng pipe-delimited DTKS (§1.4). */
export const DTKS_SULTENG = [
  'iddtks', 'provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan', 'alamat', 'dusun', 'rt', 'rw',
  'nomor_kk', 'nomor_nik', 'nama', 'tanggal_lahir', 'tempat_lahir', 'jenis_kelamin', 'nama_ibu_kandung',
  'hubungan_keluarga',
];
