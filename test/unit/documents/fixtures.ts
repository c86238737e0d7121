import type { BastData } from '../../../electron/core/documents/bast';
import type { Penerima } from '../../../electron/core/documents/penyerahan';
import type { PesertaRapat } from '../../../electron/core/documents/daftarHadir';
import type { Official, OfficeHeader } from '../../../electron/core/documents/types';

/** A stand-in emblem (shield) as an SVG data URL, like the office profile's logo. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="120" viewBox="0 0 100 120">
<path d="M5 5 H95 V60 C95 90 70 108 50 116 C30 108 5 90 5 60 Z" fill="#1f6f3a" stroke="#c9a227" stroke-width="5"/>
<circle cx="50" cy="50" r="18" fill="#c9a227"/></svg>`;
export const LOGO_DATA_URL = `data:image/svg+xml;base64,${Buffer.from(LOGO_SVG).toString('base64')}`;

export const KOTIM: OfficeHeader = {
  pemerintah: 'PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR',
  namaDinas: 'DINAS SOSIAL',
  alamat: 'Jalan Jenderal Sudirman Km 5,5 Sampit, Kalimantan Tengah 74322',
  telepon: '(0531) 21245',
  email: 'dinsos@kotimkab.go.id',
  website: 'dinsos.kotimkab.go.id',
  kota: 'Sampit',
  logoDataUrl: LOGO_DATA_URL,
  kepalaDinas: {
    nama: 'Drs. H. Muhammad Irfansyah, M.Si',
    nip: '196605031991021001',
    pangkat: 'Pembina Utama Muda (IV/c)',
    jabatan: 'Kepala Dinas Sosial',
  },
};

export const PENERIMA: Penerima[] = [
  { nama: 'Siti Rahmawati', nik: '6202014506780003', alamat: 'Jl. Tjilik Riwut Gg. Melati No. 12', rt: '004', rw: '002', desa: 'Baamang Hulu', kecamatan: 'Baamang' },
  { nama: 'Ahmad Fauzi', nik: '6202031208850001', alamat: 'Jl. Pelita Barat', rt: '011', rw: '003', desa: 'Mentawa Baru Hulu', kecamatan: 'Mentawa Baru Ketapang' },
  { nama: 'Yohanes Dami', nik: '6202050101700007', alamat: 'Dusun Sebabi', rt: '001', rw: '001', desa: 'Pundu', kecamatan: 'Cempaga Hulu' },
];

export const BAST_KAKI_PALSU: BastData = {
  office: KOTIM,
  paper: 'A4',
  nomor: '460/125/BAST-Dinsos/V/2024',
  tanggal: '2024-05-03',
  tempat: 'Kantor Dinas Sosial Kabupaten Kotawaringin Timur, Sampit',
  dasar: {
    nomor: '460/87/Dinsos/IV/2024',
    tanggal: '2024-04-29',
    tentang: 'Penetapan Penerima Bantuan Alat Bantu Penyandang Disabilitas Tahun Anggaran 2024',
  },
  namaProgram: 'Bantuan Alat Bantu Penyandang Disabilitas Tahun 2024',
  pihakPertama: {
    nama: 'Rusdiansyah, S.Sos., M.AP',
    nip: '197802142005011003',
    pangkat: 'Penata Tk. I (III/d)',
    jabatan: 'Kepala Bidang Rehabilitasi Sosial',
  },
  penerima: [PENERIMA[0]!],
  items: [{ nama: 'Kaki Palsu (Prostesis Bawah Lutut)', jumlah: 1, satuan: 'Unit', nilai: 3_250_000 }],
};

const NAMA_DEPAN = ['Siti', 'Ahmad', 'Yohanes', 'Nur', 'Muhammad', 'Dewi', 'Rudi', 'Hj. Salmah', 'Agus', 'Maria', 'Fitri', 'Supriadi'];
const NAMA_BELAKANG = ['Rahmawati', 'Fauzi', 'Dami', 'Aini', 'Ridwan', 'Lestari', 'Hartono', 'Badariah', 'Setiawan', 'Ulin', 'Handayani', 'Noor'];
const DESA = [
  ['Baamang Hulu', 'Baamang'],
  ['Mentawa Baru Hulu', 'Mentawa Baru Ketapang'],
  ['Pundu', 'Cempaga Hulu'],
  ['Kota Besi Hulu', 'Kota Besi'],
  ['Parenggean', 'Parenggean'],
] as const;

/** `n` recipients with valid-looking Kotim NIKs (6202…), names and addresses. */
export function generatePenerima(n: number): Penerima[] {
  return Array.from({ length: n }, (_, i) => {
    const [desa, kecamatan] = DESA[i % DESA.length]!;
    const day = (i % 28) + 1 + (i % 2 === 0 ? 40 : 0); // women: day + 40
    const nik = `62020${(i % 9) + 1}${String(day).padStart(2, '0')}${String((i % 12) + 1).padStart(2, '0')}${String(60 + (i % 40)).padStart(2, '0')}${String(i + 1).padStart(4, '0')}`;
    return {
      nama: `${NAMA_DEPAN[i % NAMA_DEPAN.length]!} ${NAMA_BELAKANG[(i * 7) % NAMA_BELAKANG.length]!}`,
      nik,
      alamat: `Jl. Pelita Gg. ${(i % 15) + 1}`,
      rt: String((i % 20) + 1).padStart(3, '0'),
      rw: String((i % 5) + 1).padStart(3, '0'),
      desa,
      kecamatan,
    };
  });
}

export const KABID: Official = {
  nama: 'Rusdiansyah, S.Sos., M.AP',
  nip: '197802142005011003',
  pangkat: 'Penata Tk. I (III/d)',
  jabatan: 'Kepala Bidang Perlindungan dan Jaminan Sosial',
};

export const NOTULIS: Official = { nama: 'Rina Marlina, S.Kom', nip: '199205172019032011', jabatan: 'Pranata Komputer Ahli Pertama' };

export const JUDUL_RAPAT = 'Rapat Koordinasi Operator DTKS Desa/Kelurahan Triwulan II Tahun 2024';

export const PESERTA: PesertaRapat[] = [
  { nama: 'Hendra Saputra', desaInstansi: 'Desa Pundu', jabatan: 'Operator SIKS-NG Desa', noHp: '0812-5123-4401' },
  { nama: 'Nurul Hidayah', desaInstansi: 'Kelurahan Baamang Hulu', jabatan: 'Operator DTKS Kelurahan', noHp: '0813-4950-2210' },
  { nama: 'Yulius Anyang', desaInstansi: 'Desa Kota Besi Hulu', jabatan: 'Operator DTKS Desa', noHp: '0852-4711-0987' },
  { nama: 'Rahmadi', desaInstansi: 'Bappelitbangda Kab. Kotawaringin Timur', jabatan: 'Analis Perencanaan', noHp: '0811-520-3344' },
  { nama: 'Sri Wahyuni, S.E', desaInstansi: 'Kelurahan Mentawa Baru Hulu', jabatan: 'TKSK Kec. Mentawa Baru Ketapang', noHp: null },
];
