import { z } from 'zod';
import { beforeTransaction, call, returns } from './define';
import { isoDate, kecamatanOrDesaField, nikLookupField, rupiahField } from './fields';
import { uploadRefSchema, type FileRef } from './files';
import type { ImportColumn } from './imports';

const label = (what: string, max: number) => z.string().trim().min(2, `${what} wajib diisi.`).max(max, `${what} maksimal ${max} karakter.`);

export const sumberIntervensi = ['penyerahan', 'impor', 'manual'] as const;
export type SumberIntervensi = (typeof sumberIntervensi)[number];

export interface IntervensiRow {
  id: number;
  tanggal: string;
  opd: string;
  jenis: string;
  nilai: number;
  sumber: SumberIntervensi;
  anggotaId: number | null;
  keluargaId: number | null;
  nama: string | null;
  nik: string | null;
  desa: string | null;
  kecamatan: string | null;
}

export const filterSchema = z.object({
  kecamatan: kecamatanOrDesaField.optional(),
  opd: z.string().trim().max(120).optional(),
  jenis: z.string().trim().max(120).optional(),
  dari: isoDate.optional(),
  sampai: isoDate.optional(),
  q: z.string().trim().max(60).optional(),
});

export const listSchema = filterSchema.extend({
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});

export const createSchema = z.object({
  nik: nikLookupField,
  opd: label('OPD', 120),
  jenis: label('Jenis intervensi', 120),
  /** Left out: the office's today (its zone, not the PC's). Never after it. */
  tanggal: isoDate.optional(),
  nilai: rupiahField('Nilai', 1_000_000_000_000).default(0),
});

/** The same person given the same kind of help more than once in the period. */
export interface Overlap {
  anggotaId: number;
  keluargaId: number;
  nama: string;
  nik: string;
  desa: string;
  kecamatan: string;
  jenis: string;
  kali: number;
  opd: string[];
  tanggal: string[];
}

/** An extreme-poor family no agency has reached yet. */
export interface Gap {
  keluargaId: number;
  noKk: string | null;
  kepala: string | null;
  desa: string;
  kecamatan: string;
  desil: number | null;
  jiwa: number;
}

/** The columns an agency's list is read by; the mapping screen (the registry import's) offers these. */
export const listFields = ['nik', 'nama', 'jenis', 'tanggal', 'nilai'] as const;
export type ListField = (typeof listFields)[number];
/** Without these columns no row can be checked: the mapping step opens instead of the preview. */
export const requiredListFields: readonly ListField[] = ['nik', 'jenis', 'tanggal'];
export const listFieldLabels: Record<ListField, string> = {
  nik: 'NIK penerima',
  nama: 'Nama penerima',
  jenis: 'Jenis intervensi',
  tanggal: 'Tanggal',
  nilai: 'Nilai (Rp)',
};

export interface ImportIntervensiResult {
  /** The sheet and header row the columns were found on (null when no header-like row was found at all). */
  sheet: string | null;
  headerRow: number | null;
  /** The list's columns as read, each with the field it is read as (a ListField) or null: the mapping screen. */
  columns: ImportColumn[];
  /** Required fields no column was found for: nothing was checked; the user maps them and checks again. */
  kolomKurang: ListField[];
  dataRows: number;
  imported: number;
  /** The OPD the list was recorded under (its name resolved through short names and aliases). */
  opd: string;
  /** Kinds named in the list that the OPD does not know and the mapping does not place. */
  tidakDikenal: JenisTidakDikenal[];
  /** The refused rows as read (every column) with the reasons, like the registry import's; null when none. */
  rejectedFile: FileRef | null;
  /** Each refused row with its NIK and name as written (for the preview) and the reasons. */
  rejected: { row: number; nik: string | null; nama: string | null; reasons: string[] }[];
  dryRun: boolean;
}

/** Where a kind of help named in an agency's list, unknown to that OPD, goes: an existing kind, or a new one. */
export const petaJenisSchema = z.record(z.string().max(200), z.union([z.number().int().positive(), z.literal('baru')]));

/** The user's column mapping for an agency's list: header text → field, '' = ignore the column. */
export const listMappingSchema = z
  .record(z.string().max(300), z.union([z.enum(listFields), z.literal('')]))
  .refine((m) => Object.keys(m).length <= 300, 'Terlalu banyak kolom.');

export const importSchema = uploadRefSchema('import').extend({
  opd: label('OPD', 120),
  /** Columns mapped on the mapping screen; left out, they are found by their header text. */
  mapping: listMappingSchema.optional(),
  dryRun: z.boolean().default(true),
  /** Unknown kinds of the list mapped once for the whole sheet, keyed by the value as written. */
  petaJenis: petaJenisSchema.default({}),
});

/** A kind of help the list names that the OPD does not know yet (nor maps), for the mapping step. */
export interface JenisTidakDikenal {
  nilai: string;
  baris: number;
  /** The OPD's kind the value most resembles, if any. */
  saran: { id: number; nama: string } | null;
}

/** An agency as reference data: its name, short name, other names it is written as, and its kinds of help. */
export interface OpdRef {
  id: number;
  nama: string;
  singkatan: string | null;
  alias: string[];
  /** Its kinds of help, each with the other names agencies' lists write it as. */
  jenis: { id: number; nama: string; alias: string[]; dipakai: number }[];
  /** Intervention rows recorded for it. */
  dipakai: number;
}

const namaLain = z.string().trim().min(2, 'Nama lain minimal 2 karakter.').max(160, 'Nama lain maksimal 160 karakter.');
export const opdSaveSchema = z.object({
  id: z.number().int().positive().optional(),
  nama: label('Nama OPD', 160),
  singkatan: z
    .string()
    .trim()
    .max(30, 'Singkatan maksimal 30 karakter.')
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null)),
  alias: z.array(namaLain).max(30, 'Paling banyak 30 nama lain.').default([]),
});

export const jenisSaveSchema = z.object({
  id: z.number().int().positive().optional(),
  opdId: z.number().int().positive(),
  nama: label('Jenis intervensi', 120),
  /** Other names of the kind in agencies' lists ("RTLH" for "Bedah rumah (RTLH)"). */
  alias: z.array(z.string().trim().min(2, 'Nama lain minimal 2 karakter.').max(120, 'Nama lain maksimal 120 karakter.')).max(30, 'Paling banyak 30 nama lain.').default([]),
});

export const opdMergeSchema = z
  .object({ dariId: z.number().int().positive(), keId: z.number().int().positive() })
  .refine((m) => m.dariId !== m.keId, { path: ['keId'], message: 'Pilih OPD lain sebagai tujuan penggabungan.' });

export const updateSchema = createSchema.omit({ nik: true }).extend({ id: z.number().int().positive() });
export const idSchema = z.object({ id: z.number().int().positive() });
export const undoSchema = z.object({ auditId: z.number().int().positive() });

export const interventionsContract = {
  list: call({ input: listSchema, access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<{ rows: IntervensiRow[]; total: number }>() }),
  options: call({ input: z.undefined(), access: 'interventions.read', scope: 'none', audit: false, returns: returns<{ opd: string[]; jenis: string[] }>() }),
  create: call({ input: createSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<IntervensiRow>() }),
  overlaps: call({ input: filterSchema, access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<Overlap[]>() }),
  gaps: call({ input: z.object({ kecamatan: kecamatanOrDesaField.optional(), limit: z.number().int().min(1).max(1000).default(200) }), access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<{ rows: Gap[]; total: number }>() }),
  importList: call({ input: importSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', prepare: beforeTransaction.upload, returns: returns<ImportIntervensiResult>() }),
  /** A manual intervention corrected; returns the audit entry an undo takes. */
  update: call({ input: updateSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<IntervensiRow & { auditId: number }>() }),
  remove: call({ input: idSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<{ auditId: number }>() }),
  /** Puts back what an update or delete of a manual intervention changed, unless it changed again since. */
  undo: call({ input: undoSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<{ id: number }>() }),
  opdList: call({ input: z.undefined(), access: 'interventions.read', scope: 'none', audit: false, returns: returns<OpdRef[]>() }),
  opdSave: call({ input: opdSaveSchema, access: 'office.manage', scope: 'none', audit: 'opd', returns: returns<OpdRef>() }),
  jenisSave: call({ input: jenisSaveSchema, access: 'office.manage', scope: 'none', audit: 'jenis_intervensi', returns: returns<{ id: number; nama: string }>() }),
  /** Two OPD that are one: the history of `dariId` moves to `keId`, whose aliases gain its names. */
  opdMerge: call({ input: opdMergeSchema, access: 'office.manage', scope: 'none', audit: 'opd', returns: returns<{ dipindah: number; ke: OpdRef }>() }),
};
