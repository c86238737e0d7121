/** The backup feature's public entry: what the setup wizard (admin) uses — the data folder's set-up marker and
 * the backup settings with their folder check. */
export { dataFolderWasSetUp, markSetUpFrom } from './marker';
export { checkBackupFolder, defaultBackupSettings, writeBackupSettings } from './settings';
export { thisPc } from './thisPc';
