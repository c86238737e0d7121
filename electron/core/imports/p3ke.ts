/**
 * P3KE sheets (formats.md §1.6: the individu and keluarga downloads, and the 2023/2024 verval fields). A P3KE
 * family is named by its "ID Keluarga P3KE" and the downloads carry no No KK, so a family may be registered
 * without one; its members are matched by NIK. The columns the generic import fields do not cover — ID
 * Individu (the generic mapping gives it to ID DTKS, which it is not), Penerima SEMBAKO (the generic mapping
 * counts one BPNT/Sembako column only) and the verval fields — are found here by their header text, from the
 * cells of the row as read.
 */
import type { RowProblem } from '../../../shared/api/imports';
import { headerKey } from './read/fields';
import type { PresetId } from './read/presets';
import type { CellValue, SourceColumn } from './read/types';
import { programFlag, text, yesNo } from './values';

export function isP3kePreset(preset: PresetId): boolean {
  return preset === 'p3ke-individu' || preset === 'p3ke-keluarga';
}

/** Header texts of the P3KE-only columns (compared by headerKey). */
const HEADERS = {
  idIndividu: ['ID Individu', 'IDIndividu', 'ID_Individu'],
  sembako: ['Penerima SEMBAKO', 'penerima_SEMBAKO', 'APBN_sembako'],
  tahun: ['dimuktakhirkan_tahun', 'dimutakhirkan_tahun', 'Tahun Pemutakhiran', 'Dimutakhirkan Tahun'],
  prioritas: ['prioritas_verval', 'Prioritas Verval', 'Prioritas'],
  persentil: ['persentil', 'Persentil'],
  memenuhi: ['VERVAL_memenuhi_kriteria_P3KE', 'Memenuhi Kriteria P3KE'],
  alasan: ['VERVAL_alasan_tidak_memenuhi_kriteria_P3KE', 'Alasan Tidak Memenuhi Kriteria P3KE'],
  keterangan: ['VERVAL_keterangan', 'Keterangan Verval'],
} as const;

type Key = keyof typeof HEADERS;

/** Where a P3KE sheet's own columns are (0-based indexes into the row's cells). */
export type P3keColumns = Partial<Record<Key, number>>;

const BY_HEADER: ReadonlyMap<string, Key> = new Map(
  (Object.entries(HEADERS) as [Key, readonly string[]][]).flatMap(([key, names]) => names.map((n) => [headerKey(n), key] as const)),
);

/** The P3KE-only columns of a sheet, leftmost first; null when the sheet is not a P3KE layout. */
export function p3keColumns(preset: PresetId, columns: readonly SourceColumn[]): P3keColumns | null {
  if (!isP3kePreset(preset)) return null;
  const out: P3keColumns = {};
  for (const c of columns) {
    const key = BY_HEADER.get(headerKey(c.header));
    // A lone SEMBAKO column (no BPNT column beside it) is the generic BPNT/Sembako field already: counted once.
    if (key === 'sembako' && c.field === 'bansosBpnt') continue;
    if (key !== undefined && out[key] === undefined) out[key] = c.index;
  }
  return out;
}

/** What a P3KE row says beyond the generic fields. */
export interface P3keRow {
  idIndividu: string | null;
  sembako: boolean;
  tahun: number | null;
  prioritas: string | null;
  persentil: number | null;
  memenuhi: string | null;
  keterangan: string | null;
}

function cell(raw: readonly CellValue[], i: number | undefined): CellValue | undefined {
  return i === undefined ? undefined : raw[i];
}

function numberOf(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = text(v, 20)?.replace(',', '.');
  return s !== undefined && s !== null && /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/** Reads the P3KE-only cells of one row; problems that do not block the row go to `warnings`. */
export function readP3keRow(raw: readonly CellValue[], cols: P3keColumns, warnings: RowProblem[]): P3keRow {
  const sembakoCell = cell(raw, cols.sembako);
  const sembako = programFlag(sembakoCell, ['sembako', 'bpnt']);
  if (sembako === 'unknown') {
    warnings.push({ code: 'PROGRAM_UNKNOWN', field: 'bansosBpnt', message: `Isian kolom SEMBAKO "${text(sembakoCell) ?? ''}" tidak dikenali; dianggap bukan penerima.` });
  }
  let tahun = numberOf(cell(raw, cols.tahun));
  if (tahun !== null && (!Number.isInteger(tahun) || tahun < 2000 || tahun > 2100)) {
    warnings.push({ code: 'P3KE_TAHUN', field: 'keterangan', message: `Tahun pemutakhiran P3KE "${text(cell(raw, cols.tahun)) ?? ''}" tidak valid; tidak dicatat.` });
    tahun = null;
  }
  const memenuhiCell = cell(raw, cols.memenuhi);
  const yn = yesNo(memenuhiCell);
  const memenuhi = yn === true ? 'Ya' : yn === false ? 'Tidak' : text(memenuhiCell, 40);
  const alasan = text(cell(raw, cols.alasan), 200);
  const ket = text(cell(raw, cols.keterangan), 200);
  return {
    idIndividu: text(cell(raw, cols.idIndividu), 40),
    sembako: sembako === true,
    tahun,
    prioritas: text(cell(raw, cols.prioritas), 40),
    persentil: numberOf(cell(raw, cols.persentil)),
    memenuhi,
    keterangan: alasan && ket ? `${alasan}; ${ket}`.slice(0, 300) : alasan ?? ket,
  };
}
