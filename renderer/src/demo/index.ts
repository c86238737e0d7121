/** The demo feature's public entry: the band shown on every screen and the offer on an empty Beranda. */
export { DemoBand } from './DemoBand';
export { DemoOffer } from './DemoOffer';
