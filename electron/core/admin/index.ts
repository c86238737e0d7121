/** The admin feature's public entry: the office profile every document and per-region rule needs. */
export { loadOffice, readOfficeProfile, toOffice, writeOfficeProfile } from './office';
