/** The guide feature's public entry: the Panduan page and the app-wide keyboard shortcuts. */
export { PanduanPage } from './PanduanPage';
export { useShortcuts } from './useShortcuts';
