import ExcelJS from 'exceljs';

/** The streaming options that read values and nothing else (styles are needed to know which numbers are dates). */
const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  hyperlinks: 'ignore',
  styles: 'cache',
  entries: 'emit',
} as const;

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
