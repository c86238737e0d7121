import type { ColumnType, Generated } from 'kysely';

export interface ExportTables {
  export_template: {
    id: Generated<number>;
    key: string | null;
    nama: string;
    deskripsi: Generated<string>;
    builtin: Generated<number>;
    based_on_id: number | null;
    def_json: string;
    deleted_at: string | null;
    created_at: string;
    updated_at: string;
    updated_by: string | null;
  };
  usulan: {
    id: Generated<number>;
    anggota_id: number;
    program: string;
    hasil: string | null;
    padan: string | null;
    nama_dukcapil: string | null;
    keterangan: string | null;
    sumber_file: string | null;
    /** The registry import that recorded this proposal (an operator's SIKS-NG usulan sheet); null otherwise. */
    import_batch_id: ColumnType<number | null, number | null | undefined, number | null>;
    created_at: string;
    updated_at: string;
  };
}
