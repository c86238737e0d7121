/**
 * The workbooks feature's public entry: operator workbooks made for one desa and read back (issue 19). Other
 * features (meeting follow-ups) use these; the calls are in ./handlers.
 */
export { workbooksHandlers } from './handlers';
export { readWorkbook } from './read';
