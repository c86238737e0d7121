import type { Generated } from 'kysely';
import type { JenisProgram, KategoriProgram, SumberDana } from '../../../shared/api/programs';

export interface ProgramTables {
  program: {
    id: Generated<number>;
    nama: string;
    jenis: JenisProgram;
    satuan: string;
    nilai_satuan: number;
    sumber_dana: SumberDana;
    opd: string;
    tahun: number;
    kategori: KategoriProgram;
    aktif: Generated<number>;
    keterangan: string | null;
    created_at: string;
    updated_at: string;
  };
}
