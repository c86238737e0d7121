/**
 * Rows of one .xlsx sheet, streamed: the workbook-level parts (shared strings, styles) are read once, then a
 * sheet's XML is inflated from the zip's central directory (xlsxIndex.ts) and scanned row by row
 * (sheetXml.ts). Nothing per cell is kept beyond its value, so a 100,000-row sheet reads in a fraction of
 * what exceljs's streaming reader takes (`npm run bench read`), with far less garbage to collect.
 */
import { asReadError, readErrors } from './errors';
import { SheetRowReader, readDateStyles, readSharedStrings, type SheetContext } from './sheetXml';
import type { RawRow } from './types';
import type { EntryStream, XlsxIndex, XlsxSheetEntry } from './xlsxIndex';

/** The rows of one sheet, in batches (one per chunk of sheet XML), plus the resources behind them. */
export interface RowPass {
  rows: AsyncIterator<RawRow[]>;
  /** Bytes of the sheet read so far (xlsx: uncompressed sheet XML; CSV: the file). */
  bytesRead(): number;
  close(): Promise<void>;
}

const PIECE = 64 * 1024;

/** The workbook-level parts parsed once; sheets are then opened by their archive path, any number of times. */
export class XlsxBook {
  private constructor(
    private readonly index: XlsxIndex,
    private readonly ctx: SheetContext,
    private readonly fileName: string,
    private readonly check: () => void,
  ) {}

  /** `check`: the caller's cancel hook (cancelCheck()), called between pieces of every part read. */
  static async open(index: XlsxIndex, fileName: string, check: () => void = () => {}): Promise<XlsxBook> {
    try {
      const shared = await index.openEntry('xl/sharedStrings.xml');
      const styles = await index.openEntry('xl/styles.xml');
      const sst = shared ? await readSharedStrings(shared.chunks, check) : null;
      const ctx: SheetContext = {
        sharedStrings: sst?.strings ?? [],
        overlongShared: sst?.overlong ?? new Set(),
        dateStyles: styles ? await readDateStyles(styles.chunks, check) : [],
        date1904: index.date1904,
      };
      return new XlsxBook(index, ctx, fileName, check);
    } catch (e) {
      throw asReadError(e, fileName);
    }
  }

  async openSheet(entry: XlsxSheetEntry): Promise<RowPass> {
    let opened: EntryStream | null;
    try {
      opened = await this.index.openEntry(entry.path, { crc32: false });
    } catch (e) {
      throw asReadError(e, this.fileName);
    }
    if (!opened) throw readErrors.corrupt(this.fileName);
    const source = opened;
    let read = 0;
    const reader = new SheetRowReader(this.ctx);
    const { fileName, check } = this;
    async function* batches(): AsyncGenerator<RawRow[]> {
      try {
        // The stream hands out everything buffered ahead (up to 4 MB) at once; pieces of 64 KB keep each batch
        // of rows small, progress fine-grained and cancel prompt. Nothing after </sheetData> is read (the
        // pre-scan, scanSheetXml, reads it for the merges and checks the whole part's CRC-32).
        for await (const chunk of source.chunks) {
          for (let i = 0; i < chunk.length; i += PIECE) {
            check();
            const piece = chunk.subarray(i, i + PIECE);
            read += piece.length;
            const rows = reader.write(piece);
            if (rows.length > 0) yield rows;
            if (reader.finished) return;
          }
        }
        const rest = reader.end();
        if (rest.length > 0) yield rest;
      } catch (e) {
        throw asReadError(e, fileName);
      } finally {
        source.destroy();
      }
    }
    const rows = batches();
    let closed = false;
    return {
      rows,
      bytesRead: () => read,
      async close() {
        if (closed) return;
        closed = true;
        try {
          await rows.return(undefined);
        } catch {
          /* already failed */
        }
        source.destroy();
      },
    };
  }

  /** Uncompressed size of a sheet's XML (for progress). */
  sheetSize(entry: XlsxSheetEntry): number {
    return this.index.entry(entry.path)?.uncompressedSize ?? 0;
  }
}
