import type { Generated } from 'kysely';

export interface InterventionTables {
  /** An agency (OPD) of the office's area; a merged one keeps its row with digabung_ke set and no names. */
  opd: {
    id: Generated<number>;
    nama: string;
    singkatan: string | null;
    digabung_ke: number | null;
    created_at: string;
    updated_at: string;
  };
  /** Every name an OPD answers to (name, short name, aliases), keyed by normalizeKey(). */
  opd_nama: { key: string; opd_id: number; label: string; jenis: 'nama' | 'singkatan' | 'alias' };
  /** The kinds of help an OPD gives. */
  jenis_intervensi: { id: Generated<number>; opd_id: number; nama: string; key: string; created_at: string };
  /** Other names a kind is written as in the OPD's lists (0015), keyed by normalizeKey() within the OPD. */
  jenis_alias: { opd_id: number; key: string; jenis_id: number; label: string };
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
    /** Set by the writer or, for writers that give names only, by the intervensi_ref trigger (0010). */
    opd_id: Generated<number | null>;
    jenis_id: Generated<number | null>;
  };
}
