import type { ExportSource } from '../../../../shared/api/exports';
import { intervensiSource, penerimaPenyerahanSource, penerimaProgramSource, rekapPenyaluranSource } from './aid';
import { anggotaSource, usulanSource } from './anggota';
import { keluargaSource } from './keluarga';
import { kemiskinanDesaSource } from './kemiskinan';
import { spmSource } from './spm';
import type { SourceImpl } from './types';

export const sources: Record<ExportSource, SourceImpl> = {
  anggota: anggotaSource,
  usulan: usulanSource,
  keluarga: keluargaSource,
  penerimaProgram: penerimaProgramSource,
  penerimaPenyerahan: penerimaPenyerahanSource,
  rekapPenyaluran: rekapPenyaluranSource,
  intervensi: intervensiSource,
  kemiskinanDesa: kemiskinanDesaSource,
  spm: spmSource,
};
