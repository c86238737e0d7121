import ExcelJS from 'exceljs';
import { normalizeKey } from '../../../shared/domain/text';
import { AppError } from '../api/errors';

export type ListField = 'nik' | 'nama' | 'jenis' | 'tanggal' | 'nilai';

// Agencies' lists differ; columns are found by their header text, never by position.
const SYNONYMS: Record<ListField, string[]> = {
  nik: ['nik', 'nomor induk kependudukan', 'no nik', 'nik penerima'],
  nama: ['nama', 'nama penerima', 'nama lengkap', 'nama kpm'],
  jenis: ['jenis', 'jenis bantuan', 'jenis intervensi', 'bantuan', 'intervensi', 'program', 'kegiatan'],
  tanggal: ['tanggal', 'tgl', 'tanggal penyaluran', 'tanggal terima', 'tanggal bantuan', 'waktu'],
  nilai: ['nilai', 'nilai rp', 'nilai bantuan', 'jumlah rp', 'anggaran', 'nominal'],
};

const MAX_BYTES = 20 * 1024 * 1024;
const HEADER_SCAN_ROWS = 15;

export interface ListRow {
  row: number;
  values: Partial<Record<ListField, unknown>>;
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return v.result ?? null;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return v.text;
  }
  return v ?? null;
}

/** Reads an agency's intervention list (.xlsx): first visible sheet, header found among the first rows. */
export async function readInterventionList(bytes: Uint8Array): Promise<ListRow[]> {
  if (bytes.byteLength > MAX_BYTES) throw new AppError('FILE_TOO_LARGE', 'Berkas lebih dari 20 MB. Bagi daftar menjadi beberapa berkas.');
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new AppError('FILE_NOT_XLSX', 'Berkas bukan file Excel (.xlsx). Simpan ulang daftar sebagai .xlsx lalu coba lagi.');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('FILE_NOT_XLSX', 'Berkas Excel tidak dapat dibaca (rusak atau bukan .xlsx).');
  }
  const sheet = workbook.worksheets.find((w) => w.state === 'visible');
  if (!sheet) throw new AppError('EMPTY_SHEET', 'Tidak ada lembar yang terlihat di berkas ini.');

  let headerRow = 0;
  let columns = new Map<number, ListField>();
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, sheet.rowCount); r++) {
    const found = new Map<number, ListField>();
    sheet.getRow(r).eachCell((cell, col) => {
      const key = normalizeKey(String(cellValue(cell.value) ?? '').replace(/\(.*?\)/g, ''));
      const field = (Object.keys(SYNONYMS) as ListField[]).find((f) => SYNONYMS[f].includes(key));
      if (field && ![...found.values()].includes(field)) found.set(col, field);
    });
    if ([...found.values()].includes('nik') && [...found.values()].includes('jenis')) {
      headerRow = r;
      columns = found;
      break;
    }
  }
  if (!headerRow) {
    throw new AppError('NO_HEADER', 'Judul kolom tidak dikenali. Daftar harus memuat kolom "NIK" dan "Jenis bantuan" (serta "Tanggal", bila ada "Nilai").');
  }
  const rows: ListRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const values: ListRow['values'] = {};
    for (const [col, field] of columns) values[field] = cellValue(sheet.getRow(r).getCell(col).value);
    const empty = Object.values(values).every((v) => v === null || String(v).trim() === '');
    if (!empty) rows.push({ row: r, values });
  }
  return rows;
}
