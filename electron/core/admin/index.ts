/** The admin feature's public entry: the office profile every document and per-region rule needs, the
 * letter numbers (nomor surat) documents take, and whether the office is set up (the core's access state). */
export { loadOffice, readOfficeProfile, toOffice, writeOfficeProfile } from './office';
export { takeNomor } from './nomor';
export { databaseWasSetUp, officeIsSetUp, officeNeedsRecovery } from './setUp';
