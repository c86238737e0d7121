/** The regions feature's public entry: the region index other features look codes and names up in. */
export { normalizeRegionCode, RegionIndex } from './regionIndex';
