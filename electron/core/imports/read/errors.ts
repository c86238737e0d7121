/** Errors of the reading layer: a stable code for code and tests, an Indonesian message for the operator. */

export type ImportReadErrorCode =
  | 'FILE_NOT_XLSX'
  | 'FILE_ENCRYPTED'
  | 'FILE_XLS_OLD'
  | 'FILE_TOO_LARGE'
  | 'FILE_CORRUPT'
  | 'FILE_NOT_FOUND'
  | 'NO_HEADER'
  | 'EMPTY_SHEET'
  | 'SHEET_NOT_FOUND'
  | 'MAPPING_INVALID';

export interface HeaderSeen {
  sheet: string;
  row: number;
  headers: string[];
}

export class ImportReadError extends Error {
  override readonly name = 'ImportReadError';

  constructor(
    readonly code: ImportReadErrorCode,
    message: string,
    /** NO_HEADER: the most header-like row of each sheet examined. */
    readonly headersSeen: readonly HeaderSeen[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
}

export const readErrors = {
  notXlsx: (fileName: string, cause?: unknown) =>
    new ImportReadError(
      'FILE_NOT_XLSX',
      `Berkas bukan file Excel (.xlsx) yang valid: "${fileName}". Pastikan berkas dibuka di Excel lalu disimpan ` +
        'sebagai "Excel Workbook (*.xlsx)", atau gunakan CSV.',
      [],
      { cause },
    ),
  encrypted: (fileName: string) =>
    new ImportReadError(
      'FILE_ENCRYPTED',
      `Berkas "${fileName}" dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File › Info › Proteksi ` +
        'Buku Kerja › Enkripsi dengan Kata Sandi, kosongkan), simpan, lalu impor ulang.',
    ),
  xlsOld: (fileName: string) =>
    new ImportReadError(
      'FILE_XLS_OLD',
      `Berkas "${fileName}" berformat Excel lama (.xls) atau bukan .xlsx. Buka di Excel lalu simpan ulang ` +
        'sebagai .xlsx (File › Simpan Sebagai › Excel Workbook), kemudian impor ulang.',
    ),
  tooLarge: (fileName: string, size: number, limit: number) =>
    new ImportReadError(
      'FILE_TOO_LARGE',
      `Berkas "${fileName}" terlalu besar (${mb(size)}); batas ukuran adalah ${mb(limit)}. ` +
        'Pecah data menjadi beberapa berkas.',
    ),
  corrupt: (fileName: string, cause?: unknown) =>
    new ImportReadError(
      'FILE_CORRUPT',
      `Berkas Excel "${fileName}" rusak atau tidak dapat dibaca. Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.`,
      [],
      { cause },
    ),
  notFound: (path: string, cause?: unknown) =>
    new ImportReadError('FILE_NOT_FOUND', `Berkas tidak ditemukan atau tidak dapat dibuka: "${path}".`, [], { cause }),
  sheetNotFound: (sheet: string, available: readonly string[]) =>
    new ImportReadError(
      'SHEET_NOT_FOUND',
      `Sheet "${sheet}" tidak ada dalam berkas. Sheet yang ada: ${available.map((s) => `"${s}"`).join(', ')}.`,
    ),
  emptySheet: (sheet: string | null) =>
    new ImportReadError(
      'EMPTY_SHEET',
      sheet === null ? 'Berkas tidak berisi data (kosong).' : `Sheet "${sheet}" kosong: tidak ada isian sama sekali.`,
    ),
  noHeader: (seen: readonly HeaderSeen[]) => {
    const lines = seen.map(
      (s) => `sheet "${s.sheet}" baris ${s.row}: ${s.headers.slice(0, 12).map((h) => `"${h}"`).join(', ')}`,
    );
    return new ImportReadError(
      'NO_HEADER',
      'Tidak ditemukan baris judul kolom yang dikenali (minimal kolom NIK dan Nama) pada sheet yang terlihat. ' +
        (lines.length > 0 ? `Judul kolom yang terbaca: ${lines.join('; ')}.` : 'Tidak ada sheet yang terlihat.'),
      seen,
    );
  },
  mappingInvalid: (header: string, value: string) =>
    new ImportReadError(
      'MAPPING_INVALID',
      `Pemetaan kolom tersimpan tidak valid: kolom "${header}" dipetakan ke "${value}", yang bukan kolom impor.`,
    ),
};
