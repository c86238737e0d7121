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
    /** Null for a family known only by its P3KE ID until a No KK arrives (migration 0012). */
    no_kk: string | null;
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
    /** ID Keluarga P3KE, unique (migration 0012). */
    id_p3ke: Generated<string | null>;
    /** Set when this family (without No KK) was merged into that one; it keeps no members. */
    digabung_ke: Generated<number | null>;
    /** The family's latest P3KE facts and verification (verval 2023/2024). */
    p3ke_resiko_stunting: Generated<number | null>;
    p3ke_tahun: Generated<number | null>;
    p3ke_prioritas: Generated<string | null>;
    p3ke_persentil: Generated<number | null>;
    p3ke_memenuhi: Generated<string | null>;
    p3ke_keterangan: Generated<string | null>;
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
    /** P3KE "ID Individu", the person's stunting risk and place in the family ("Anak / 3") (migration 0012). */
    id_p3ke_individu: Generated<string | null>;
    p3ke_resiko_stunting: Generated<number | null>;
    p3ke_urutan: Generated<number | null>;
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
