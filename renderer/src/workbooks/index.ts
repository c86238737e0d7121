/** The workbooks feature's public entry: which desa returned their operator workbook (a meeting's follow-ups). */
export { WorkbookReturns } from './WorkbookReturns';
