/** The files feature's public entry: the outbox where the core leaves files for the user to save or open. */
export { Outbox } from './outbox';
