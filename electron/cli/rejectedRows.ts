import type { PreviewRow, RowProblem } from '../../shared/api/imports';

export interface RejectedListRow {
  row: number;
  /** With its code where the import report lists the row; beyond the report's cap the file gives the messages. */
  reasons: { code?: string; message: string }[];
}

/**
 * Every rejected row of an import, read back from the rejected-rows sheet the import left (its "Baris Asal"
 * and "Keterangan Kesalahan" columns, streamed: one row in memory at a time). The report carries at most
 * PREVIEW_ROW_LIMIT rows needing attention; the file has them all. Rows the report lists keep its reasons,
 * codes included.
 */
export async function readRejectedRows(path: string, reported: readonly PreviewRow[]): Promise<RejectedListRow[]> {
  const known = new Map<number, RowProblem[]>();
  for (const r of reported) if (r.outcome === 'rejected') known.set(r.row, r.reasons);
  const out: RejectedListRow[] = [];
  // Loaded only when rows were rejected (exceljs is a large package for the command line's start).
  const { default: ExcelJS } = await import('exceljs');
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore' })) {
    let rowCol = 0;
    let reasonCol = 0;
    for await (const row of sheet) {
      if (row.number === 1) {
        const header = row.values as unknown[];
        rowCol = header.indexOf('Baris Asal');
        reasonCol = header.indexOf('Keterangan Kesalahan');
        continue;
      }
      const n = Number(row.getCell(rowCol).value);
      const reasons = known.get(n);
      const text = String(row.getCell(reasonCol).value ?? '');
      out.push({ row: n, reasons: reasons ? reasons.map((p) => ({ code: p.code, message: p.message })) : text.split('; ').filter(Boolean).map((message) => ({ message })) });
    }
    break;
  }
  return out;
}
