import type { Generated } from 'kysely';

export interface InterventionTables {
  /**
   * Who received what from which agency. Rows with sumber 'penyerahan' are kept in step with handover
   * receipts (written when a recipient is marked diterima, removed when batal); 'impor'/'manual' belong to the
   * interventions feature.
   */
  intervensi: {
    id: Generated<number>;
    anggota_id: number | null;
    keluarga_id: number | null;
    opd: string;
    jenis: string;
    program_id: number | null;
    penyerahan_id: number | null;
    tanggal: string;
    nilai: Generated<number>;
    sumber: 'penyerahan' | 'impor' | 'manual';
    created_at: string;
  };
}
