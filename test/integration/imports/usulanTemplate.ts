import type { FixtureAnggota, FixtureKeluarga } from '../../helpers/registryFixtures';
import type { FixtureCell } from '../../helpers/xlsx';

/** A row of the 21-column SIKS-NG usulan template as an operator fills it. */
export function usulanRow(k: FixtureKeluarga, a: FixtureAnggota, program: string): FixtureCell[] {
  const [y, m, d] = a.tanggalLahir.split('-');
  return [
    a.nik, program, k.noKk, a.nama.toUpperCase(), a.tempatLahir.toUpperCase(), `${d}/${m}/${y}`, a.ibuKandung.toUpperCase(),
    a.jenisKelamin === 'L' ? 'LAKI-LAKI' : 'PEREMPUAN', a.pekerjaan, 'KAWIN', k.alamat, k.rt, k.rw, 'KALIMANTAN TENGAH',
    'KOTAWARINGIN TIMUR', k.desa.kecamatanNama.toUpperCase(), k.desa.nama.toUpperCase(), 'TIDAK', '', 'TIDAK', '',
  ];
}
