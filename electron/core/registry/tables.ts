import type { Generated } from 'kysely';

export type Padan = 'padan' | 'tidak_padan' | 'belum';
export type StatusAnggota = 'aktif' | 'pindah' | 'meninggal' | 'keluar';

export interface RegistryTables {
  import_batch: {
    id: Generated<number>;
    file_name: string;
    sha256: string;
    sheet: string | null;
    preset: string | null;
    user_id: number | null;
    username: string | null;
    started_at: string;
    finished_at: string | null;
    data_rows: Generated<number>;
    imported: Generated<number>;
    updated: Generated<number>;
    duplicates: Generated<number>;
    rejected: Generated<number>;
    status: Generated<'committed' | 'undone'>;
    undone_at: string | null;
    undone_by: string | null;
    summary_json: string | null;
  };
  keluarga: {
    id: Generated<number>;
    no_kk: string;
    alamat: Generated<string>;
    dusun: string | null;
    rt: string | null;
    rw: string | null;
    desa_kode: string;
    kecamatan_kode: string;
    id_dtks: string | null;
    desil: number | null;
    miskin_ekstrem: Generated<number>;
    sumber: string | null;
    import_batch_id: number | null;
    catatan: string | null;
    created_at: string;
    updated_at: string;
  };
  anggota: {
    id: Generated<number>;
    keluarga_id: number;
    nik: string;
    nama: string;
    nama_key: string;
    jenis_kelamin: 'L' | 'P' | null;
    tempat_lahir: string | null;
    tanggal_lahir: string | null;
    hubungan: string | null;
    ibu_kandung: string | null;
    status_kawin: string | null;
    pekerjaan: string | null;
    pendidikan: string | null;
    disabilitas: string | null;
    hamil: Generated<number>;
    padan: Generated<Padan>;
    status: Generated<StatusAnggota>;
    status_tanggal: string | null;
    status_alasan: string | null;
    id_dtks: string | null;
    import_batch_id: number | null;
    created_at: string;
    updated_at: string;
    /** The family's kecamatan, copied for the filtered list (migration 0006); triggers fill it when omitted. */
    kec_kode: Generated<string | null>;
  };
  anggota_program: { anggota_id: number; program: string; keterangan: string | null; import_batch_id: number | null };
  /** The second and later words of each member's nama_key (migration 0007), kept by triggers: word search. */
  anggota_kata: { kata: string; anggota_id: number };
  import_change: {
    id: Generated<number>;
    batch_id: number;
    entity: 'keluarga' | 'anggota' | 'anggota_program';
    entity_id: number;
    action: 'insert' | 'update';
    before_json: string | null;
  };
  duplikat_keputusan: { anggota_a: number; anggota_b: number; keputusan: 'sama' | 'beda'; user_id: number | null; at: string };
  import_mapping: { id: Generated<number>; nama: string; header_key: string; mapping_json: string; updated_at: string };
}
