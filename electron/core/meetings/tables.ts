import type { Generated } from 'kysely';

export type JenisRapat = 'operator_dtks' | 'koordinasi' | 'sosialisasi' | 'musyawarah';
export type StatusRapat = 'rencana' | 'selesai' | 'batal';
export type Kehadiran = 'belum' | 'hadir' | 'izin' | 'tidak_hadir';
export type StatusTindakLanjut = 'belum' | 'proses' | 'selesai';

export interface MeetingsTables {
  operator_desa: {
    id: Generated<number>;
    nama: string;
    nama_key: string;
    nik: string | null;
    no_hp: string | null;
    email: string | null;
    desa_kode: string;
    kecamatan_kode: string;
    jabatan: Generated<string>;
    sk_nomor: string | null;
    sk_tanggal: string | null;
    aktif: Generated<number>;
    catatan: string | null;
    created_at: string;
    updated_at: string;
  };
  rapat: {
    id: Generated<number>;
    judul: string;
    jenis: JenisRapat;
    tanggal: string;
    jam_mulai: string;
    jam_selesai: string | null;
    tempat: string;
    pimpinan_json: string;
    notulis_json: string | null;
    status: Generated<StatusRapat>;
    undangan_nomor: string | null;
    undangan_tanggal: string | null;
    undangan_json: string | null;
    notulen_nomor: string | null;
    pembukaan: string | null;
    created_at: string;
    updated_at: string;
  };
  rapat_agenda: {
    id: Generated<number>;
    rapat_id: number;
    urutan: number;
    judul: string;
    pembahasan: Generated<string>;
    keputusan_json: Generated<string>;
  };
  rapat_peserta: {
    id: Generated<number>;
    rapat_id: number;
    operator_id: number | null;
    nama: string;
    nama_key: string;
    nik: string | null;
    desa_kode: string | null;
    kecamatan_kode: string | null;
    instansi: string | null;
    jabatan: Generated<string>;
    no_hp: string | null;
    kehadiran: Generated<Kehadiran>;
    jam_datang: string | null;
    keterangan: string | null;
    diundang: Generated<number>;
    created_at: string;
    updated_at: string;
  };
  tindak_lanjut: {
    id: Generated<number>;
    rapat_id: number;
    agenda_id: number | null;
    uraian: string;
    pj_nama: string;
    pj_desa_kode: string | null;
    batas_waktu: string | null;
    status: Generated<StatusTindakLanjut>;
    selesai_tanggal: string | null;
    catatan: string | null;
    created_at: string;
    updated_at: string;
  };
}
