import { z } from 'zod';
import { call, returns } from './define';
import { rupiahField } from './fields';

export const jenisProgram = ['barang', 'uang', 'jasa'] as const;
export type JenisProgram = (typeof jenisProgram)[number];
export const jenisProgramLabels: Record<JenisProgram, string> = { barang: 'Barang', uang: 'Uang', jasa: 'Jasa' };

export const sumberDana = ['apbd_kab', 'apbd_prov', 'apbn', 'csr'] as const;
export type SumberDana = (typeof sumberDana)[number];
export const sumberDanaLabels: Record<SumberDana, string> = {
  apbd_kab: 'APBD Kabupaten/Kota',
  apbd_prov: 'APBD Provinsi',
  apbn: 'APBN',
  csr: 'CSR/lainnya',
};

/** The three groups of Kotim's poverty-reduction plan. */
export const kategoriProgram = ['bansos', 'pemberdayaan', 'usaha_mikro'] as const;
export type KategoriProgram = (typeof kategoriProgram)[number];
export const kategoriProgramLabels: Record<KategoriProgram, string> = {
  bansos: 'Bantuan & perlindungan sosial',
  pemberdayaan: 'Pemberdayaan masyarakat',
  usaha_mikro: 'Pemberdayaan usaha mikro',
};

export const satuanSaran = ['unit', 'paket', 'buah', 'orang-hari', 'orang', 'kg', 'pasang'] as const;

export interface Program {
  id: number;
  nama: string;
  jenis: JenisProgram;
  satuan: string;
  nilaiSatuan: number;
  sumberDana: SumberDana;
  opd: string;
  tahun: number;
  kategori: KategoriProgram;
  aktif: boolean;
  keterangan: string | null;
  /** Handover events recorded under this programme. */
  jumlahPenyerahan: number;
  updatedAt: string;
}

export const programIdSchema = z.object({ id: z.number().int().positive() });

export const programInputSchema = z.object({
  nama: z.string().trim().min(3, 'Nama program minimal 3 huruf.').max(120, 'Nama program terlalu panjang.'),
  jenis: z.enum(jenisProgram, { message: 'Pilih jenis: barang, uang atau jasa.' }),
  satuan: z.string().trim().min(1, 'Satuan wajib diisi (mis. unit, paket).').max(30),
  nilaiSatuan: rupiahField('Nilai per satuan'),
  sumberDana: z.enum(sumberDana, { message: 'Pilih sumber dana.' }),
  opd: z.string().trim().min(2, 'OPD penanggung jawab wajib diisi.').max(120),
  tahun: z.number({ message: 'Tahun harus angka.' }).int().min(2000, 'Tahun tidak masuk akal.').max(2100, 'Tahun tidak masuk akal.'),
  kategori: z.enum(kategoriProgram, { message: 'Pilih kategori.' }),
  keterangan: z.string().trim().max(500).nullable().default(null),
});
export type ProgramInput = z.input<typeof programInputSchema>;

export const programListSchema = z.object({
  tahun: z.number().int().min(2000).max(2100).nullable().default(null),
  aktif: z.boolean().nullable().default(null),
  q: z.string().trim().max(100).default(''),
});

/** Settings of the printed aid documents. */
export interface DocumentSettings {
  /**
   * Money received of more than this amount gets a meterai place for the recipient on the BAST
   * (UU No. 10 Tahun 2020 tentang Bea Meterai: meterai Rp 10.000 on a receipt of more than Rp 5.000.000).
   */
  meteraiBatas: number;
}

export const documentSettingsSchema = z.object({
  meteraiBatas: rupiahField('Batas meterai', 1_000_000_000),
});

export const programsContract = {
  list: call({ input: programListSchema, access: 'aid.read', scope: 'none', audit: false, returns: returns<Program[]>() }),
  get: call({ input: programIdSchema, access: 'aid.read', scope: 'none', audit: false, returns: returns<Program>() }),
  create: call({ input: programInputSchema, access: 'aid.write', scope: 'none', audit: 'program', returns: returns<Program>() }),
  update: call({ input: programInputSchema.extend({ id: z.number().int().positive() }), access: 'aid.write', scope: 'none', audit: 'program', returns: returns<Program>() }),
  /** Closes a programme (no new handovers or requests) or opens it again. */
  setAktif: call({ input: z.object({ id: z.number().int().positive(), aktif: z.boolean() }), access: 'aid.write', scope: 'none', audit: 'program', returns: returns<Program>() }),
  /** The bea meterai threshold of money BASTs. */
  documentSettings: call({ input: z.object({}), access: 'aid.read', scope: 'none', audit: false, returns: returns<DocumentSettings>() }),
  setDocumentSettings: call({ input: documentSettingsSchema, access: 'aid.approve', scope: 'none', audit: 'pengaturan_dokumen', returns: returns<DocumentSettings>() }),
};
