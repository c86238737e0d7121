import { AppError } from '../api/errors';
import { type CellValue, headerKey, ImportReadError, openSource, type SourceColumn } from '../imports';

export type ListField = 'nik' | 'nama' | 'jenis' | 'tanggal' | 'nilai';

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
  values: Partial<Record<ListField, unknown>>;
  /** Every cell of the row as read, for the rejected-rows file. */
  raw?: CellValue[];
}

export interface InterventionList {
  rows: ListRow[];
  columns: SourceColumn[];
}

function fieldOf(col: SourceColumn): ListField | null {
  if (col.field === 'nik') return 'nik';
  return BY_KEY.get(headerKey(col.header)) ?? (col.field === 'nama' ? 'nama' : null);
}

/**
 * Reads an agency's intervention list (.xlsx or .csv) with the registry import's reading layer: the header
 * found below title rows by synonyms, a column-number row, repeated headers and signature blocks left out.
 */
export async function readInterventionList(bytes: Uint8Array, fileName: string): Promise<InterventionList> {
  let source;
  try {
    source = await openSource({ bytes, fileName }, { maxBytes: MAX_BYTES });
  } catch (e) {
    if (e instanceof ImportReadError) {
      if (e.code === 'FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', 'Berkas lebih dari 20 MB. Bagi daftar menjadi beberapa berkas.');
      if (e.code !== 'NO_HEADER') throw new AppError(e.code, e.message);
    } else throw e;
    source = null;
  }
  const columns = new Map<number, ListField>();
  for (const col of source?.columns ?? []) {
    const field = fieldOf(col);
    if (field && ![...columns.values()].includes(field)) columns.set(col.index, field);
  }
  const found = new Set(columns.values());
  if (!source || !found.has('nik') || !found.has('jenis')) {
    await source?.close();
    const seen = source ? ` Judul kolom yang terbaca (baris ${source.headerRow}): ${source.columns.map((c) => c.header).filter(Boolean).join(', ')}.` : '';
    throw new AppError('NO_HEADER', `Judul kolom tidak dikenali. Daftar harus memuat kolom "NIK" dan "Jenis bantuan" (serta "Tanggal", bila ada "Nilai").${seen}`);
  }
  const rows: ListRow[] = [];
  for await (const r of source.rows()) {
    const values: ListRow['values'] = {};
    for (const [index, field] of columns) values[field] = r.raw[index] ?? null;
    rows.push({ row: r.row, values, raw: r.raw });
  }
  return { rows, columns: source.columns };
}
