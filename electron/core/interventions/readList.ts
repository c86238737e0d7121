import type { ImportColumn } from '../../../shared/api/imports';
import { requiredListFields, type ListField } from '../../../shared/api/interventions';
import { AppError } from '../api/errors';
import { type CellValue, headerKey, ImportReadError, openSource, type SourceColumn } from '../imports';

export type { ListField };

// Agencies' lists differ; columns are found by their header text, never by position. NIK and name are the
// registry import's own fields; the kind, date and value columns are the interventions' own.
const SYNONYMS: Record<Exclude<ListField, 'nik'>, string[]> = {
  nama: ['nama', 'nama penerima', 'nama lengkap', 'nama kpm'],
  jenis: ['jenis', 'jenis bantuan', 'jenis intervensi', 'bantuan', 'intervensi', 'program', 'kegiatan', 'jenis kegiatan', 'bentuk bantuan'],
  tanggal: ['tanggal', 'tgl', 'tanggal penyaluran', 'tanggal terima', 'tanggal bantuan', 'tgl penyaluran', 'tgl terima', 'waktu'],
  nilai: ['nilai', 'nilai rp', 'nilai bantuan', 'jumlah rp', 'anggaran', 'nominal', 'jumlah bantuan'],
};
const BY_KEY = new Map<string, ListField>(Object.entries(SYNONYMS).flatMap(([field, words]) => words.map((w) => [headerKey(w), field as ListField] as const)));

const MAX_BYTES = 20 * 1024 * 1024;

export interface ListRow {
  row: number;
  values: Partial<Record<ListField, CellValue>>;
  /** Every cell of the row as read, for the rejected-rows file. */
  raw?: CellValue[];
}

export interface InterventionList {
  rows: ListRow[];
  /** The columns as read (every cell of a row is in `raw` at its column's index), for the rejected-rows file. */
  sourceColumns: SourceColumn[];
  /** The columns with the field each is read as: the mapping screen. */
  columns: ImportColumn[];
  sheet: string | null;
  headerRow: number | null;
  /** Required fields no column was found for; when any, no row was read. */
  missing: ListField[];
}

/** The user's mapping (header text → field, '' = ignore), keyed like the headers are compared. */
type UserMapping = ReadonlyMap<string, ListField | ''>;

/** What a header is read as: the user's mapping, then the registry's NIK, then the list's synonyms, then the registry's name. */
function fieldOf(header: string, registryField: string | null, mapping: UserMapping): ListField | null {
  const mapped = mapping.get(headerKey(header));
  if (mapped !== undefined) return mapped === '' ? null : mapped;
  if (registryField === 'nik') return 'nik';
  return BY_KEY.get(headerKey(header)) ?? (registryField === 'nama' ? 'nama' : null);
}

/** One column per field, the user's mapping first, then the leftmost. */
function assign(headers: readonly { header: string; registryField: string | null }[], mapping: UserMapping): (ListField | null)[] {
  const fields = headers.map((h) => fieldOf(h.header, h.registryField, mapping));
  const owner = new Map<ListField, number>();
  const byUser = (i: number) => mapping.has(headerKey(headers[i]?.header ?? ''));
  fields.forEach((f, i) => {
    if (f === null) return;
    const prev = owner.get(f);
    if (prev === undefined || (byUser(i) && !byUser(prev))) owner.set(f, i);
  });
  return fields.map((f, i) => (f !== null && owner.get(f) === i ? f : null));
}

/**
 * Reads an agency's intervention list (.xlsx, .xls, .ods or .csv) with the registry import's reading layer: the
 * header found below title rows by synonyms (NIK alone is enough, the list need not carry a name), a
 * column-number row, repeated headers and signature blocks left out. `mapping` is the user's correction from
 * the mapping screen; it also tells the reader which header is the NIK when no synonym does. When a required
 * column (NIK, kind, date) is not found, the columns are returned with `missing` and no rows, for the mapping
 * step; a sheet with no header-like row at all gives the most header-like row it saw.
 */
export async function readInterventionList(bytes: Uint8Array, fileName: string, mapping: Record<string, ListField | ''> = {}): Promise<InterventionList> {
  const user: UserMapping = new Map(Object.entries(mapping).map(([h, f]) => [headerKey(h), f] as const));
  // The reader knows the registry's fields only: the user's NIK and name go to it, every other choice says
  // "not a registry field" so no synonym of the registry claims that column.
  const override = Object.fromEntries(Object.entries(mapping).map(([h, f]) => [h, f === 'nik' || f === 'nama' ? f : '']));
  let source;
  try {
    source = await openSource({ bytes, fileName }, { maxBytes: MAX_BYTES, mappingOverride: override, nikAlone: true });
  } catch (e) {
    if (!(e instanceof ImportReadError)) throw e;
    if (e.code === 'FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', 'Berkas lebih dari 20 MB. Bagi daftar menjadi beberapa berkas.');
    const seen = e.code === 'NO_HEADER' ? e.headersSeen[0] : undefined;
    if (!seen) throw new AppError(e.code, e.message);
    // No header names a NIK: the most header-like row, for the user to say which column is which.
    const fields = assign(seen.headers.map((header) => ({ header, registryField: null })), user);
    const columns = seen.headers.map((header, index) => ({ index, letter: '–', header, field: fields[index] ?? null }));
    return { rows: [], sourceColumns: [], columns, sheet: seen.sheet, headerRow: seen.row, missing: requiredListFields.filter((f) => !fields.includes(f)) };
  }
  const fields = assign(source.columns.map((c) => ({ header: c.header, registryField: c.field })), user);
  const columns = source.columns.map((c, i) => ({ index: c.index, letter: c.letter, header: c.header, field: fields[i] ?? null }));
  const base = { sourceColumns: source.columns, columns, sheet: source.sheet, headerRow: source.headerRow };
  const missing = requiredListFields.filter((f) => !fields.includes(f));
  if (missing.length > 0) {
    await source.close();
    return { ...base, rows: [], missing };
  }
  const read = source.columns.flatMap((c, i) => (fields[i] ? [[c.index, fields[i]] as const] : []));
  const rows: ListRow[] = [];
  for await (const r of source.rows()) {
    const values: ListRow['values'] = {};
    for (const [index, field] of read) values[field] = r.raw[index] ?? null;
    rows.push({ row: r.row, values, raw: r.raw });
  }
  return { ...base, rows, missing };
}
