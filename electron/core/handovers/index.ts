/** The handovers feature's public entry: photos stored as files before migration 0018, taken into the database (a restore into the server, migrate-to-server). */
export { photoFilesIntoDatabase, type PhotoFilesCopy } from './photoFiles';
