/** The regions feature's public entry: the region index other features look codes and names up in, the office's
 * remembered kecamatan/desa names, and loading the region data into a fresh database. */
export { normalizeRegionCode, RegionIndex } from './regionIndex';
export { nameKey } from './regionNames';
export { ensureRegionsLoaded } from './load';
export { listOfficeAliases, loadOfficeAliases, rememberRegionMappings, removeOfficeAlias, type OfficeAliases } from './officeAliases';
