import type { Kysely } from 'kysely';
import type { ExportFilters } from '../../../../shared/api/exports';
import type { Office } from '../../../../shared/api/admin';
import type { Database } from '../../db/schema';
import type { RegionIndex } from '../../regions';

/** One output row: values by source field key; pivot sources add per-group metrics. */
export interface SourceRecord {
  [field: string]: unknown;
  per?: Record<string, Record<string, number>>;
}

export interface PivotGroup {
  key: string;
  label: string;
  /**
   * Units of the group's quantity (`jenis.unit`) when there are several: one column each, metric `unit:<key>`.
   * Quantities are never added across units.
   */
  units?: { key: string; label: string }[];
}

export interface SourceEnv {
  db: Kysely<Database>;
  regions: RegionIndex;
  office: Office | null;
  filters: ExportFilters;
  /** ISO date of the export (ages are computed on it). */
  today: string;
  /** Rekap only. */
  groupBy: 'kecamatan' | 'desa';
}

export interface SourceRun {
  count(): Promise<number>;
  /** Pivot columns (jenis bantuan) for sources that have them. */
  groups?(): Promise<PivotGroup[]>;
  /** Rows in pages; only `fields` need to be filled. */
  pages(fields: ReadonlySet<string>, pageSize: number): AsyncGenerator<SourceRecord[], void, undefined>;
  /** Values the title placeholders take from the data (e.g. the handover's programme and date). */
  titleValues?(): Promise<Record<string, string>>;
  /**
   * The JUMLAH row's values for fields the writer must not simply add up (quantities per unit), known once
   * every page was read.
   */
  totals?(): SourceRecord;
}

export interface SourceImpl {
  open(env: SourceEnv): SourceRun;
}
