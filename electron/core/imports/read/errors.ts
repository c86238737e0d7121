/** Errors of the reading layer: a stable code for code and tests, an Indonesian message for the operator. */

export type ImportReadErrorCode =
  | 'FILE_NOT_XLSX'
  | 'FILE_ENCRYPTED'
  | 'FILE_XLS_OLD'
  | 'FILE_TOO_LARGE'
  | 'FILE_CORRUPT'
  /** A zip entry's data does not match its CRC-32 or its stated size. */
  | 'FILE_CHECKSUM'
  /** A part of the file inflates beyond the reader's limits (zip bomb; see LIMITS). */
  | 'FILE_TOO_EXPANDED'
  /** One cell, shared string or row holds far more text than Excel can (see LIMITS.cellHardChars). */
  | 'CELL_TOO_LARGE'
  /** A cell or row reference outside Excel's grid (A1:XFD1048576). */
  | 'CELL_REF_INVALID'
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

/**
 * What the reader accepts, so that any input is read in time proportional to its bytes and in memory
 * independent of its rows and of any one cell. Excel's own limits where it has them.
 */
export const LIMITS = {
  /** Excel's largest cell text; longer text is cut here and the cell marked (RawRow/SourceRow.overlong). */
  cellChars: 32_767,
  /**
   * Raw XML characters of one cell's (or shared string's) text beyond which the file is refused
   * (CELL_TOO_LARGE): 32 × cellChars, more than any character references of an Excel-sized text can take.
   */
  cellHardChars: 32 * 32_767,
  /** Characters of text in one row (16,384 columns of short text fit many times over). */
  rowChars: 4 * 1024 * 1024,
  /** Excel's grid: columns A…XFD, rows 1…1,048,576. */
  maxColumn: 16_384,
  maxRow: 1_048_576,
  /** Uncompressed bytes of one zip entry. */
  entryBytes: 2 ** 31 - 1,
  /** Inflated / compressed bytes of one entry, enforced once an entry has inflated past ratioFloorBytes. */
  ratio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
  /** Parts read whole (workbook.xml, its rels). */
  smallPartBytes: 32 * 1024 * 1024,
  /** Shared strings table: number of strings and their total characters. */
  sharedStrings: 5_000_000,
  sharedStringChars: 100_000_000,
  /**
   * .xls and .ods are parsed whole in memory by SheetJS (no streaming, no cancel inside the parse): their files
   * are capped lower than .xlsx, so the parse stays within seconds and a few hundred MB of memory.
   */
  legacyBytes: 30 * 1024 * 1024,
  /** An .ods's content.xml, inflated (it is read whole as text). */
  odsXmlBytes: 160 * 1024 * 1024,
  /**
   * Cells an .ods may make SheetJS create: its rows and cells can be "repeated" any number of times, so a few
   * bytes can ask for billions of cells. Counted before SheetJS parses (100,000 rows × 15 columns fit; SheetJS
   * took ~500 MB of heap for 975,000 cells of an .xls, measured).
   */
  legacyCells: 1_500_000,
  /** Merged regions of one sheet. */
  merges: 200_000,
  /**
   * Records in the zip's central directory, and its size: an xlsx has tens of parts (a few per sheet), so
   * these leave room for thousands of sheets while no directory takes more than a fraction of a second.
   */
  zipEntries: 10_000,
  zipDirectoryBytes: 8 * 1024 * 1024,
  /** One XML tag (name and attributes), comment or processing instruction. */
  tagChars: 1024 * 1024,
} as const;

/**
 * Errors thrown by the caller's own hooks (OpenSourceOptions.throwIfCancelled) pass through the reader
 * unchanged instead of being reported as a damaged file.
 */
const callerErrors = new WeakSet<object>();

/** Runs the caller's cancellation hook, marking what it throws as the caller's. */
export function cancelCheck(hook: (() => void) | undefined): () => void {
  if (!hook) return () => {};
  return () => {
    try {
      hook();
    } catch (e) {
      if (typeof e === 'object' && e !== null) callerErrors.add(e);
      throw e;
    }
  };
}

/**
 * A limit or check failed deep in the reading, where the file's name is not known: asReadError() turns it into
 * the ImportReadError the operator sees. `where` names the part, cell or row (e.g. 'sel B7', 'xl/sharedStrings.xml').
 */
export class ReadFault extends Error {
  constructor(
    readonly kind: 'checksum' | 'expanded' | 'cell' | 'ref' | 'xml',
    readonly where: string,
  ) {
    super(`${kind}: ${where}`);
  }
}

/** An error of the reader or the caller's hook as it is; anything else (zlib, fs, a bug) as FILE_CORRUPT. */
export function asReadError(e: unknown, fileName: string): unknown {
  if (e instanceof ImportReadError) return e;
  if (e instanceof ReadFault) {
    switch (e.kind) {
      case 'checksum':
        return readErrors.checksum(fileName, e.where);
      case 'expanded':
        return readErrors.tooExpanded(fileName, e.where);
      case 'cell':
        return readErrors.cellTooLarge(fileName, e.where);
      case 'ref':
        return readErrors.cellRef(fileName, e.where);
      default:
        return readErrors.corrupt(fileName, e);
    }
  }
  if (typeof e === 'object' && e !== null && callerErrors.has(e)) return e;
  return readErrors.corrupt(fileName, e);
}

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
      `Berkas "${fileName}" bernama .xls tetapi bukan buku kerja Excel 97–2003 (misalnya halaman web/HTML atau XML ` +
        'yang diberi nama .xls oleh aplikasi lain). Buka di Excel lalu simpan ulang sebagai .xlsx (File › Simpan ' +
        'Sebagai › Excel Workbook), kemudian impor ulang.',
    ),
  legacyTooLarge: (fileName: string, ext: 'xls' | 'ods', size: number, limit: number) =>
    new ImportReadError(
      'FILE_TOO_LARGE',
      `Berkas .${ext} lebih dari ${mb(limit)}: "${fileName}" (${mb(size)}). Berkas .${ext} dibaca utuh di memori, ` +
        'jadi batasnya lebih kecil: buka di Excel/LibreOffice lalu simpan sebagai .xlsx (batas 200 MB), kemudian impor ulang.',
    ),
  tooManyCells: (fileName: string, where: string) =>
    new ImportReadError(
      'FILE_TOO_EXPANDED',
      `Berkas "${fileName}" ditolak: ${where} meminta lebih dari ${LIMITS.legacyCells.toLocaleString('id-ID')} sel ` +
        '(baris/sel berulang). Buka di LibreOffice/Excel, simpan sebagai .xlsx, lalu impor ulang.',
    ),
  tooLarge: (fileName: string, size: number, limit: number) =>
    new ImportReadError(
      'FILE_TOO_LARGE',
      `Berkas "${fileName}" terlalu besar (${mb(size)}); batas ukuran adalah ${mb(limit)}. ` +
        'Pecah data menjadi beberapa berkas.',
    ),
  tooManyEntries: (fileName: string, count: number, directoryBytes: number) =>
    new ImportReadError(
      'FILE_TOO_EXPANDED',
      `Berkas "${fileName}" ditolak: daftar isi zip-nya ` +
        (count > LIMITS.zipEntries
          ? `menyebut ${count.toLocaleString('id-ID')} bagian (file Excel biasa berisi puluhan; batas ${LIMITS.zipEntries.toLocaleString('id-ID')})`
          : `berukuran ${mb(directoryBytes)} (batas ${mb(LIMITS.zipDirectoryBytes)})`) +
        '. Kemungkinan berkas rusak atau sengaja dibuat berbahaya. Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.',
    ),
  corrupt: (fileName: string, cause?: unknown) =>
    new ImportReadError(
      'FILE_CORRUPT',
      `Berkas Excel "${fileName}" rusak atau tidak dapat dibaca. Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.`,
      [],
      { cause },
    ),
  checksum: (fileName: string, part: string) =>
    new ImportReadError(
      'FILE_CHECKSUM',
      `Berkas Excel "${fileName}" rusak: isi bagian "${part}" tidak cocok dengan checksum (CRC-32) atau ukurannya. ` +
        'Berkas mungkin terpotong saat diunduh atau disalin. Ambil ulang berkas aslinya, lalu impor ulang.',
    ),
  tooExpanded: (fileName: string, part: string) =>
    new ImportReadError(
      'FILE_TOO_EXPANDED',
      `Berkas "${fileName}" ditolak: bagian "${part}" mengembang jauh melebihi ukuran wajar file Excel ` +
        '(kemungkinan berkas rusak atau sengaja dibuat berbahaya). Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.',
    ),
  cellTooLarge: (fileName: string, where: string) =>
    new ImportReadError(
      'CELL_TOO_LARGE',
      `Berkas "${fileName}" ditolak: ${where} berisi teks jauh melebihi batas Excel ` +
        `(${LIMITS.cellChars.toLocaleString('id-ID')} karakter per sel). Periksa berkas tersebut di Excel.`,
    ),
  cellRef: (fileName: string, ref: string) =>
    new ImportReadError(
      'CELL_REF_INVALID',
      `Berkas "${fileName}" rusak: referensi sel "${ref.slice(0, 20)}" berada di luar lembar Excel ` +
        '(kolom A–XFD, baris 1–1.048.576). Buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi.',
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
