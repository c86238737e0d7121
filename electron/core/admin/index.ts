/** The admin feature's public entry: the office profile every document and per-region rule needs, and the
 * letter numbers (nomor surat) documents take. */
export { loadOffice, readOfficeProfile, toOffice, writeOfficeProfile } from './office';
export { takeNomor } from './nomor';
