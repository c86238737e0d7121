import type { Generated } from 'kysely';
import type { ModePenyerahan, Pembawa, StatusPenerima, StatusPermohonan } from '../../../shared/api/handovers';

export interface HandoverTables {
  permohonan: {
    id: Generated<number>;
    program_id: number;
    anggota_id: number;
    tanggal: string;
    pembawa: Pembawa;
    pembawa_nama: string | null;
    dokumen_json: Generated<string>;
    kebutuhan: string | null;
    asesmen: string | null;
    status: Generated<StatusPermohonan>;
    alasan_tolak: string | null;
    sk_nomor: string | null;
    sk_tanggal: string | null;
    /** What the SK is about ("Penetapan Penerima Bantuan …"), quoted on the BAST of the handover (0015). */
    sk_tentang: string | null;
    diputuskan_oleh: string | null;
    diputuskan_at: string | null;
    created_at: string;
    updated_at: string;
  };
  penyerahan: {
    id: Generated<number>;
    program_id: number;
    tanggal: string;
    tempat: string;
    mode: ModePenyerahan;
    dasar_jenis: string | null;
    dasar_nomor: string | null;
    dasar_tanggal: string | null;
    dasar_tentang: string | null;
    pertama_nama: string;
    pertama_nip: string | null;
    pertama_pangkat: string | null;
    pertama_jabatan: string;
    wakil_nama: string | null;
    wakil_jabatan: string | null;
    wakil_nip: string | null;
    wakil_pangkat: string | null;
    /** A group grant (KUBE): the group PIHAK KEDUA acts for. */
    kelompok: string | null;
    /** Money only: how it was handed over. */
    cara_bayar: 'tunai' | 'transfer' | null;
    rekening: string | null;
    saksi_json: Generated<string>;
    nomor_bast: string | null;
    catatan: string | null;
    created_at: string;
    updated_at: string;
  };
  penerima: {
    id: Generated<number>;
    penyerahan_id: number;
    anggota_id: number;
    permohonan_id: number | null;
    urutan: number;
    status: Generated<StatusPenerima>;
    tanggal_terima: string | null;
    alasan_batal: string | null;
    alasan_ganda: string | null;
    nomor_bast: string | null;
    created_at: string;
    updated_at: string;
  };
  penerima_item: {
    id: Generated<number>;
    penerima_id: number;
    nama: string;
    jumlah: number;
    satuan: string;
    nilai_satuan: number;
  };
  penyerahan_foto: {
    id: Generated<number>;
    penyerahan_id: number;
    penerima_id: number | null;
    file_name: string;
    stored_name: string;
    mime: string;
    size: number;
    keterangan: string | null;
    created_at: string;
  };
  /** A photo's bytes, by the photo's stored name (migration 0018); kept, marked, when the photo is removed. */
  penyerahan_foto_berkas: {
    stored_name: string;
    data: Buffer;
    thumb: Buffer | null;
    dihapus_at: string | null;
  };
}
