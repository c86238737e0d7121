/**
 * Operator workbooks (issue 19): the office hands each desa/kelurahan operator an .xlsx made for that desa —
 * its families and members to update, empty rows for new proposals, drop-downs from the app's own lists, NIK
 * and No KK as 16-character text — and takes it back without any column or region mapping: a hidden metadata
 * sheet names the office, the desa and the template version.
 */
import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';
import type { FileRef } from './files';
import type { FieldChange, RowOutcome } from './imports';
import type { JobStatus } from './jobs';
import { regionCodeField } from './fields';

/** Raised when the columns or the metadata change meaning; an older workbook is refused with a clear message (2: META carries a MAC). */
export const WORKBOOK_TEMPLATE_VERSION = 2;

/** Reference lists of the drop-downs (SIKS-NG/DTKS wording, as the registry stores them). */
export const statusKawinValues = ['Belum Kawin', 'Kawin', 'Cerai Hidup', 'Cerai Mati'] as const;
export const pendidikanValues = ['Tidak/Belum Sekolah', 'SD/Sederajat', 'SMP/Sederajat', 'SMA/Sederajat', 'Diploma', 'S1', 'S2/S3'] as const;
export const pekerjaanValues = [
  'Belum/Tidak Bekerja',
  'Mengurus Rumah Tangga',
  'Pelajar/Mahasiswa',
  'Petani/Pekebun',
  'Buruh Tani',
  'Nelayan',
  'Buruh Harian Lepas',
  'Pedagang',
  'Wiraswasta',
  'Karyawan Swasta',
  'PNS',
  'TNI/Polri',
  'Pensiunan',
  'Sopir',
  'Tukang',
  'Lainnya',
] as const;
/** Disability: "Tidak", or the kind (SIKS-NG jenis disabilitas); the import stores any kind as written. */
export const disabilitasValues = ['Tidak', 'Disabilitas Fisik', 'Disabilitas Intelektual', 'Disabilitas Mental', 'Disabilitas Sensorik Netra', 'Disabilitas Sensorik Rungu/Wicara', 'Disabilitas Ganda'] as const;
export const jenisKelaminValues = ['Laki-laki', 'Perempuan'] as const;
/** The member's status column: a member who left is marked here with a date and reason (never deleted). */
export const workbookStatusValues = ['Aktif', 'Pindah', 'Meninggal', 'Keluar'] as const;

export interface WorkbookMeta {
  templateVersion: number;
  kabKotaKode: string;
  namaInstansi: string;
  desaKode: string;
  desaNama: string;
  kecamatanNama: string;
  madeAt: string;
  madeBy: string;
  /** Members written in the workbook (rows as issued). */
  rowsIssued: number;
  /** SHA-256 (hex) of the data rows as issued. */
  checksum: string;
  /**
   * HMAC-SHA256 (hex) of the fields above under the office's own workbook key, kept in its database: a META
   * sheet typed by hand or altered (another desa, another row count or checksum) carries no valid one.
   */
  mac: string;
}

/** One row of a family in the workbook compared with the registry. */
export interface WorkbookRowDiff {
  row: number;
  nik: string | null;
  nama: string | null;
  outcome: RowOutcome;
  /** Changed fields side by side (updated rows). */
  changes: FieldChange[];
  /** Why a row is not applied (rejected, repeated NIK). */
  reasons: string[];
  warnings: string[];
}

/** A member the operator marked as left (status column), applied as a status change with the reason. */
export interface WorkbookRemoval {
  row: number;
  anggotaId: number;
  nik: string;
  nama: string;
  status: 'pindah' | 'meninggal' | 'keluar';
  tanggal: string;
  alasan: string;
  /** Why it cannot be applied (no reason, outside the desa…); null = applied. */
  problem: string | null;
}

export interface WorkbookFamilyDiff {
  noKk: string;
  kepala: string | null;
  /** No KK not yet in the registry: a new proposal. */
  baru: boolean;
  changed: WorkbookRowDiff[];
  added: WorkbookRowDiff[];
  removed: WorkbookRemoval[];
  rejected: WorkbookRowDiff[];
  /** Members issued in the workbook whose row the operator deleted (nothing is changed for them). */
  rowsDeleted: { nik: string; nama: string }[];
}

export interface WorkbookReport {
  meta: WorkbookMeta;
  /** False when the issued rows were edited at all (the checksum no longer matches). */
  untouched: boolean;
  families: WorkbookFamilyDiff[];
  counts: { rows: number; changed: number; added: number; removed: number; rejected: number; unchanged: number };
  committed: boolean;
  batchId: number | null;
}

/**
 * Per desa: when its latest workbook was made and when it came back (taken back and applied after it was made;
 * null = "Belum kembali" when one was made). For the workbooks page and a meeting's follow-ups.
 */
export interface WorkbookDesaStatus {
  kode: string;
  nama: string;
  kecamatanKode: string;
  kecamatanNama: string;
  dibuat: string | null;
  kembali: string | null;
}

/** At most this many desa in one call (a kabupaten has a few hundred; a meeting invites far fewer). */
export const WORKBOOK_DESA_MAX = 300;
const desaListField = z.array(regionCodeField).min(1, 'Pilih minimal satu desa/kelurahan.').max(WORKBOOK_DESA_MAX, `Paling banyak ${WORKBOOK_DESA_MAX} desa/kelurahan sekaligus.`);

const stagingIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'Berkas unggahan tidak dikenal. Pilih berkas lagi.');

export const workbooksContract = {
  /** One desa's workbook (.xlsx), named for the desa and the date. */
  issue: call({ input: z.object({ desa: regionCodeField }), access: 'imports.run', scope: 'wilayah', audit: 'lembar_kerja', returns: returns<FileRef>() }),
  /** One workbook per desa of a kecamatan (in the caller's area), in one zip. */
  issueKecamatan: call({ input: z.object({ kecamatan: regionCodeField }), access: 'imports.run', scope: 'wilayah', audit: 'lembar_kerja', returns: returns<FileRef>() }),
  /** One workbook per named desa (a meeting's desa), in one zip; every desa must be in the caller's area. */
  issueDesa: call({ input: z.object({ desa: desaListField }), access: 'imports.run', scope: 'wilayah', audit: 'lembar_kerja', returns: returns<FileRef>() }),
  /**
   * Which desa were given a workbook and which returned it (applied): the desa of a kecamatan, or the named desa
   * (a meeting's), those in the caller's area.
   */
  status: call({
    input: z.union([z.object({ kecamatan: regionCodeField }), z.object({ desa: desaListField })]),
    access: 'imports.run',
    scope: 'wilayah',
    audit: false,
    returns: returns<WorkbookDesaStatus[]>(),
  }),
  /** Recognises a staged file as a workbook of this office and shows what the operator changed; writes nothing. */
  preview: call({ input: z.object({ stagingId: stagingIdSchema }), access: 'imports.run', scope: 'wilayah', audit: false, returns: returns<JobStatus<WorkbookReport>>() }),
  /** Applies only what changed (same checks as any import), under the caller's name; a job. */
  apply: call({ input: z.object({ stagingId: stagingIdSchema }), access: 'imports.run', scope: 'wilayah', audit: 'import_batch', noTransaction: withoutTransaction.job, returns: returns<JobStatus<WorkbookReport>>() }),
};
