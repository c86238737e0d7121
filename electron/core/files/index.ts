/** The files feature's public entry: the outbox where the core leaves files for the user to save or open. */
export { Outbox, type OutboxFile } from './outbox';
export { readOwnedMeta, writeOwnedMeta, type FileOwner } from './owner';
export { incomingFile, uploadThrough } from './incoming';
