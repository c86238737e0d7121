import ExcelJS from 'exceljs';
import { READER_OPTIONS } from '../../electron/core/imports/read/xlsx';

/** The yardstick of the import benchmarks: exceljs's streaming reader alone, touching every cell. */
export async function bareReader(file: string): Promise<number> {
  let n = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS);
  for await (const ws of reader) {
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== undefined) cells++;
      });
      n++;
    }
  }
  return cells > 0 ? n : 0;
}
