/** The imports feature's public entry: the Excel/CSV reading layer other lists reuse (intervensi lists, meeting
 * operator sheets) and the rejected-rows file. */
export { headerKey, ImportReadError, openSource, type CellValue, type SourceColumn } from './read';
export { cellText } from './read/cells';
export { isSignatureText, MAX_FOOTER_CELLS } from './read/footer';
export { rejectedFileName, writeRejectedFile } from './rejectedFile';
/** The import pipeline and the staged uploads, for the operator workbooks (workbooks/) read back through them. */
export { runImport, type ImportResult } from './pipeline';
export { clearStaging, getStaged, removeStaged, sweepStaging } from './staging';
/** Picked files (uploads): claimed for their user, resolved by each call's `prepare`, removed when done. */
export { claimUpload, discardUpload, readUpload, readUploadBytes } from './uploads';
