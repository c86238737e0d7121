/** The exports feature's public entry: the one way a value goes into an Excel cell (meeting recaps use it), the
 * .xlsx MIME type, the usulan program rule the import shares, and how the command line names a template. */
export { cleanText, columnNumFmt, putCell, toCell, type CellKind } from './cells';
export { XLSX_MIME } from './run';
export { usulanProgram } from './sources/common';
export { sheetDrained } from './sheetStream';
export { pickTemplate } from './templates';
