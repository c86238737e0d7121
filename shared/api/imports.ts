import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';
import type { FileRef } from './files';
import { uploadRefSchema } from './files';
import type { JobStatus } from './jobs';

/** How a source data row ended. Title, header, number and footer rows are not data and have no outcome. */
export const rowOutcomes = ['imported', 'updated', 'duplicate-in-file', 'duplicate-registry', 'rejected'] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

export const outcomeLabels: Record<RowOutcome, string> = {
  imported: 'Baru',
  updated: 'Diperbarui',
  'duplicate-in-file': 'Ganda dalam berkas',
  'duplicate-registry': 'Sudah ada di registri',
  rejected: 'Ditolak',
};

/** What to do with a row whose NIK is already in the registry. */
export const duplicateModes = ['merge', 'skip'] as const;
export type DuplicateMode = (typeof duplicateModes)[number];

export interface RowProblem {
  code: string;
  message: string;
  /** The import field the problem is about (e.g. 'nik', 'desa'), when there is one. */
  field?: string;
}

/** One data row that needs the operator's attention (rejected, duplicate or with warnings). */
/** One field an update changes, as the preview shows it (values as text; null = empty). */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface PreviewRow {
  /** Row number in the sheet as Excel shows it. */
  row: number;
  outcome: RowOutcome;
  nik: string | null;
  nama: string | null;
  noKk: string | null;
  desa: string | null;
  reasons: RowProblem[];
  warnings: RowProblem[];
  /** duplicate-in-file: the row it repeats. */
  duplicateOfRow?: number;
  /** updated (or a new member whose family's data changes): what changes in the registry. */
  changes?: FieldChange[];
}

export interface ImportColumn {
  index: number;
  letter: string;
  header: string;
  field: string | null;
}

export interface ImportCounts {
  dataRows: number;
  imported: number;
  updated: number;
  duplicateInFile: number;
  duplicateRegistry: number;
  rejected: number;
  /** Rows (of any outcome but rejected) that carry at least one warning. */
  withWarnings: number;
  /** New families (No KK not yet in the registry). */
  keluargaBaru: number;
}

/** A closest name offered for an unmatched region value. */
export interface RegionValueSuggestion {
  kode: string;
  nama: string;
  /** A desa's kecamatan (names repeat across kecamatan). */
  kecamatan: string | null;
  /** 0..1, 1 = same name. */
  score: number;
}

/** A kecamatan or desa name of the sheet that matched no region (the value-mapping step lists each once). */
export interface UnmatchedRegionValue {
  field: 'kecamatan' | 'desa';
  /** As written in the sheet. */
  value: string;
  /** For a desa: the row's kecamatan as written, which the mapping is tied to (null = none in the sheet). */
  kecamatan: string | null;
  /** How many rows carry it (they are rejected unless it is mapped). */
  rows: number;
  suggestions: RegionValueSuggestion[];
}

export interface ImportReport {
  stagingId: string;
  fileName: string;
  sha256: string;
  sheet: string;
  sheets: { name: string; hidden: boolean }[];
  preset: { id: string; label: string };
  headerRow: number;
  dataStartRow: number;
  columns: ImportColumn[];
  /** Whether the mapping came from one the operator saved earlier. */
  savedMapping: string | null;
  counts: ImportCounts;
  /** Region names that matched nothing, most rows first: the value-mapping step. */
  regionValues: UnmatchedRegionValue[];
  /** Rows needing attention, in sheet order, capped at ROW_LIMIT (the rejected-rows file has them all). */
  rows: PreviewRow[];
  rowsTruncated: boolean;
  /** Non-data rows that were left out (footer, repeated header), so nothing disappears silently. */
  skipped: { row: number; reason: string; text: string }[];
  /** The rejected rows as an Excel file to fix and re-import; null when no row was rejected. */
  rejectedFile: FileRef | null;
  /** Set after a commit. */
  batchId: number | null;
  committed: boolean;
  seconds: number;
}

export const PREVIEW_ROW_LIMIT = 5000;

/** How many of a running preview's first decided rows its job status carries (issue 20: on screen in < 1 s). */
export const PREVIEW_SAMPLE_LIMIT = 100;

/**
 * A running import preview's early look (JobStatus.partial): its first ≤ PREVIEW_SAMPLE_LIMIT decided rows,
 * whatever their outcome, in sheet order, and the counts of the rows decided so far.
 */
export interface ImportPreviewSample {
  rows: PreviewRow[];
  counts: ImportCounts;
  /** Data rows the sheet holds, about (its last row less the rows above the data); null when unknown. */
  totalRows: number | null;
}

export interface ImportBatchSummary {
  id: number;
  fileName: string;
  sha256: string;
  sheet: string | null;
  preset: string | null;
  username: string | null;
  startedAt: string;
  finishedAt: string | null;
  dataRows: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  status: 'committed' | 'undone';
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface UndoBlocker {
  entity: 'keluarga' | 'anggota';
  id: number;
  label: string;
  reason: string;
}

export interface StagedFile {
  stagingId: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface ImportFieldInfo {
  key: string;
  label: string;
}

const stagingIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'Berkas unggahan tidak dikenal. Pilih berkas lagi.');

/** Operator's column mapping: header text → field key ('' = ignore the column). */
export const mappingSchema = z
  .record(z.string().max(300), z.string().max(40))
  .refine((m) => Object.keys(m).length <= 300, 'Terlalu banyak kolom.');

/**
 * The user's mapping of unmatched region values for the whole sheet: each value (a desa tied to the row's
 * kecamatan as written) → a region code. `remember`: keep it as the office's alias for next time (on commit).
 * Scope still applies: a row mapped outside an operator's wilayah is refused like any other.
 */
export const regionMappingSchema = z
  .array(
    z.object({
      field: z.enum(['kecamatan', 'desa']),
      value: z.string().trim().min(1).max(100),
      kecamatan: z.string().trim().max(100).nullable().default(null),
      kode: z.string().trim().regex(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, 'Kode wilayah pemetaan tidak dikenali.'),
      remember: z.boolean().default(false),
    }),
  )
  .max(2000, 'Terlalu banyak nilai wilayah dipetakan.');
export type RegionValueMapping = z.output<typeof regionMappingSchema>[number];

export const runImportSchema = z.object({
  stagingId: stagingIdSchema,
  sheet: z.string().trim().max(100).optional(),
  mapping: mappingSchema.optional(),
  regionMapping: regionMappingSchema.optional(),
  duplicateMode: z.enum(duplicateModes).default('merge'),
});
export type RunImportInput = z.input<typeof runImportSchema>;

export const commitImportSchema = runImportSchema.extend({
  /** Save the mapping under this name so the same layout is mapped the same way next time. */
  saveMappingAs: z.string().trim().min(1).max(80).optional(),
});

/** A name the office remembered for one of its regions (value-mapping step, "Ingat"). */
export interface OfficeRegionAlias {
  id: number;
  level: 'kecamatan' | 'desa';
  alias: string;
  kode: string;
  nama: string;
  /** A desa's kecamatan. */
  kecamatan: string | null;
  username: string | null;
  createdAt: string;
}

export const importsContract = {
  /** Stages a picked file under the data folder; nothing is read yet. */
  upload: call({ input: uploadRefSchema('import'), access: 'imports.run', scope: 'none', audit: false, returns: returns<StagedFile>() }),
  /** Reads and checks every row; writes nothing. A job: poll jobs.status; result is an ImportReport. */
  preview: call({ input: runImportSchema, access: 'imports.run', scope: 'wilayah', audit: false, returns: returns<JobStatus<ImportReport>>() }),
  /** Reads, checks and writes in one transaction; cancel or any error leaves the registry unchanged. */
  commit: call({ input: commitImportSchema, access: 'imports.run', scope: 'wilayah', audit: 'import_batch', noTransaction: withoutTransaction.job, returns: returns<JobStatus<ImportReport>>() }),
  /**
   * The header rows of a staged file as read (for mapping by hand when no header was recognised): the chosen
   * sheet's header, or the most header-like row of each visible sheet.
   */
  inspect: call({
    input: z.object({ stagingId: stagingIdSchema, sheet: z.string().trim().max(100).optional() }),
    access: 'imports.run', scope: 'none', audit: false,
    returns: returns<{ recognised: boolean; candidates: { sheet: string; row: number; headers: string[]; fields: (string | null)[] }[] }>(),
  }),
  /** Import fields with Indonesian labels, for the mapping screen. */
  fields: call({ input: z.undefined(), access: 'imports.run', scope: 'none', audit: false, returns: returns<ImportFieldInfo[]>() }),
  history: call({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }),
    access: 'imports.run', scope: 'wilayah', audit: false,
    returns: returns<{ batches: ImportBatchSummary[]; total: number }>(),
  }),
  /** The office's remembered region names, newest first. */
  regionAliases: call({ input: z.undefined(), access: 'imports.run', scope: 'none', audit: false, returns: returns<OfficeRegionAlias[]>() }),
  /** Forgets a remembered region name (admin); later sheets with it come to the value-mapping step again. */
  removeRegionAlias: call({
    input: z.object({ id: z.number().int().positive() }),
    access: 'office.manage', scope: 'none', audit: 'region_alias_kantor',
    returns: returns<{ removed: true }>(),
  }),
  /** Undoes a batch: its new records removed, its updates reverted. CONFLICT with UndoBlocker[] when blocked. */
  undo: call({
    input: z.object({ batchId: z.number().int().positive() }),
    access: 'imports.run', scope: 'wilayah', audit: 'import_batch',
    returns: returns<{ batch: ImportBatchSummary; removed: number; reverted: number }>(),
  }),
};
