import { z } from 'zod';
import { call, returns } from './define';
import { isoDate, nikField, noKkField, noKkOptionalField, regionCodeField } from './fields';
import type { JobStatus } from './jobs';

export const statusAnggota = ['aktif', 'pindah', 'meninggal', 'keluar'] as const;
export type StatusAnggotaValue = (typeof statusAnggota)[number];
export const statusLabels: Record<StatusAnggotaValue, string> = {
  aktif: 'Aktif',
  pindah: 'Pindah',
  meninggal: 'Meninggal',
  keluar: 'Keluar/Graduasi',
};

export const padanValues = ['padan', 'tidak_padan', 'belum'] as const;
export const padanLabels: Record<(typeof padanValues)[number], string> = { padan: 'Padan', tidak_padan: 'Tidak padan', belum: 'Belum dipadankan' };

/** SHDK (status hubungan dalam keluarga) as the registry records it. */
export const hubunganValues = ['Kepala Keluarga', 'Istri/Suami', 'Anak', 'Menantu', 'Cucu', 'Orang Tua', 'Mertua', 'Famili Lain', 'Pembantu', 'Lainnya'] as const;

/** Programmes offered in forms and filters; imports may add others as data. */
export const knownPrograms = ['PKH', 'BPNT', 'PBI-JK', 'PIP', 'BST', 'BPUM'] as const;

const optText = (max: number) => z.string().trim().max(max).default('');

export const anggotaInputSchema = z.object({
  nik: nikField,
  nama: z.string().trim().min(1, 'Nama wajib diisi.').max(120),
  jenisKelamin: z.enum(['L', 'P'], { message: 'Pilih jenis kelamin.' }),
  tempatLahir: optText(80),
  tanggalLahir: isoDate.nullable().default(null),
  hubungan: z.enum(hubunganValues, { message: 'Pilih hubungan dalam keluarga.' }),
  ibuKandung: optText(120),
  statusKawin: optText(40),
  pekerjaan: optText(80),
  pendidikan: optText(80),
  disabilitas: optText(100),
  hamil: z.boolean().default(false),
  padan: z.enum(padanValues).default('belum'),
  idDtks: optText(40),
  programs: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type AnggotaInput = z.input<typeof anggotaInputSchema>;
export type AnggotaData = z.output<typeof anggotaInputSchema>;

/**
 * The family form. No KK may stay empty only for a family that has none yet (registered from P3KE by its ID
 * Keluarga P3KE): updateKeluarga refuses to clear a No KK, and a new family needs one (keluargaBaruSchema).
 */
export const keluargaInputSchema = z.object({
  noKk: noKkOptionalField,
  alamat: z.string().trim().min(1, 'Alamat wajib diisi.').max(200),
  dusun: optText(80),
  rt: optText(10),
  rw: optText(10),
  desaKode: regionCodeField,
  idDtks: optText(40),
  desil: z.number().int().min(1, 'Desil 1–10.').max(10, 'Desil 1–10.').nullable().default(null),
  miskinEkstrem: z.boolean().default(false),
  catatan: optText(500),
});
export type KeluargaInput = z.input<typeof keluargaInputSchema>;

/** A family registered by hand (or at a handover) starts from its KK: No KK required. */
export const keluargaBaruSchema = keluargaInputSchema.extend({ noKk: noKkField });

export const statusChangeSchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(statusAnggota),
  tanggal: isoDate,
  alasan: z.string().trim().min(3, 'Tulis alasannya (minimal 3 huruf).').max(300),
});

export const listSchema = z.object({
  /** A NIK prefix (digits) or the start of a name. */
  q: z.string().trim().max(100).default(''),
  kecamatan: regionCodeField.optional(),
  desa: regionCodeField.optional(),
  desil: z.array(z.number().int().min(1).max(10)).max(10).optional(),
  status: z.enum(statusAnggota).optional(),
  program: z.string().trim().min(1).max(40).optional(),
  ekstrem: z.boolean().optional(),
  /** Only members of families whose No KK is not known yet (registered from P3KE). */
  tanpaKk: z.boolean().optional(),
  /** Opaque cursor from the previous page. */
  after: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListInput = z.input<typeof listSchema>;

export interface AnggotaListItem {
  id: number;
  keluargaId: number;
  nik: string;
  nama: string;
  jenisKelamin: 'L' | 'P' | null;
  tanggalLahir: string | null;
  hubungan: string | null;
  status: StatusAnggotaValue;
  /** Null while the family is known only by its P3KE ID ("No KK belum diketahui"). */
  noKk: string | null;
  desaKode: string;
  desaNama: string;
  kecamatanNama: string;
  desil: number | null;
  miskinEkstrem: boolean;
}

export interface AnggotaDetail extends AnggotaListItem {
  tempatLahir: string | null;
  ibuKandung: string | null;
  statusKawin: string | null;
  pekerjaan: string | null;
  pendidikan: string | null;
  disabilitas: string | null;
  hamil: boolean;
  padan: (typeof padanValues)[number];
  statusTanggal: string | null;
  statusAlasan: string | null;
  idDtks: string | null;
  /** P3KE "ID Individu" and stunting risk, when a P3KE sheet named the person. */
  idP3keIndividu: string | null;
  p3keResikoStunting: boolean | null;
  programs: string[];
  createdAt: string;
  updatedAt: string;
}

/** A family's P3KE facts: its ID Keluarga P3KE and latest verification (verval 2023/2024). */
export interface P3keFacts {
  idKeluarga: string;
  resikoStunting: boolean | null;
  /** dimuktakhirkan_tahun */
  tahun: number | null;
  prioritas: string | null;
  persentil: number | null;
  /** VERVAL_memenuhi_kriteria_P3KE as written ("Ya"/"Tidak"). */
  memenuhi: string | null;
  keterangan: string | null;
}

export interface HistoryEntry {
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** What changed, in Indonesian (field: before → after). */
  summary: string;
  before: unknown;
  after: unknown;
}

export interface KeluargaDetail {
  id: number;
  /** Null: "No KK belum diketahui" (registered from P3KE by its ID Keluarga P3KE). */
  noKk: string | null;
  alamat: string;
  dusun: string | null;
  rt: string | null;
  rw: string | null;
  desaKode: string;
  desaNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
  idDtks: string | null;
  desil: number | null;
  miskinEkstrem: boolean;
  sumber: string | null;
  importBatchId: number | null;
  catatan: string | null;
  createdAt: string;
  updatedAt: string;
  kepala: string | null;
  /** Null when no P3KE sheet named the family. */
  p3ke: P3keFacts | null;
  /** Set when this family (without No KK) was merged into that family. */
  digabungKe: number | null;
  anggota: AnggotaDetail[];
  history: HistoryEntry[];
}

export interface DuplicatePair {
  kind: 'lahir-nama' | 'nama-ibu';
  score: number;
  a: AnggotaListItem & { ibuKandung: string | null };
  b: AnggotaListItem & { ibuKandung: string | null };
}

export interface DuplicateScan {
  pairs: DuplicatePair[];
  scanned: number;
  seconds: number;
  truncated: boolean;
}

/** The list's count line: exact, or, for a search with many matches, only that there are more than `lebihDari`. */
export type RegistryCount = { anggota: number; keluarga: number } | { lebihDari: number };

const idSchema = z.object({ id: z.number().int().positive() });

export const registryContract = {
  list: call({ input: listSchema, access: 'registry.read', scope: 'wilayah', audit: false, returns: returns<{ rows: AnggotaListItem[]; nextCursor: string | null }>() }),
  count: call({ input: listSchema.omit({ after: true, limit: true }), access: 'registry.read', scope: 'wilayah', audit: false, returns: returns<RegistryCount>() }),
  programs: call({ input: z.undefined(), access: 'registry.read', scope: 'none', audit: false, returns: returns<string[]>() }),
  keluarga: call({ input: idSchema, access: 'registry.read', scope: 'wilayah', audit: false, returns: returns<KeluargaDetail>() }),
  createKeluarga: call({
    input: z.object({ keluarga: keluargaBaruSchema, kepala: anggotaInputSchema }),
    access: 'registry.write', scope: 'wilayah', audit: 'keluarga',
    returns: returns<{ keluargaId: number; anggotaId: number }>(),
  }),
  updateKeluarga: call({
    input: z.object({
      id: z.number().int().positive(),
      keluarga: keluargaInputSchema,
      /**
       * The family's updatedAt as the form loaded it (its row version): when given, a family changed since then
       * (another PC of the office, issue 18) is not overwritten — the save is refused, naming who changed it when.
       */
      versi: z.string().min(1).max(40).optional(),
    }),
    access: 'registry.write', scope: 'wilayah', audit: 'keluarga', returns: returns<KeluargaDetail>() }),
  addAnggota: call({ input: z.object({ keluargaId: z.number().int().positive(), anggota: anggotaInputSchema }), access: 'registry.write', scope: 'wilayah', audit: 'anggota', returns: returns<{ anggotaId: number }>() }),
  updateAnggota: call({ input: z.object({ id: z.number().int().positive(), anggota: anggotaInputSchema }), access: 'registry.write', scope: 'wilayah', audit: 'anggota', returns: returns<AnggotaDetail>() }),
  /** A member leaves (pindah/meninggal/keluar) or returns (aktif) with a date and reason; never deleted. */
  setStatus: call({ input: statusChangeSchema, access: 'registry.write', scope: 'wilayah', audit: 'anggota', returns: returns<AnggotaDetail>() }),
  /** Approximate duplicates (same birth date + similar name in a desa, or same name + mother's name). A job. */
  scanDuplicates: call({
    input: z.object({ kecamatan: regionCodeField.optional(), limit: z.number().int().min(1).max(5000).default(500) }),
    access: 'registry.read', scope: 'wilayah', audit: false,
    returns: returns<JobStatus<DuplicateScan>>(),
  }),
  /** 'sama': b is merged into a (b leaves with a reason, its programmes move to a); 'beda': never shown again. */
  decideDuplicate: call({
    input: z.object({ a: z.number().int().positive(), b: z.number().int().positive(), keputusan: z.enum(['sama', 'beda']) }),
    access: 'registry.write', scope: 'wilayah', audit: 'anggota',
    returns: returns<{ ok: true }>(),
  }),
};
