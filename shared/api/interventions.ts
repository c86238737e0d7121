import { z } from 'zod';
import { call, returns } from './define';
import { uploadSchema } from './files';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal tidak valid.');
const kode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, 'Kode wilayah tidak valid.');
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
  kecamatan: kode.optional(),
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
  nik: z.string().trim().regex(/^\d{16}$/, 'NIK harus 16 angka.'),
  opd: label('OPD', 120),
  jenis: label('Jenis intervensi', 120),
  tanggal: isoDate,
  nilai: z.number().int('Nilai dalam rupiah bulat.').min(0, 'Nilai tidak boleh negatif.').max(1_000_000_000_000).default(0),
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
  noKk: string;
  kepala: string | null;
  desa: string;
  kecamatan: string;
  desil: number | null;
  jiwa: number;
}

export interface ImportIntervensiResult {
  dataRows: number;
  imported: number;
  rejected: { row: number; reasons: string[] }[];
  dryRun: boolean;
}

export const importSchema = uploadSchema.extend({
  opd: label('OPD', 120),
  dryRun: z.boolean().default(true),
});

export const interventionsContract = {
  list: call({ input: listSchema, access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<{ rows: IntervensiRow[]; total: number }>() }),
  options: call({ input: z.undefined(), access: 'interventions.read', scope: 'none', audit: false, returns: returns<{ opd: string[]; jenis: string[] }>() }),
  create: call({ input: createSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<IntervensiRow>() }),
  overlaps: call({ input: filterSchema, access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<Overlap[]>() }),
  gaps: call({ input: z.object({ kecamatan: kode.optional(), limit: z.number().int().min(1).max(1000).default(200) }), access: 'interventions.read', scope: 'wilayah', audit: false, returns: returns<{ rows: Gap[]; total: number }>() }),
  importList: call({ input: importSchema, access: 'interventions.write', scope: 'wilayah', audit: 'intervensi', returns: returns<ImportIntervensiResult>() }),
};
