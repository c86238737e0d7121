import { z } from 'zod';
import { beforeTransaction, call, returns, withoutTransaction } from './define';
import { dateField, desaKodeField, rtRwField, rupiahField } from './fields';
import { uploadRefSchema, type FileRef } from './files';
import type { Program } from './programs';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `Maksimal ${max} karakter.`);
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Maksimal ${max} karakter.`)
    .nullable()
    .default(null)
    .transform((s) => (s === '' ? null : s));
const nipSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, ''))
  .refine((s) => s === '' || /^\d{18}$/.test(s), 'NIP harus 18 angka (boleh diketik dengan spasi).')
  .nullable()
  .default(null)
  .transform((s) => (s ? s : null));

// ---------- people (registry members as applicants and recipients) ----------

export interface PersonSummary {
  anggotaId: number;
  keluargaId: number;
  nik: string;
  noKk: string | null;
  nama: string;
  jenisKelamin: 'L' | 'P' | null;
  tanggalLahir: string | null;
  alamat: string;
  rt: string | null;
  rw: string | null;
  desa: string;
  kecamatan: string;
  disabilitas: string | null;
  status: string;
  /** Problems of the stored NIK (empty when valid): printing is refused until fixed. */
  nikMasalah: string[];
}

export const searchPeopleSchema = z.object({
  q: text(100).min(2, 'Ketik minimal 2 huruf nama atau angka NIK.'),
  limit: z.number().int().min(1).max(50).default(20),
});

export const newPersonSchema = z.object({
  noKk: z.string().trim().max(40),
  nik: z.string().trim().max(40),
  nama: text(100).min(2, 'Nama wajib diisi.'),
  jenisKelamin: z.enum(['L', 'P'], { message: 'Pilih jenis kelamin.' }),
  tempatLahir: optText(60),
  tanggalLahir: dateField('Tanggal lahir').nullable().default(null),
  hubungan: optText(40),
  alamat: text(200).default(''),
  rt: rtRwField('RT'),
  rw: rtRwField('RW'),
  desaKode: desaKodeField,
  disabilitas: optText(100),
});
export type NewPersonInput = z.input<typeof newPersonSchema>;

// ---------- aid requests ----------

export const pembawa = ['sendiri', 'tksk', 'psm', 'desa', 'lainnya'] as const;
export type Pembawa = (typeof pembawa)[number];
export const pembawaLabels: Record<Pembawa, string> = {
  sendiri: 'Pemohon sendiri',
  tksk: 'TKSK',
  psm: 'PSM',
  desa: 'Aparat desa/kelurahan',
  lainnya: 'Lainnya',
};

export const dokumenPermohonan = ['surat_permohonan', 'ktp', 'kk', 'sktm', 'foto'] as const;
export type DokumenPermohonan = (typeof dokumenPermohonan)[number];
export const dokumenLabels: Record<DokumenPermohonan, string> = {
  surat_permohonan: 'Surat permohonan',
  ktp: 'Fotokopi KTP',
  kk: 'Fotokopi KK',
  sktm: 'SKTM',
  foto: 'Foto (berwarna/seluruh badan)',
};

/** Forward only: diajukan → diverifikasi → disetujui | ditolak; disetujui → diserahkan (by a handover). */
export const statusPermohonan = ['diajukan', 'diverifikasi', 'disetujui', 'ditolak', 'diserahkan'] as const;
export type StatusPermohonan = (typeof statusPermohonan)[number];
export const statusPermohonanLabels: Record<StatusPermohonan, string> = {
  diajukan: 'Diajukan',
  diverifikasi: 'Diverifikasi (asesmen)',
  disetujui: 'Disetujui',
  ditolak: 'Ditolak',
  diserahkan: 'Sudah diserahkan',
};

export interface PermohonanSummary {
  id: number;
  tanggal: string;
  status: StatusPermohonan;
  program: { id: number; nama: string };
  pemohon: PersonSummary;
  pembawa: Pembawa;
  pembawaNama: string | null;
  skNomor: string | null;
}

export interface Permohonan extends PermohonanSummary {
  dokumen: DokumenPermohonan[];
  kebutuhan: string | null;
  asesmen: string | null;
  alasanTolak: string | null;
  skTanggal: string | null;
  /** What the SK is about ("Penetapan Penerima Bantuan …"), quoted as the dasar of the handover's BAST. */
  skTentang: string | null;
  diputuskanOleh: string | null;
  diputuskanAt: string | null;
  /** Status changes, oldest first, from the audit log. */
  riwayat: { at: string; username: string | null; status: string; catatan: string | null }[];
  penyerahanId: number | null;
}

const permohonanFields = {
  tanggal: dateField('Tanggal permohonan'),
  pembawa: z.enum(pembawa, { message: 'Pilih siapa yang mengantar berkas.' }),
  pembawaNama: optText(100),
  dokumen: z.array(z.enum(dokumenPermohonan)).max(dokumenPermohonan.length).default([]),
  kebutuhan: optText(1000),
  asesmen: optText(2000),
};

export const createPermohonanSchema = z.object({
  programId: id,
  anggotaId: id,
  ...permohonanFields,
});
export type CreatePermohonanInput = z.input<typeof createPermohonanSchema>;

export const updatePermohonanSchema = z.object({ id, ...permohonanFields });

export const decideSchema = z.discriminatedUnion('keputusan', [
  z.object({
    id,
    keputusan: z.literal('disetujui'),
    skNomor: text(100).min(3, 'Nomor SK penetapan wajib diisi.'),
    skTanggal: dateField('Tanggal SK'),
    skTentang: optText(300),
  }),
  z.object({
    id,
    keputusan: z.literal('ditolak'),
    alasan: text(500).min(5, 'Tuliskan alasan penolakan (minimal 5 huruf).'),
  }),
]);

export const listPermohonanSchema = z.object({
  status: z.enum(statusPermohonan).nullable().default(null),
  programId: id.nullable().default(null),
  q: text(100).default(''),
});

// ---------- handovers ----------

export const modePenyerahan = ['kolektif', 'perorangan'] as const;
export type ModePenyerahan = (typeof modePenyerahan)[number];
export const statusPenerima = ['belum', 'diterima', 'batal'] as const;
export type StatusPenerima = (typeof statusPenerima)[number];
export const statusPenerimaLabels: Record<StatusPenerima, string> = { belum: 'Belum', diterima: 'Diterima', batal: 'Batal' };

export const caraBayar = ['tunai', 'transfer'] as const;
export type CaraBayar = (typeof caraBayar)[number];
export const caraBayarLabels: Record<CaraBayar, string> = { tunai: 'Uang tunai', transfer: 'Transfer ke rekening' };

export interface ItemBantuan {
  nama: string;
  jumlah: number;
  satuan: string;
  nilaiSatuan: number;
  /** jumlah × nilaiSatuan, rounded to whole Rupiah. */
  nilai: number;
}

export interface Saksi {
  nama: string;
  nip: string | null;
  jabatan: string;
}

export interface PenerimaRow {
  id: number;
  urutan: number;
  orang: PersonSummary;
  permohonanId: number | null;
  status: StatusPenerima;
  tanggalTerima: string | null;
  alasanBatal: string | null;
  alasanGanda: string | null;
  nomorBast: string | null;
  items: ItemBantuan[];
  total: number;
  jumlahFoto: number;
}

export interface PenyerahanSummary {
  id: number;
  program: { id: number; nama: string; satuan: string };
  tanggal: string;
  tempat: string;
  mode: ModePenyerahan;
  nomorBast: string | null;
  jumlahPenerima: number;
  jumlahDiterima: number;
  total: number;
}

export interface Foto {
  id: number;
  penerimaId: number | null;
  fileName: string;
  keterangan: string | null;
  createdAt: string;
}

export interface PenyerahanDetail extends PenyerahanSummary {
  programDetail: Program;
  dasar: { jenis: string | null; nomor: string; tanggal: string; tentang: string } | null;
  pihakPertama: { nama: string; nip: string | null; pangkat: string | null; jabatan: string };
  wakil: { nama: string; jabatan: string; nip: string | null; pangkat: string | null } | null;
  /** A group grant (KUBE): the group PIHAK KEDUA acts for. */
  kelompok: string | null;
  /** Money programmes: cash or transfer (to which account). */
  pembayaran: { cara: CaraBayar; rekening: string | null } | null;
  saksi: Saksi[];
  catatan: string | null;
  penerima: PenerimaRow[];
  foto: Foto[];
  /** Why the documents cannot be printed yet (empty = ready). */
  hambatanCetak: string[];
}

export const itemSchema = z.object({
  nama: text(120).min(2, 'Nama barang wajib diisi.'),
  jumlah: z.number({ message: 'Jumlah harus angka.' }).positive('Jumlah harus lebih dari 0.').max(1_000_000),
  satuan: text(30).min(1, 'Satuan wajib diisi.'),
  nilaiSatuan: rupiahField(),
});
export type ItemInput = z.input<typeof itemSchema>;

export const penyerahanInputSchema = z
  .object({
    programId: id,
    tanggal: dateField('Tanggal serah terima'),
    tempat: text(200).min(3, 'Tempat serah terima wajib diisi.'),
    mode: z.enum(modePenyerahan),
    dasarNomor: optText(120),
    dasarTanggal: dateField('Tanggal SK').nullable().default(null),
    dasarTentang: optText(300),
    dasarJenis: optText(200),
    pertamaNama: text(100).min(3, 'Nama pejabat yang menyerahkan wajib diisi.'),
    pertamaNip: nipSchema,
    pertamaPangkat: optText(80),
    pertamaJabatan: text(120).min(3, 'Jabatan pejabat yang menyerahkan wajib diisi.'),
    wakilNama: optText(100),
    wakilJabatan: optText(120),
    wakilNip: nipSchema,
    wakilPangkat: optText(80),
    kelompok: optText(120),
    caraBayar: z.enum(caraBayar, { message: 'Pilih tunai atau transfer.' }).nullable().default(null),
    rekening: optText(200),
    saksi: z
      .array(z.object({ nama: text(100).min(3, 'Nama saksi wajib diisi.'), nip: nipSchema, jabatan: text(120).min(2, 'Jabatan saksi wajib diisi.') }))
      .max(4, 'Paling banyak 4 saksi.')
      .default([]),
    catatan: optText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.caraBayar === 'transfer' && !v.rekening) ctx.addIssue({ code: 'custom', path: ['rekening'], message: 'Isi rekening tujuan transfer (bank, nomor, atas nama).' });
    const dasar = [v.dasarNomor, v.dasarTanggal, v.dasarTentang];
    if (dasar.some((x) => x) && !dasar.every((x) => x)) {
      if (!v.dasarNomor) ctx.addIssue({ code: 'custom', path: ['dasarNomor'], message: 'Lengkapi nomor SK dasar penyerahan.' });
      if (!v.dasarTanggal) ctx.addIssue({ code: 'custom', path: ['dasarTanggal'], message: 'Lengkapi tanggal SK.' });
      if (!v.dasarTentang) ctx.addIssue({ code: 'custom', path: ['dasarTentang'], message: 'Lengkapi perihal SK (tentang …).' });
    }
  });
export type PenyerahanInput = z.input<typeof penyerahanInputSchema>;

/**
 * A handover made from an approved request, with its applicant as the recipient, in one call: nothing is written
 * unless both succeed. The SK (dasar) the form leaves empty is taken from the request.
 */
export const createFromRequestSchema = z.object({
  permohonanId: id,
  data: penyerahanInputSchema,
  /** The clerk's reason when the applicant already received this programme this year. */
  alasanGanda: optText(300),
});

export const addRecipientsSchema = z
  .object({
    penyerahanId: id,
    anggotaIds: z.array(id).max(1000).default([]),
    permohonanIds: z.array(id).max(1000).default([]),
    /** The clerk's reason to let a person receive the same programme twice in one year. */
    alasanGanda: optText(300),
  })
  .refine((v) => v.anggotaIds.length + v.permohonanIds.length > 0, 'Pilih minimal satu penerima.');

export interface DuplicateRecipient {
  anggotaId: number;
  nama: string;
  nik: string;
  penyerahanId: number;
  tanggal: string;
}

export const setItemsSchema = z.object({
  penyerahanId: id,
  /** null: every recipient of the handover gets these items. */
  penerimaId: id.nullable(),
  items: z.array(itemSchema).min(1, 'Minimal satu barang.').max(30),
});

export const setReceiptSchema = z.discriminatedUnion('status', [
  z.object({ penerimaId: id, status: z.literal('diterima'), tanggal: dateField('Tanggal terima') }),
  z.object({ penerimaId: id, status: z.literal('belum') }),
  z.object({ penerimaId: id, status: z.literal('batal'), alasan: text(300).min(5, 'Tuliskan alasan batal (minimal 5 huruf).') }),
]);

export const listPenyerahanSchema = z.object({
  programId: id.nullable().default(null),
  tahun: z.number().int().min(2000).max(2100).nullable().default(null),
});

export const addPhotoSchema = z.object({
  penyerahanId: id,
  penerimaId: id.nullable().default(null),
  keterangan: optText(200),
  file: uploadRefSchema('photo'),
  /** A small JPEG the renderer drew from the photo (uploaded beside it), shown in lists instead of the full picture. */
  thumb: uploadRefSchema('photo')
    .refine((f) => f.size <= 512 * 1024, 'Gambar kecil tidak valid.')
    .nullable()
    .default(null),
});

export const documentKinds = ['bast', 'tandaTerima'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentRequestSchema = z.object({
  penyerahanId: id,
  kind: z.enum(documentKinds),
  /** For a per-recipient BAST: which recipient. */
  penerimaId: id.nullable().default(null),
});

export interface DocumentPreview {
  html: string;
  title: string;
  paper: 'A4' | 'F4';
  landscape: boolean;
  /** Set when the BAST number is not taken yet (it is taken on first print/PDF). */
  nomorSementara: boolean;
  hambatanCetak: string[];
}

export const handoversContract = {
  searchPeople: call({ input: searchPeopleSchema, access: 'aid.read', scope: 'wilayah', audit: false, returns: returns<PersonSummary[]>() }),
  addPerson: call({ input: newPersonSchema, access: 'aid.write', scope: 'wilayah', audit: 'anggota', returns: returns<PersonSummary>() }),

  listRequests: call({ input: listPermohonanSchema, access: 'aid.read', scope: 'wilayah', audit: false, returns: returns<PermohonanSummary[]>() }),
  getRequest: call({ input: z.object({ id }), access: 'aid.read', scope: 'wilayah', audit: false, returns: returns<Permohonan>() }),
  createRequest: call({ input: createPermohonanSchema, access: 'aid.write', scope: 'wilayah', audit: 'permohonan', returns: returns<Permohonan>() }),
  updateRequest: call({ input: updatePermohonanSchema, access: 'aid.write', scope: 'wilayah', audit: 'permohonan', returns: returns<Permohonan>() }),
  /** Assessment done: diajukan → diverifikasi. */
  verifyRequest: call({ input: z.object({ id, asesmen: text(2000).min(5, 'Tuliskan hasil asesmen (mis. ukuran/kebutuhan).') }), access: 'aid.write', scope: 'wilayah', audit: 'permohonan', returns: returns<Permohonan>() }),
  decideRequest: call({ input: decideSchema, access: 'aid.approve', scope: 'wilayah', audit: 'permohonan', returns: returns<Permohonan>() }),

  list: call({ input: listPenyerahanSchema, access: 'aid.read', scope: 'none', audit: false, returns: returns<PenyerahanSummary[]>() }),
  get: call({ input: z.object({ id }), access: 'aid.read', scope: 'wilayah', audit: false, returns: returns<PenyerahanDetail>() }),
  create: call({ input: penyerahanInputSchema, access: 'aid.write', scope: 'none', audit: 'penyerahan', returns: returns<PenyerahanDetail>() }),
  update: call({ input: z.object({ id, data: penyerahanInputSchema }), access: 'aid.write', scope: 'none', audit: 'penyerahan', returns: returns<PenyerahanDetail>() }),
  /** A handover for one approved request: the handover and its applicant as recipient, in one transaction. */
  createFromRequest: call({ input: createFromRequestSchema, access: 'aid.write', scope: 'wilayah', audit: 'penyerahan', returns: returns<PenyerahanDetail>() }),
  addRecipients: call({ input: addRecipientsSchema, access: 'aid.write', scope: 'wilayah', audit: 'penerima', returns: returns<PenyerahanDetail>() }),
  removeRecipient: call({ input: z.object({ penerimaId: id }), access: 'aid.write', scope: 'wilayah', audit: 'penerima', returns: returns<PenyerahanDetail>() }),
  setItems: call({ input: setItemsSchema, access: 'aid.write', scope: 'none', audit: 'penerima_item', returns: returns<PenyerahanDetail>() }),
  setReceipt: call({ input: setReceiptSchema, access: 'aid.write', scope: 'wilayah', audit: 'penerima', returns: returns<PenyerahanDetail>() }),
  /** Every recipient still "belum" marked diterima on one date, in one transaction. */
  receiveAll: call({ input: z.object({ penyerahanId: id, tanggal: dateField('Tanggal terima') }), access: 'aid.write', scope: 'wilayah', audit: 'penerima', returns: returns<PenyerahanDetail>() }),

  addPhoto: call({ input: addPhotoSchema, access: 'aid.write', scope: 'none', audit: 'penyerahan_foto', prepare: beforeTransaction.upload, returns: returns<Foto>() }),
  /** The photo as a data URL; `thumb` gives the small version when one was stored. */
  photo: call({ input: z.object({ id, thumb: z.boolean().default(false) }), access: 'aid.read', scope: 'none', audit: false, returns: returns<{ dataUrl: string; fileName: string }>() }),
  removePhoto: call({ input: z.object({ id }), access: 'aid.write', scope: 'none', audit: 'penyerahan_foto', returns: returns<null>() }),

  /** The document as it will print, for the in-app preview; takes no number. */
  preview: call({ input: documentRequestSchema, access: 'aid.read', scope: 'wilayah', audit: false, returns: returns<DocumentPreview>() }),
  /** Takes the BAST number on first print; desktop prints through the system dialog, browser mode returns the HTML to print. */
  print: call({ input: documentRequestSchema, access: 'documents.print', scope: 'wilayah', audit: 'penyerahan', noTransaction: withoutTransaction.document, returns: returns<DocumentPreview & { printed: boolean }>() }),
  savePdf: call({ input: documentRequestSchema, access: 'documents.print', scope: 'wilayah', audit: 'penyerahan', noTransaction: withoutTransaction.document, returns: returns<FileRef>() }),
};
